package org.vectorindex.connectors.format;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Map;
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
        int seen = 0;
        QueryType type = null;
        String queryId = null;
        String subscriptionId = null;
        String collection = null;
        float[] vector = null;
        float[][] vectors = null;
        int k = 0;
        int ef = 0;
        Map<String, String> filter = null;
        String targetId = null;
        String field;
        while ((field = p.nextFieldName()) != null) {
            p.nextToken();
            switch (field) {
                case "type":
                    seen = markSeen(seen, TYPE, field);
                    String name = readString(p, field);
                    type = QueryType.fromWireName(name);
                    if (type == null) {
                        throw new Rejection(
                                RejectReason.UNKNOWN_QUERY_TYPE,
                                "unknown query type '"
                                        + FieldRules.clip(name)
                                        + "': expected knn, subscribe, unsubscribe, stats or"
                                        + " get");
                    }
                    break;
                case "queryId":
                    seen = markSeen(seen, QUERY_ID, field);
                    queryId = readString(p, field);
                    break;
                case "subscriptionId":
                    seen = markSeen(seen, SUBSCRIPTION_ID, field);
                    subscriptionId = readString(p, field);
                    break;
                case "collection":
                    seen = markSeen(seen, COLLECTION, field);
                    collection = readString(p, field);
                    break;
                case "vector":
                    seen = markSeen(seen, VECTOR, field);
                    vector = readVector(p, field);
                    break;
                case "vectors":
                    seen = markSeen(seen, VECTORS, field);
                    vectors = readVectors(p);
                    break;
                case "k":
                    seen = markSeen(seen, K, field);
                    k = readInt(p, field, RejectReason.K_OUT_OF_RANGE, 1, CollectionSpec.MAX_K);
                    break;
                case "ef":
                    seen = markSeen(seen, EF, field);
                    ef = readInt(p, field, RejectReason.EF_OUT_OF_RANGE, 1, CollectionSpec.MAX_EF);
                    break;
                case "filter":
                    seen = markSeen(seen, FILTER, field);
                    filter = readStringMap(p, field);
                    break;
                case "id":
                    seen = markSeen(seen, ID, field);
                    targetId = readString(p, field);
                    break;
                default:
                    throw unexpectedField(field, kind());
            }
        }
        if (type == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'type' is missing");
        }
        boolean byQueryId = type.idField().equals("queryId");
        String id = byQueryId ? queryId : subscriptionId;
        String otherId = byQueryId ? subscriptionId : queryId;
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
        if (type == QueryType.GET) {
            return get(id, collection, targetId, seen, value, payloadOffset);
        }
        if (targetId != null) {
            throw new Rejection(RejectReason.UNEXPECTED_FIELD, "only a get query takes 'id'");
        }
        if (type == QueryType.UNSUBSCRIBE) {
            if ((seen & (VECTOR | VECTORS | K | EF | FILTER)) != 0) {
                throw new Rejection(
                        RejectReason.UNEXPECTED_FIELD,
                        "an unsubscribe carries only type, subscriptionId and optionally"
                                + " collection");
            }
            if (payloadOffset >= 0 && payloadOffset != value.length) {
                throw new Rejection(
                        RejectReason.BAD_BINARY_VECTOR,
                        "a binary unsubscribe has no vector payload");
            }
            if (collection != null) {
                collection(collection);
            }
            return Query.unsubscribe(id, collection);
        }
        if (type == QueryType.STATS) {
            return stats(id, collection, seen, value, payloadOffset);
        }
        if (collection == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'collection' is missing");
        }
        CollectionSpec spec = collection(collection);
        if ((seen & K) == 0) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'k' is missing");
        }
        resolveVectors(spec, vector, vectors, value, payloadOffset);
        if (type == QueryType.KNN) {
            return resolvedVector != null
                    ? Query.knn(id, collection, resolvedVector, k, ef, filter)
                    : Query.knnMulti(id, collection, resolvedVectors, k, ef, filter);
        }
        return resolvedVector != null
                ? Query.subscribe(id, collection, resolvedVector, k, ef, filter)
                : Query.subscribeMulti(id, collection, resolvedVectors, k, ef, filter);
    }

    /** A stats request: type, queryId and collection, nothing else. */
    private Query stats(String id, String collection, int seen, byte[] value, int payloadOffset)
            throws Rejection {
        if ((seen & (VECTOR | VECTORS | K | EF | FILTER)) != 0) {
            throw new Rejection(
                    RejectReason.UNEXPECTED_FIELD,
                    "a stats request carries only type, queryId and collection");
        }
        if (payloadOffset >= 0 && payloadOffset != value.length) {
            throw new Rejection(
                    RejectReason.BAD_BINARY_VECTOR, "a binary stats request has no vector payload");
        }
        if (collection == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'collection' is missing");
        }
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
        if ((seen & (VECTOR | VECTORS | K | EF | FILTER)) != 0) {
            throw new Rejection(
                    RejectReason.UNEXPECTED_FIELD,
                    "a get carries only type, queryId, collection and id");
        }
        if (payloadOffset >= 0 && payloadOffset != value.length) {
            throw new Rejection(
                    RejectReason.BAD_BINARY_VECTOR, "a binary get has no vector payload");
        }
        if (collection == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'collection' is missing");
        }
        if (targetId == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'id' is missing");
        }
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
}
