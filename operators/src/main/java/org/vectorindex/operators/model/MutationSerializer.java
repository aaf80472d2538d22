package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.StringFormat;

/**
 * Format v1: op byte (0 upsert, 1 delete), collection, id, shape byte (0 none, 1 vector, 2
 * vectors), the vector(s), attributes. Format v2 appends the source partition (int) and offset
 * (long); v1 reads them as -1.
 */
public final class MutationSerializer extends ModelSerializer<Mutation> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 2;
    public static final MutationSerializer INSTANCE = new MutationSerializer();

    public MutationSerializer() {
        this(CURRENT_VERSION);
    }

    private MutationSerializer(int readVersion) {
        super(readVersion);
    }

    @Override
    public int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected ModelSerializer<Mutation> withReadVersion(int version) {
        return new MutationSerializer(version);
    }

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
    protected Mutation read(DataInputView in, int version) throws IOException {
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
}
