package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format 2: kind (byte), ordinal, then a node record ({@link NodeRecordSerializer}), a links
 * record, nothing for FREE, or an INT8 node record ({@link Int8NodeRecordSerializer}, kind 3).
 * Format 1 is the same without kind 3.
 */
@Internal
public final class LogRecordSerializer extends VersionedSerializer<LogRecord> {
    public static final LogRecordSerializer INSTANCE = new LogRecordSerializer();

    /** Format codes of the kinds, by position; never reordered. */
    private static final LogRecord.Kind[] KINDS = {
        LogRecord.Kind.NODE, LogRecord.Kind.LINKS, LogRecord.Kind.FREE, LogRecord.Kind.INT8_NODE
    };

    @Override
    protected int currentVersion() {
        return 2;
    }

    @Override
    protected void write(LogRecord r, DataOutputView out) throws IOException {
        SerdeIo.writeEnum(r.kind(), KINDS, out);
        out.writeInt(r.ordinal());
        switch (r.kind()) {
            case NODE -> NodeRecordSerializer.INSTANCE.serialize(r.node(), out);
            case LINKS -> LinksSerializer.INSTANCE.serialize(r.links(), out);
            case FREE -> {}
            case INT8_NODE -> Int8NodeRecordSerializer.INSTANCE.serialize(r.int8Node(), out);
        }
    }

    @Override
    protected LogRecord read(int version, DataInputView in) throws IOException {
        LogRecord.Kind kind =
                SerdeIo.readEnum(in, KINDS, version >= 2 ? 4 : 3, "log record kind", version);
        int ordinal = in.readInt();
        return switch (kind) {
            case NODE -> LogRecord.node(ordinal, NodeRecordSerializer.INSTANCE.deserialize(in));
            case LINKS -> LogRecord.links(ordinal, LinksSerializer.INSTANCE.deserialize(in));
            case FREE -> LogRecord.free(ordinal);
            case INT8_NODE ->
                    LogRecord.int8Node(ordinal, Int8NodeRecordSerializer.INSTANCE.deserialize(in));
        };
    }

    @Override
    public LogRecord createInstance() {
        return LogRecord.free(0);
    }

    @Override
    public TypeSerializerSnapshot<LogRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of this serializer; the per-record version byte carries format evolution. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LogRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
