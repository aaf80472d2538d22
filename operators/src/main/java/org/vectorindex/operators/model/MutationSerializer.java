package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.StringFormat;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format v1: op byte (0 upsert, 1 delete), collection, id, shape byte (0 none, 1 vector, 2
 * vectors), the vector(s), attributes. Format v2 appends the source partition (int) and offset
 * (long); v1 reads them as -1. Format v3 is v2 behind a version byte; v1 and v2, written without
 * one, are read from state of that era ({@link LegacyModelSnapshot}).
 */
@Internal
public final class MutationSerializer extends VersionedSerializer<Mutation> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 3;
    public static final MutationSerializer INSTANCE = new MutationSerializer();

    @Override
    protected void write(Mutation m, DataOutputView out) throws IOException {
        out.writeByte(m.op() == MutationOp.UPSERT ? 0 : 1);
        SerdeIo.writeString(m.collection(), out);
        SerdeIo.writeString(m.id(), out);
        if (m.vector() != null) {
            out.writeByte(1);
            SerdeIo.writeFloats(m.vector(), out);
        } else if (m.vectors() != null) {
            out.writeByte(2);
            SerdeIo.writeMatrix(m.vectors(), out);
        } else {
            out.writeByte(0);
        }
        SerdeIo.writeStringMap(m.attributes(), out);
        out.writeInt(m.sourcePartition());
        out.writeLong(m.sourceOffset());
    }

    @Override
    protected Mutation read(int version, DataInputView in) throws IOException {
        int op = in.readByte();
        String collection = SerdeIo.readNullableString(in);
        String id = SerdeIo.readNullableString(in);
        int shape = in.readByte();
        float[] vector = shape == 1 ? SerdeIo.readFloats(in) : null;
        float[][] vectors = shape == 2 ? SerdeIo.readMatrix(in) : null;
        if (shape < 0 || shape > 2) {
            throw SerdeIo.corrupt("mutation vector shape", shape);
        }
        var attributes = SerdeIo.readStringMap(in, StringFormat.STRING_VALUE);
        Mutation m =
                switch (op) {
                    case 0 ->
                            vector != null
                                    ? Mutation.upsert(collection, id, vector, attributes)
                                    : Mutation.upsertMulti(collection, id, vectors, attributes);
                    case 1 -> Mutation.delete(collection, id);
                    default -> throw SerdeIo.corrupt("mutation op", op);
                };
        return version >= 2 ? m.at(in.readInt(), in.readLong()) : m;
    }

    @Override
    protected int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public TypeSerializerSnapshot<Mutation> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends ModelSnapshot<Mutation> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
