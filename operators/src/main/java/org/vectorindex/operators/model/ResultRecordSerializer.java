package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format v2: a tag byte (0 {@link QueryResult}, 1 {@link SubscriptionUpdate}, 2 {@link
 * StatsResult}) followed by that type's v1 format. Format v1 is the same without tag 2; format v3
 * adds tag 3, a {@link VectorResult}: queryId, collection, id, the vector (length -1 when absent).
 * Formats v1 and v2 are still read. Format v4 is v3 behind a version byte; v1 to v3, written
 * without one, are read from state of that era ({@link LegacyModelSnapshot}).
 */
@Internal
public final class ResultRecordSerializer extends VersionedSerializer<ResultRecord> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 4;
    public static final ResultRecordSerializer INSTANCE = new ResultRecordSerializer();

    @Override
    protected void write(ResultRecord r, DataOutputView out) throws IOException {
        if (r instanceof QueryResult q) {
            out.writeByte(0);
            QueryResultSerializer.INSTANCE.write(q, out);
        } else if (r instanceof SubscriptionUpdate u) {
            out.writeByte(1);
            SubscriptionUpdateSerializer.INSTANCE.write(u, out);
        } else if (r instanceof VectorResult v) {
            out.writeByte(3);
            SerdeIo.writeString(v.queryId(), out);
            SerdeIo.writeString(v.collection(), out);
            SerdeIo.writeString(v.id(), out);
            SerdeIo.writeFloats(v.vector(), out);
        } else {
            out.writeByte(2);
            StatsResultSerializer.INSTANCE.write((StatsResult) r, out);
        }
    }

    @Override
    protected ResultRecord read(int version, DataInputView in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 0:
                return QueryResultSerializer.INSTANCE.read(1, in);
            case 1:
                return SubscriptionUpdateSerializer.INSTANCE.read(1, in);
            case 2:
                if (version >= 2) {
                    return StatsResultSerializer.INSTANCE.read(1, in);
                }
                throw SerdeIo.corrupt("result record tag (format v1)", tag);
            case 3:
                if (version >= 3) {
                    return readVector(in);
                }
                throw SerdeIo.corrupt("result record tag (format v" + version + ")", tag);
            default:
                throw SerdeIo.corrupt("result record tag", tag);
        }
    }

    private static VectorResult readVector(DataInputView in) throws IOException {
        String queryId = SerdeIo.readNullableString(in);
        String collection = SerdeIo.readNullableString(in);
        String id = SerdeIo.readNullableString(in);
        return new VectorResult(queryId, collection, id, SerdeIo.readFloats(in));
    }

    @Override
    protected int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public TypeSerializerSnapshot<ResultRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends ModelSnapshot<ResultRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
