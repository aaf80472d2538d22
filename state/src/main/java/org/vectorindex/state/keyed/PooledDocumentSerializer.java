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
 * Format 2 (written): a kind byte (0 = float32 vectors, 1 = INT8 codes), the component count and
 * the components (4 bytes each for float32, 1 byte each for INT8), then the FDE length (-1 for
 * none) and its components. INT8 codes exist so an INT8 collection's checkpoint holds one byte per
 * component, not its dequantized floats.
 *
 * <p>Format 1 (still read): the pooled float count and the float32 components, then the FDE length
 * (-1 for none) and its components.
 */
@Internal
public final class PooledDocumentSerializer extends VersionedSerializer<PooledDocument> {
    public static final PooledDocumentSerializer INSTANCE = new PooledDocumentSerializer();

    private static final int FLOAT32 = 0;
    private static final int INT8 = 1;

    @Override
    protected int currentVersion() {
        return 2;
    }

    @Override
    protected void write(PooledDocument d, DataOutputView out) throws IOException {
        if (d.codes() != null) {
            out.writeByte(INT8);
            SerdeIo.writeBytes(d.codes(), out);
        } else {
            out.writeByte(FLOAT32);
            SerdeIo.writeFloats(d.pooled(), out);
        }
        SerdeIo.writeFloats(d.fde(), out);
    }

    @Override
    protected PooledDocument read(int version, DataInputView in) throws IOException {
        int kind = version == 1 ? FLOAT32 : in.readUnsignedByte();
        float[] pooled = null;
        byte[] codes = null;
        if (kind == FLOAT32) {
            pooled = SerdeIo.readFloats(in);
        } else if (kind == INT8) {
            codes = SerdeIo.readBytes(in);
        } else {
            throw new IOException("unknown pooled-vector kind " + kind + " in format " + version);
        }
        return new PooledDocument(pooled, codes, SerdeIo.readFloats(in));
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
