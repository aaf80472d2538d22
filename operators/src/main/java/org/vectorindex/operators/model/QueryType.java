package org.vectorindex.operators.model;

import org.apache.flink.annotation.PublicEvolving;

/** Kind of a {@link Query}; {@link #wireName()} is the value of the JSON {@code "type"} field. */
@PublicEvolving
public enum QueryType {
    /** One-shot k-NN: answered by exactly one {@link QueryResult}. */
    KNN("knn", "queryId"),
    /** Opens a standing query: answered by {@link SubscriptionUpdate}s while it is open. */
    SUBSCRIBE("subscribe", "subscriptionId"),
    /** Closes a standing query. */
    UNSUBSCRIBE("unsubscribe", "subscriptionId"),
    /**
     * Asks every shard of a collection for its size and graph digest: answered by exactly one
     * {@link StatsResult}, so operators and tests can compare shard indexes without reading state.
     */
    STATS("stats", "queryId"),
    /**
     * Asks the shard that owns an id for its stored vector: answered by exactly one {@link
     * VectorResult} ("more like this" looks a vector up, then queries with it).
     */
    GET("get", "queryId");

    private final String wireName;
    private final String idField;

    QueryType(String wireName, String idField) {
        this.wireName = wireName;
        this.idField = idField;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Name of the JSON field that carries this kind's id ({@code queryId} or {@code
     * subscriptionId}).
     */
    public String idField() {
        return idField;
    }

    /** Whether this kind carries a query vector (or token vectors) and a {@code k}. */
    public boolean hasVector() {
        return this == KNN || this == SUBSCRIBE;
    }

    /** The type for a wire name, or {@code null} when there is none. */
    public static QueryType fromWireName(String name) {
        if (name == null) {
            return null;
        }
        switch (name) {
            case "knn":
                return KNN;
            case "subscribe":
                return SUBSCRIBE;
            case "unsubscribe":
                return UNSUBSCRIBE;
            case "stats":
                return STATS;
            case "get":
                return GET;
            default:
                return null;
        }
    }
}
