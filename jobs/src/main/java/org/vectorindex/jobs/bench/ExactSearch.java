package org.vectorindex.jobs.bench;

import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.VectorMath;

/**
 * Exact k-nearest-neighbour search by scoring every base vector. It is the benchmark's ground truth
 * (for churn, and whenever no truth file is given) and its brute-force QPS baseline. Vectors are
 * copied into one flat array so the scan walks memory sequentially; under cosine they are
 * normalised once, exactly as the index stores them.
 */
public final class ExactSearch {
    private final Metric metric;
    private final int dim;
    private final int n;
    private final float[] flat;
    private final TopK top;
    private final int k;
    private final float[] scratchQuery;

    public ExactSearch(Metric metric, float[][] base, int k) {
        if (base.length == 0) {
            throw new IllegalArgumentException("exact search needs at least one base vector");
        }
        this.metric = metric;
        this.dim = base[0].length;
        this.n = base.length;
        this.k = Math.min(k, n);
        this.flat = new float[Math.multiplyExact(n, dim)];
        float[] tmp = new float[dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(base[i], 0, tmp, 0, dim);
            if (metric.normalizes()) {
                VectorMath.normalizeInPlace(tmp);
            }
            System.arraycopy(tmp, 0, flat, i * dim, dim);
        }
        this.top = new TopK(this.k);
        this.scratchQuery = new float[dim];
    }

    /** The exact top-k base ordinals for {@code query}, best first. Not thread-safe. */
    public int[] search(float[] query) {
        if (query.length != dim) {
            throw new IllegalArgumentException(
                    "query has dimension " + query.length + ", expected " + dim);
        }
        System.arraycopy(query, 0, scratchQuery, 0, dim);
        if (metric.normalizes()) {
            VectorMath.normalizeInPlace(scratchQuery);
        }
        top.clear();
        for (int i = 0, off = 0; i < n; i++, off += dim) {
            top.offer(i, metric.score(scratchQuery, 0, flat, off, dim));
        }
        return top.drainBestFirst();
    }

    /** Exact answers for all queries. */
    public int[][] searchAll(float[][] queries) {
        int[][] out = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            out[q] = search(queries[q]);
        }
        return out;
    }

    public int k() {
        return k;
    }
}
