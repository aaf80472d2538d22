package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.hnsw.NodeRecord;

/** Format 1: id (modified UTF-8), deleted flag, level, dimension, then the float32 components. */
public final class NodeRecordSerializer extends VersionedSerializer<NodeRecord> {
    public static final NodeRecordSerializer INSTANCE = new NodeRecordSerializer();

    @Override
    int currentVersion() {
        return 1;
    }

    @Override
    void write(NodeRecord r, DataOutputView out) throws IOException {
        out.writeUTF(r.id());
        out.writeBoolean(r.deleted());
        out.writeInt(r.level());
        float[] v = r.vector();
        out.writeInt(v.length);
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    @Override
    NodeRecord read(int version, DataInputView in) throws IOException {
        String id = in.readUTF();
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
