package org.vectorindex.operators.index;

import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * The vector index of one shard, as the index operator uses it. Production wraps the HNSW index of
 * module {@code state} ({@link HnswShardIndexStore}), or for a multi-vector collection its
 * multi-vector index, whose vectors are token lists flattened row after row ({@link
 * KeyedShardIndexStore}); the narrow interface keeps the operator's subscription and routing logic
 * testable against an exact index too.
 */
@Internal
public interface ShardIndex {
    /** Inserts or replaces; IllegalArgumentException on an invalid vector. */
    void upsert(String id, float[] vector);

    /**
     * Inserts or replaces {@code id} with its attributes, which an index that answers attribute
     * filters itself then holds; one that does not ignores them. IllegalArgumentException on an
     * invalid vector.
     */
    default void upsert(String id, float[] vector, Map<String, String> attributes) {
        upsert(id, vector);
        setAttributes(id, attributes);
    }

    /**
     * Tells an index that answers attribute filters itself the attributes of a present id (ignored
     * for an absent one), as after a restore for every id, since attributes are kept beside the
     * index.
     */
    default void setAttributes(String id, Map<String, String> attributes) {}

    /** Removes; returns whether the id was present. */
    boolean delete(String id);

    boolean contains(String id);

    /**
     * The stored vector (normalised under cosine), as a copy, or null. A multi-vector shard returns
     * the document's pooled vectors, flat and row-major: what its subscriptions score against.
     */
    float[] vector(String id);

    /** Top k accepted by {@code filter} (null: all), best first, with users' scores. */
    List<SearchHit> search(float[] query, int k, int ef, IdFilter filter);

    /**
     * Exact top k accepted by {@code filter} (null: all), by scoring every vector; null when this
     * kind of index has no exact scan (then no recall is sampled).
     */
    default List<SearchHit> exactSearch(float[] query, int k, IdFilter filter) {
        return null;
    }

    int size();

    /**
     * A 64-bit digest of everything that defines the index (for HNSW the whole graph: nodes,
     * levels, links, vectors, ids). Equal digests mean identical indexes, which is how stats
     * requests let tests prove that a recovered job holds exactly a failure-free run's index.
     */
    long digest();
}
