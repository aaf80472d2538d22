package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.vectorindex.jobs.client.RecordSender;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.VectorResult;

/**
 * The page's query box, {@code POST /api/query}: a k-NN query by a pasted vector, by the stored
 * vector of an id ("more like this": a get to the shard that owns the id, then the query with its
 * answer), or by a text that a collection's embedder turns into a vector. Answers come back as
 * {@code queryResult} events under the queryId the request returned.
 */
final class QueryBox {
    /** A "more like this" waiting for its vector. */
    private record Pending(String queryId, String collection, int k) {}

    private final String prefix;
    private final String queriesTopic;
    private final RecordSender sender;
    private final AtomicLong nextId;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Function<String, float[]>> embedders = new ConcurrentHashMap<>();

    QueryBox(String prefix, String queriesTopic, RecordSender sender, AtomicLong nextId) {
        this.prefix = prefix;
        this.queriesTopic = queriesTopic;
        this.sender = sender;
        this.nextId = nextId;
    }

    /** Lets text queries on {@code collection} be embedded by {@code embed}. */
    void embedTextWith(String collection, Function<String, float[]> embed) {
        embedders.put(collection, embed);
    }

    /** The collections that take text queries, for the page. */
    void writeTextCollections(ArrayNode out) {
        embedders.keySet().stream().sorted().forEach(out::add);
    }

    /**
     * {@code {"collection":…, "k":10}} with exactly one of {@code "vector":[…]}, {@code "likeId":…}
     * or {@code "text":…}; returns {@code {"queryId":…}}.
     *
     * @throws IllegalArgumentException on a bad request
     */
    JsonNode handle(JsonNode req) {
        String collection = req.path("collection").asText("");
        if (collection.isEmpty()) {
            throw new IllegalArgumentException("collection is missing");
        }
        int k = req.path("k").asInt(10);
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("k must be in 1..1000, got " + k);
        }
        int given = (req.has("vector") ? 1 : 0) + (req.has("likeId") ? 1 : 0);
        given += req.has("text") ? 1 : 0;
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of vector, likeId or text");
        }
        String queryId = prefix + "q" + nextId.incrementAndGet();
        if (req.has("likeId")) {
            String likeId = req.path("likeId").asText("");
            if (likeId.isEmpty()) {
                throw new IllegalArgumentException("likeId is empty");
            }
            String getId = queryId + "-get";
            pending.put(getId, new Pending(queryId, collection, k));
            send(Query.get(getId, collection, likeId));
        } else {
            float[] vector = req.has("text") ? embed(collection, req) : vector(req.path("vector"));
            send(Query.knn(queryId, collection, vector, k, 0, null));
        }
        return JsonNodeFactory.instance.objectNode().put("queryId", queryId);
    }

    /**
     * The answer to one of this box's gets: sends the query with the vector, or returns the event
     * that tells the page the id holds none.
     *
     * @return the event to push, or null
     */
    ObjectNode onVector(VectorResult v) {
        Pending p = pending.remove(v.queryId());
        if (p == null) {
            return null; // not ours, or answered before
        }
        if (v.vector() == null) {
            return DashboardModel.event("queryResult")
                    .put("queryId", p.queryId())
                    .put("collection", p.collection())
                    .put(
                            "error",
                            "no vector with id '"
                                    + v.id()
                                    + "' in collection '"
                                    + p.collection()
                                    + "'")
                    .set("hits", JsonNodeFactory.instance.arrayNode());
        }
        send(Query.knn(p.queryId(), p.collection(), v.vector(), p.k(), 0, null));
        return null;
    }

    private float[] embed(String collection, JsonNode req) {
        Function<String, float[]> embed = embedders.get(collection);
        if (embed == null) {
            throw new IllegalArgumentException(
                    "collection '" + collection + "' takes no text queries here");
        }
        String text = req.path("text").asText("").strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("text is empty");
        }
        return embed.apply(text);
    }

    private static float[] vector(JsonNode v) {
        if (!v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException("vector must be a non-empty array of numbers");
        }
        float[] vector = new float[v.size()];
        for (int i = 0; i < vector.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException("vector[" + i + "] is not a number");
            }
            vector[i] = v.get(i).floatValue();
        }
        return vector;
    }

    private void send(Query q) {
        sender.send(queriesTopic, q);
        sender.flush();
    }
}
