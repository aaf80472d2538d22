package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.VersionedSerializer;

/** Format 1: kind (byte), ordinal, then a node record, a links record, or nothing for FREE. */
public final class LogRecordSerializer extends VersionedSerializer<LogRecord> {
    public static final LogRecordSerializer INSTANCE = new LogRecordSerializer();

    /** Format codes of the kinds, by position; never reordered. */
    private static final LogRecord.Kind[] KINDS = {
        LogRecord.Kind.NODE, LogRecord.Kind.LINKS, LogRecord.Kind.FREE
    };

    @Override
    protected int currentVersion() {
        return 1;
    }

    @Override
    protected void write(LogRecord r, DataOutputView out) throws IOException {
        SerdeIo.writeEnum(r.kind(), KINDS, out);
        out.writeInt(r.ordinal());
        switch (r.kind()) {
            case NODE -> NodeRecordSerializer.INSTANCE.serialize(r.node(), out);
            case LINKS -> LinksSerializer.INSTANCE.serialize(r.links(), out);
            case FREE -> {}
        }
    }

    @Override
    protected LogRecord read(int version, DataInputView in) throws IOException {
        LogRecord.Kind kind = SerdeIo.readEnum(in, KINDS, "log record kind");
        int ordinal = in.readInt();
        return switch (kind) {
            case NODE -> LogRecord.node(ordinal, NodeRecordSerializer.INSTANCE.deserialize(in));
            case LINKS -> LogRecord.links(ordinal, LinksSerializer.INSTANCE.deserialize(in));
            case FREE -> LogRecord.free(ordinal);
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
