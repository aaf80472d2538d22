package org.vectorindex.jobs.testing;

/** Collection entries of the collections files that several ITCases serve. */
public final class TestCollections {
    /** At most this many pooled vectors per document in {@link #MULTIVECTOR_MV}. */
    public static final int MV_POOLED = 4;

    /**
     * A multi-vector collection {@code mv}: 8 dimensions, cosine, 3 shards, reranking 400
     * candidates (more than the ITCases put in a shard, so search is exact).
     */
    public static final String MULTIVECTOR_MV =
            "  - name: mv\n"
                    + "    type: multivector\n"
                    + "    dimension: 8\n"
                    + "    metric: cosine\n"
                    + "    shards: 3\n"
                    + "    m: 8\n"
                    + "    efConstruction: 40\n"
                    + "    seed: 5\n"
                    + "    multivector: {pooledVectors: "
                    + MV_POOLED
                    + ", fdeRepetitions: 4, fdeSimhashBits: 2, fdeProjectionDim: 4,"
                    + " candidates: 400, maxTokens: 32}\n";

    private TestCollections() {}
}
