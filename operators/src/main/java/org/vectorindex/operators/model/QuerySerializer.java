package org.vectorindex.operators.model;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.StringFormat;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format v2: type byte (0 knn, 1 subscribe, 2 unsubscribe, 3 stats), id, collection (nullable),
 * shape byte (0 none, 1 vector, 2 vectors), the vector(s), k, ef, filter. Format v1 is the same
 * without type 3; format v3 appends the source partition (int) and offset (long), and adds type 4
 * (get), whose target id follows the coordinates. Formats v1 and v2 are still read, with the
 * coordinates -1. Format v4 is v3 behind a version byte; v1 to v3, written without one, are read
 * from state of that era ({@link LegacyModelSnapshot}).
 */
@Internal
public final class QuerySerializer extends VersionedSerializer<Query> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 4;
    public static final QuerySerializer INSTANCE = new QuerySerializer();

    /** The type codes; format 1 knew the first three, format 2 four, format 3 on all five. */
    private static final QueryType[] TYPES = {
        QueryType.KNN, QueryType.SUBSCRIBE, QueryType.UNSUBSCRIBE, QueryType.STATS, QueryType.GET
    };

    @Override
    protected void write(Query q, DataOutputView out) throws IOException {
        SerdeIo.writeEnum(q.type(), TYPES, out);
        SerdeIo.writeString(q.id(), out);
        SerdeIo.writeString(q.collection(), out);
        if (q.vector() != null) {
            out.writeByte(1);
            SerdeIo.writeFloats(q.vector(), out);
        } else if (q.vectors() != null) {
            out.writeByte(2);
            SerdeIo.writeMatrix(q.vectors(), out);
        } else {
            out.writeByte(0);
        }
        out.writeInt(q.k());
        out.writeInt(q.ef());
        SerdeIo.writeStringMap(q.filter(), out);
        out.writeInt(q.sourcePartition());
        out.writeLong(q.sourceOffset());
        if (q.type() == QueryType.GET) {
            SerdeIo.writeString(q.targetId(), out);
        }
    }

    @Override
    protected Query read(int version, DataInputView in) throws IOException {
        QueryType type =
                SerdeIo.readEnum(in, TYPES, version >= 3 ? 5 : version + 2, "query type", version);
        String id = SerdeIo.readNullableString(in);
        String collection = SerdeIo.readNullableString(in);
        int shape = in.readByte();
        if (shape < 0 || shape > 2) {
            throw SerdeIo.corrupt("query vector shape", shape);
        }
        float[] vector = shape == 1 ? SerdeIo.readFloats(in) : null;
        float[][] vectors = shape == 2 ? SerdeIo.readMatrix(in) : null;
        int k = in.readInt();
        int ef = in.readInt();
        var filter = SerdeIo.readStringMap(in, StringFormat.STRING_VALUE);
        if (type == QueryType.GET) {
            int partition = in.readInt();
            long offset = in.readLong();
            return Query.get(id, collection, SerdeIo.readNullableString(in)).at(partition, offset);
        }
        Query q = query(type, id, collection, vector, vectors, k, ef, filter);
        return version >= 3 ? q.at(in.readInt(), in.readLong()) : q;
    }

    private static Query query(
            QueryType type,
            String id,
            String collection,
            float[] vector,
            float[][] vectors,
            int k,
            int ef,
            Map<String, String> filter) {
        return switch (type) {
            case KNN ->
                    vector != null
                            ? Query.knn(id, collection, vector, k, ef, filter)
                            : Query.knnMulti(id, collection, vectors, k, ef, filter);
            case SUBSCRIBE ->
                    vector != null
                            ? Query.subscribe(id, collection, vector, k, ef, filter)
                            : Query.subscribeMulti(id, collection, vectors, k, ef, filter);
            case UNSUBSCRIBE -> Query.unsubscribe(id, collection);
            case STATS -> Query.stats(id, collection);
            case GET -> throw new IllegalStateException("a get is read before");
        };
    }

    @Override
    protected int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public TypeSerializerSnapshot<Query> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends ModelSnapshot<Query> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
