package org.vectorindex.connectors.format;

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
        if (f.collection == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'collection' is missing");
        }
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
            switch (field) {
                case "type":
                    f.seen = markSeen(f.seen, TYPE, field);
                    String name = readString(p, field);
                    f.type = QueryType.fromWireName(name);
                    if (f.type == null) {
                        throw new Rejection(
                                RejectReason.UNKNOWN_QUERY_TYPE,
                                "unknown query type '"
                                        + FieldRules.clip(name)
                                        + "': expected knn, subscribe, unsubscribe, stats or"
                                        + " get");
                    }
                    break;
                case "queryId":
                    f.seen = markSeen(f.seen, QUERY_ID, field);
                    f.queryId = readString(p, field);
                    break;
                case "subscriptionId":
                    f.seen = markSeen(f.seen, SUBSCRIPTION_ID, field);
                    f.subscriptionId = readString(p, field);
                    break;
                case "collection":
                    f.seen = markSeen(f.seen, COLLECTION, field);
                    f.collection = readString(p, field);
                    break;
                case "vector":
                    f.seen = markSeen(f.seen, VECTOR, field);
                    f.vector = readVector(p, field);
                    break;
                case "vectors":
                    f.seen = markSeen(f.seen, VECTORS, field);
                    f.vectors = readVectors(p);
                    break;
                case "k":
                    f.seen = markSeen(f.seen, K, field);
                    f.k = readInt(p, field, RejectReason.K_OUT_OF_RANGE, 1, CollectionSpec.MAX_K);
                    break;
                case "ef":
                    f.seen = markSeen(f.seen, EF, field);
                    f.ef =
                            readInt(
                                    p,
                                    field,
                                    RejectReason.EF_OUT_OF_RANGE,
                                    1,
                                    CollectionSpec.MAX_EF);
                    break;
                case "filter":
                    f.seen = markSeen(f.seen, FILTER, field);
                    f.filter = readStringMap(p, field);
                    break;
                case "id":
                    f.seen = markSeen(f.seen, ID, field);
                    f.targetId = readString(p, field);
                    break;
                default:
                    throw unexpectedField(field, kind());
            }
        }
        return f;
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
        if ((f.seen & (VECTOR | VECTORS | K | EF | FILTER)) != 0) {
            throw new Rejection(
                    RejectReason.UNEXPECTED_FIELD,
                    "an unsubscribe carries only type, subscriptionId and optionally"
                            + " collection");
        }
        if (payloadOffset >= 0 && payloadOffset != value.length) {
            throw new Rejection(
                    RejectReason.BAD_BINARY_VECTOR, "a binary unsubscribe has no vector payload");
        }
        if (f.collection != null) {
            collection(f.collection);
        }
        return Query.unsubscribe(id, f.collection);
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
