package org.vectorindex.state.hnsw;

import java.util.Arrays;
import org.vectorindex.state.math.Int8Codec;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.VectorMath;

/**
 * All vectors of one index in a single flat array, indexed by ordinal: one bounds check and no
 * pointer chase per distance, which is most of the search time.
 *
 * <p>With INT8 vectors (directions only: cosine, or dot over unit vectors) the array holds one
 * signed byte per component ({@link Int8Codec}) plus each vector's derived {@code 1/||c||}, a
 * quarter of the float bytes; scores are then dot products against the dequantized vectors. This
 * lets a graph over many small vectors (a multi-vector collection's tokens) be the only copy of
 * them.
 */
final class VectorStore {
    private final int dim;
    private final Metric metric;
    private float[] data;
    private byte[] codes;
    private double[] inverseNorms;

    VectorStore(int dim, Metric metric, int initialCapacity) {
        this(dim, metric, initialCapacity, false);
    }

    VectorStore(int dim, Metric metric, int initialCapacity, boolean int8) {
        this.dim = dim;
        this.metric = metric;
        int cap = Math.max(1, initialCapacity);
        if (int8) {
            if (metric == Metric.L2) {
                throw new IllegalArgumentException(
                        "INT8 vectors keep directions only: use cosine, or dot over unit vectors");
            }
            this.codes = new byte[cap * dim];
            this.inverseNorms = new double[cap];
        } else {
            this.data = new float[cap * dim];
        }
    }

    boolean int8() {
        return codes != null;
    }

    int dimension() {
        return dim;
    }

    Metric metric() {
        return metric;
    }

    int capacity() {
        return codes != null ? inverseNorms.length : data.length / dim;
    }

    void ensureCapacity(int ordinals) {
        if (ordinals > capacity()) {
            long grown = Math.max((long) ordinals, (long) capacity() * 3 / 2 + 1) * dim;
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("index shard is full: " + ordinals + " vectors");
            }
            if (codes != null) {
                codes = Arrays.copyOf(codes, (int) grown);
                inverseNorms = Arrays.copyOf(inverseNorms, (int) (grown / dim));
            } else {
                data = Arrays.copyOf(data, (int) grown);
            }
        }
    }

    void set(int ordinal, float[] vector) {
        if (codes != null) {
            System.arraycopy(Int8Codec.quantize(vector, dim), 0, codes, ordinal * dim, dim);
            inverseNorms[ordinal] = Int8Codec.inverseNorm(codes, ordinal * dim, dim);
        } else {
            System.arraycopy(vector, 0, data, ordinal * dim, dim);
        }
    }

    void clear(int ordinal) {
        if (codes != null) {
            Arrays.fill(codes, ordinal * dim, ordinal * dim + dim, (byte) 0);
            inverseNorms[ordinal] = 0;
        } else {
            Arrays.fill(data, ordinal * dim, ordinal * dim + dim, 0f);
        }
    }

    /** A copy of the vector as stored (dequantized under INT8). */
    float[] copyOf(int ordinal) {
        if (codes != null) {
            float[] out = new float[dim];
            double inv = inverseNorms[ordinal];
            for (int i = 0, o = ordinal * dim; i < dim; i++) {
                out[i] = (float) (codes[o + i] * inv);
            }
            return out;
        }
        return Arrays.copyOfRange(data, ordinal * dim, ordinal * dim + dim);
    }

    boolean equalsStored(int ordinal, float[] vector) {
        int base = ordinal * dim;
        if (codes != null) {
            return Arrays.equals(codes, base, base + dim, Int8Codec.quantize(vector, dim), 0, dim);
        }
        return Arrays.equals(data, base, base + dim, vector, 0, dim);
    }

    float score(float[] query, int ordinal) {
        return codes != null
                ? int8Score(query, ordinal)
                : metric.score(query, 0, data, ordinal * dim, dim);
    }

    float score(int a, int b) {
        if (codes != null) {
            int sum = VectorMath.dot(codes, a * dim, codes, b * dim, dim);
            return (float) (sum * inverseNorms[a] * inverseNorms[b]);
        }
        return metric.score(data, a * dim, data, b * dim, dim);
    }

    private float int8Score(float[] query, int ordinal) {
        return (float)
                (VectorMath.dot(query, 0, codes, ordinal * dim, dim) * inverseNorms[ordinal]);
    }

    long bytesUsed() {
        return codes != null
                ? 32L + codes.length + 8L * inverseNorms.length
                : 16L + 4L * data.length;
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
            return VectorStore.this.score(query, ordinal);
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
            return VectorStore.this.score(target, ordinal);
        }
    }
}
