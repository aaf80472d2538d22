package org.vectorindex.state.keyed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.VersionedSerializer;

/** Format 1: the entry count, then each entry as {@link LogRecordSerializer} writes it. */
@Internal
public final class LogChunkSerializer extends VersionedSerializer<LogChunk> {
    public static final LogChunkSerializer INSTANCE = new LogChunkSerializer();

    @Override
    protected int currentVersion() {
        return 1;
    }

    @Override
    protected void write(LogChunk chunk, DataOutputView out) throws IOException {
        out.writeInt(chunk.records().size());
        for (LogRecord r : chunk.records()) {
            LogRecordSerializer.INSTANCE.serialize(r, out);
        }
    }

    @Override
    protected LogChunk read(int version, DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw SerdeIo.corrupt("log chunk entry count", n);
        }
        List<LogRecord> records = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            records.add(LogRecordSerializer.INSTANCE.deserialize(in));
        }
        return new LogChunk(records);
    }

    @Override
    public LogChunk createInstance() {
        return new LogChunk(List.of());
    }

    @Override
    public TypeSerializerSnapshot<LogChunk> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of this serializer; the per-record version byte carries format evolution. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LogChunk> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
