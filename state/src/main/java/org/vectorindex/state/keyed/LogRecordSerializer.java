package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Format 2: kind (byte), ordinal, then a node record ({@link NodeRecordSerializer}), a links
 * record, nothing for FREE, or an INT8 node record ({@link Int8NodeRecordSerializer}, kind 3).
 * Format 1 is the same without kind 3.
 */
public final class LogRecordSerializer extends VersionedSerializer<LogRecord> {
    public static final LogRecordSerializer INSTANCE = new LogRecordSerializer();

    @Override
    int currentVersion() {
        return 2;
    }

    @Override
    void write(LogRecord r, DataOutputView out) throws IOException {
        out.writeByte(r.kind().ordinal());
        out.writeInt(r.ordinal());
        switch (r.kind()) {
            case NODE -> NodeRecordSerializer.INSTANCE.serialize(r.node(), out);
            case LINKS -> LinksSerializer.INSTANCE.serialize(r.links(), out);
            case FREE -> {}
            case INT8_NODE -> Int8NodeRecordSerializer.INSTANCE.serialize(r.int8Node(), out);
        }
    }

    @Override
    LogRecord read(int version, DataInputView in) throws IOException {
        int kind = in.readUnsignedByte();
        int ordinal = in.readInt();
        if (kind == LogRecord.Kind.NODE.ordinal()) {
            return LogRecord.node(ordinal, NodeRecordSerializer.INSTANCE.deserialize(in));
        }
        if (kind == LogRecord.Kind.LINKS.ordinal()) {
            return LogRecord.links(ordinal, LinksSerializer.INSTANCE.deserialize(in));
        }
        if (kind == LogRecord.Kind.FREE.ordinal()) {
            return LogRecord.free(ordinal);
        }
        if (kind == LogRecord.Kind.INT8_NODE.ordinal() && version >= 2) {
            return LogRecord.int8Node(ordinal, Int8NodeRecordSerializer.INSTANCE.deserialize(in));
        }
        throw new IOException("unknown log record kind " + kind + " in format " + version);
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
