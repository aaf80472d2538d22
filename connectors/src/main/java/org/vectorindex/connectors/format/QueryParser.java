package org.vectorindex.connectors.format;

import static org.vectorindex.operators.model.CollectionSpec.MAX_EF;
import static org.vectorindex.operators.model.CollectionSpec.MAX_K;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryType;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;

/**
 * Parses and validates records of the queries topic (JSON or the binary envelope, see
 * connectors/FORMATS.md): {@code knn}, {@code stats} and {@code get} with a queryId, {@code
 * subscribe} and {@code unsubscribe} with a subscriptionId. {@code k} must be in 1..{@value
 * CollectionSpec#MAX_K} and {@code ef}, when given, in 1..{@value CollectionSpec#MAX_EF}. Every
 * problem becomes a dead letter; {@link #parse} never throws. One instance per subtask (not
 * thread-safe).
 */
@Internal
public final class QueryParser extends RecordReader<Query> {
    private static final int TYPE = 1;
    private static final int QUERY_ID = 2;
    private static final int SUBSCRIPTION_ID = 4;
    private static final int COLLECTION = 8;
    private static final int VECTOR = 16;
    private static final int VECTORS = 32;
    private static final int K = 64;
    private static final int EF = 128;
    private static final int FILTER = 256;
    private static final int ID = 512;

    public QueryParser(CollectionRegistry collections, FormatSettings settings) {
        super(collections, settings);
    }

    @Override
    String kind() {
        return "query";
    }

    @Override
    Query locate(Query value, RawRecord raw) {
        return value.at(raw.partition(), raw.offset());
    }

