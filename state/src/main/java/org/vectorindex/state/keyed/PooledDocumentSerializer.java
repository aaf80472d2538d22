package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Format 1: the pooled float count and the float32 components, then the FDE length (-1 for none)
 * and its components.
 */
public final class PooledDocumentSerializer extends VersionedSerializer<PooledDocument> {
    public static final PooledDocumentSerializer INSTANCE = new PooledDocumentSerializer();

    @Override
    int currentVersion() {
        return 1;
    }

    @Override
    void write(PooledDocument d, DataOutputView out) throws IOException {
        writeFloats(d.pooled(), out);
        if (d.fde() == null) {
            out.writeInt(-1);
        } else {
            writeFloats(d.fde(), out);
        }
    }

    private static void writeFloats(float[] v, DataOutputView out) throws IOException {
        out.writeInt(v.length);
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    @Override
    PooledDocument read(int version, DataInputView in) throws IOException {
        float[] pooled = readFloats(in.readInt(), in);
        int fdeLength = in.readInt();
        return new PooledDocument(pooled, fdeLength < 0 ? null : readFloats(fdeLength, in));
    }

    private static float[] readFloats(int length, DataInputView in) throws IOException {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    @Override
    public PooledDocument createInstance() {
        return new PooledDocument(new float[0], null);
    }

    @Override
    public TypeSerializerSnapshot<PooledDocument> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of this serializer; the per-record version byte carries format evolution. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PooledDocument> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
