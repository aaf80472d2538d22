package org.vectorindex.state.hnsw;

import java.util.List;
import java.util.function.Predicate;

/** HNSW index over external String ids. (API skeleton; implementation lands next.) */
public final class HnswIndex {
    private final HnswConfig config;

    public HnswIndex(HnswConfig config) {
        this.config = config;
    }

    public HnswConfig config() {
        return config;
    }

    /** Inserts, or replaces the vector of an existing id. Throws IAE on an invalid vector. */
    public void upsert(String id, float[] vector) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Removes an id; returns whether it was present. */
    public boolean delete(String id) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<SearchHit> search(float[] query, int k) {
        return search(query, k, config.defaultEf());
    }

    public List<SearchHit> search(float[] query, int k, int ef) {
        return search(query, k, ef, null);
    }

    /** Top k live ids accepted by {@code filter} (null accepts all), best first. */
    public List<SearchHit> search(float[] query, int k, int ef, Predicate<String> filter) {
        throw new UnsupportedOperationException("not yet");
    }

    public int size() {
        throw new UnsupportedOperationException("not yet");
    }

    public boolean contains(String id) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A copy of the stored vector (normalised under cosine), or null. */
    public float[] vector(String id) {
        throw new UnsupportedOperationException("not yet");
    }

    public long memoryBytes() {
        throw new UnsupportedOperationException("not yet");
    }

    /** A 64-bit digest of the whole graph: equal digests mean identical graphs. */
    public long graphDigest() {
        throw new UnsupportedOperationException("not yet");
    }
}