    @Override
    Query readObject(JsonParser p, RawRecord raw, byte[] value, int payloadOffset)
            throws IOException, Rejection {
        Fields f = readFields(p);
        String id = checkedId(f);
        if (f.type == QueryType.GET) {
            return get(id, f.collection, f.targetId, f.seen, value, payloadOffset);
        }
        if (f.targetId != null) {
            throw new Rejection(RejectReason.UNEXPECTED_FIELD, "only a get query takes 'id'");
        }
        if (f.type == QueryType.UNSUBSCRIBE) {
            return unsubscribe(id, f, value, payloadOffset);
        }
        if (f.type == QueryType.STATS) {
            return stats(id, f.collection, f.seen, value, payloadOffset);
        }
        require(f.collection, "collection");
        CollectionSpec spec = collection(f.collection);
        if ((f.seen & K) == 0) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'k' is missing");
        }
        resolveVectors(spec, f.vector, f.vectors, value, payloadOffset);
        if (f.type == QueryType.KNN) {
            return resolvedVector != null
                    ? Query.knn(id, f.collection, resolvedVector, f.k, f.ef, f.filter)
                    : Query.knnMulti(id, f.collection, resolvedVectors, f.k, f.ef, f.filter);
        }
        return resolvedVector != null
                ? Query.subscribe(id, f.collection, resolvedVector, f.k, f.ef, f.filter)
                : Query.subscribeMulti(id, f.collection, resolvedVectors, f.k, f.ef, f.filter);
    }

    /** The fields of one record as read, before any check across fields. */
    private static final class Fields {
        int seen;
        QueryType type;
        String queryId;
        String subscriptionId;
        String collection;
        float[] vector;
        float[][] vectors;
        int k;
        int ef;
        Map<String, String> filter;
        String targetId;
    }

    private Fields readFields(JsonParser p) throws IOException, Rejection {
        Fields f = new Fields();
        String field;
        while ((field = p.nextFieldName()) != null) {
            p.nextToken();
            f.seen = markSeen(f.seen, bit(field), field);
            switch (field) {
                case "type" -> f.type = type(readString(p, field));
                case "queryId" -> f.queryId = readString(p, field);
                case "subscriptionId" -> f.subscriptionId = readString(p, field);
                case "collection" -> f.collection = readString(p, field);
                case "vector" -> f.vector = readVector(p, field);
                case "vectors" -> f.vectors = readVectors(p);
                case "k" -> f.k = readInt(p, field, RejectReason.K_OUT_OF_RANGE, 1, MAX_K);
                case "ef" -> f.ef = readInt(p, field, RejectReason.EF_OUT_OF_RANGE, 1, MAX_EF);
                case "filter" -> f.filter = readStringMap(p, field);
                case "id" -> f.targetId = readString(p, field);
                default -> throw unexpectedField(field, kind());
            }
        }
        return f;
    }

    /** The bit of a known field, for {@link #markSeen}; 0 for an unknown one. */
    private static int bit(String field) {
        return switch (field) {
            case "type" -> TYPE;
            case "queryId" -> QUERY_ID;
            case "subscriptionId" -> SUBSCRIPTION_ID;
            case "collection" -> COLLECTION;
            case "vector" -> VECTOR;
            case "vectors" -> VECTORS;
            case "k" -> K;
            case "ef" -> EF;
            case "filter" -> FILTER;
            case "id" -> ID;
            default -> 0;
        };
    }

    private static QueryType type(String name) throws Rejection {
        QueryType type = QueryType.fromWireName(name);
        if (type == null) {
            throw new Rejection(
                    RejectReason.UNKNOWN_QUERY_TYPE,
                    "unknown query type '"
                            + FieldRules.clip(name)
                            + "': expected knn, subscribe, unsubscribe, stats or get");
        }
        return type;
    }

    /** The type's own id field (queryId or subscriptionId), present, non-empty and valid. */
    private String checkedId(Fields f) throws Rejection {
        QueryType type = f.type;
        if (type == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'type' is missing");
        }
        boolean byQueryId = type.idField().equals("queryId");
        String id = byQueryId ? f.queryId : f.subscriptionId;
        String otherId = byQueryId ? f.subscriptionId : f.queryId;
        String otherName = byQueryId ? "subscriptionId" : "queryId";
        if (otherId != null) {
            throw new Rejection(
                    RejectReason.UNEXPECTED_FIELD,
                    "a "
                            + type.wireName()
                            + " query takes '"
                            + type.idField()
                            + "', not '"
                            + otherName
                            + "'");
        }
        if (id == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'" + type.idField() + "' is missing");
        }
        if (id.isEmpty()) {
            throw new Rejection(RejectReason.EMPTY_ID, "'" + type.idField() + "' is empty");
        }
        FieldRules.checkId(type.idField(), id, settings.fields());
        return id;
    }

    /** An unsubscribe: type, subscriptionId and optionally collection. */
    private Query unsubscribe(String id, Fields f, byte[] value, int payloadOffset)
            throws Rejection {
        checkNoVector(
                f.seen,
                value,
                payloadOffset,
                "unsubscribe",
                "type, subscriptionId and optionally collection");
        if (f.collection != null) {
            collection(f.collection);
        }
        return Query.unsubscribe(id, f.collection);
    }

    /** A stats request: type, queryId and collection, nothing else. */
    private Query stats(String id, String collection, int seen, byte[] value, int payloadOffset)
            throws Rejection {
        checkNoVector(seen, value, payloadOffset, "stats request", "type, queryId and collection");
        require(collection, "collection");
        collection(collection);
        return Query.stats(id, collection);
    }

    /** A get: type, queryId, collection (an hnsw one) and the id of a stored vector. */
    private Query get(
            String queryId,
            String collection,
            String targetId,
            int seen,
            byte[] value,
            int payloadOffset)
            throws Rejection {
        checkNoVector(seen, value, payloadOffset, "get", "type, queryId, collection and id");
        require(collection, "collection");
        require(targetId, "id");
        if (targetId.isEmpty()) {
            throw new Rejection(RejectReason.EMPTY_ID, "'id' is empty");
        }
        FieldRules.checkId("id", targetId, settings.fields());
        if (collection(collection).isMultiVector()) {
            throw new Rejection(
                    RejectReason.UNKNOWN_QUERY_TYPE,
                    "get is for hnsw collections; '"
                            + FieldRules.clip(collection)
                            + "' is multivector");
        }
        return Query.get(queryId, collection, targetId);
    }

    /**
     * Rejects the search fields and a binary vector payload in a request of {@code what} (which
     * carries only {@code fields}).
     */
    private static void checkNoVector(
            int seen, byte[] value, int payloadOffset, String what, String fields)
            throws Rejection {
        if ((seen & (VECTOR | VECTORS | K | EF | FILTER)) != 0) {
            String article = what.startsWith("u") ? "an " : "a ";
            throw new Rejection(
                    RejectReason.UNEXPECTED_FIELD, article + what + " carries only " + fields);
        }
        if (payloadOffset >= 0 && payloadOffset != value.length) {
            throw new Rejection(
                    RejectReason.BAD_BINARY_VECTOR, "a binary " + what + " has no vector payload");
        }
    }

    private static void require(Object field, String name) throws Rejection {
        if (field == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'" + name + "' is missing");
        }
    }
}
