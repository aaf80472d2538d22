package org.vectorindex.state.hnsw;

import java.util.Arrays;
import org.vectorindex.state.math.Metric;

/**
 * All vectors of one index in a single flat array, indexed by ordinal: one bounds check and no
 * pointer chase per distance, which is most of the search time.
 */
final class VectorStore {
    private final int dim;
    private final Metric metric;
    private float[] data;

    VectorStore(int dim, Metric metric, int initialCapacity) {
        this.dim = dim;
        this.metric = metric;
        this.data = new float[Math.max(1, initialCapacity) * dim];
    }

    int dimension() {
        return dim;
    }

    Metric metric() {
        return metric;
    }

    int capacity() {
        return data.length / dim;
    }

    void ensureCapacity(int ordinals) {
        if ((long) ordinals * dim > data.length) {
            long grown = Math.max((long) ordinals, (long) capacity() * 3 / 2 + 1) * dim;
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("index shard is full: " + ordinals + " vectors");
            }
            data = Arrays.copyOf(data, (int) grown);
        }
    }

    void set(int ordinal, float[] vector) {
        System.arraycopy(vector, 0, data, ordinal * dim, dim);
    }

    void clear(int ordinal) {
        Arrays.fill(data, ordinal * dim, ordinal * dim + dim, 0f);
    }

    float[] copyOf(int ordinal) {
        return Arrays.copyOfRange(data, ordinal * dim, ordinal * dim + dim);
    }

    boolean equalsStored(int ordinal, float[] vector) {
        int base = ordinal * dim;
        return Arrays.equals(data, base, base + dim, vector, 0, dim);
    }

    float score(float[] query, int ordinal) {
        return metric.score(query, 0, data, ordinal * dim, dim);
    }

    float score(int a, int b) {
        return metric.score(data, a * dim, data, b * dim, dim);
    }

    long bytesUsed() {
        return 16L + 4L * data.length;
    }

    /** Scores stored nodes against a query vector; reused across searches. */
    final class QueryScorer implements OrdinalScorer {
        private float[] query;

        QueryScorer reset(float[] query) {
            this.query = query;
            return this;
        }

        @Override
        public float score(int ordinal) {
            return metric.score(query, 0, data, ordinal * dim, dim);
        }
    }

    /** Scores stored nodes against another stored node; used when linking and repairing. */
    final class NodeScorer implements OrdinalScorer {
        private int target;

        NodeScorer reset(int target) {
            this.target = target;
            return this;
        }

        @Override
        public float score(int ordinal) {
            return metric.score(data, target * dim, data, ordinal * dim, dim);
        }
    }
}
