package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.hnsw.NodeRecord;
import org.vectorindex.state.serde.StringFormat;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format 2: id ({@link StringFormat#STRING_VALUE}, no length limit), deleted flag, level,
 * dimension, then the float32 components. Format 1, the same with the id in modified UTF-8 ({@code
 * writeUTF}), is still read.
 */
@Internal
public final class NodeRecordSerializer extends VersionedSerializer<NodeRecord> {
    public static final NodeRecordSerializer INSTANCE = new NodeRecordSerializer();

    @Override
    protected int currentVersion() {
        return 2;
    }

    @Override
    protected void write(NodeRecord r, DataOutputView out) throws IOException {
        StringFormat.write(r.id(), out);
        out.writeBoolean(r.deleted());
        out.writeInt(r.level());
        float[] v = r.vector();
        out.writeInt(v.length);
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    @Override
    protected NodeRecord read(int version, DataInputView in) throws IOException {
        String id = StringFormat.of(version, 2).read(in);
        boolean deleted = in.readBoolean();
        int level = in.readInt();
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return new NodeRecord(id, v, level, deleted);
    }

    @Override
    public NodeRecord createInstance() {
        return new NodeRecord("", new float[0], 0, false);
    }

    @Override
    public TypeSerializerSnapshot<NodeRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of this serializer; the per-record version byte carries format evolution. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<NodeRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
