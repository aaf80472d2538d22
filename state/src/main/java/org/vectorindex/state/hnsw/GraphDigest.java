package org.vectorindex.state.hnsw;

/** A 64-bit fingerprint of everything that defines a graph, to prove two graphs identical. */
final class GraphDigest {
    private long h = 0x6a09e667f3bcc909L;

    private GraphDigest() {}

    static long of(HnswGraph graph, VectorStore store, IdTable ids, int ordinalLimit) {
        GraphDigest d = new GraphDigest();
        d.add(ordinalLimit).add(graph.entryPoint()).add(graph.maxLevel());
        float[] v;
        for (int ordinal = 0; ordinal < ordinalLimit; ordinal++) {
            if (!graph.exists(ordinal)) {
                d.add(-1);
                continue;
            }
            d.add(ordinal).add(graph.level(ordinal)).add(graph.isDeleted(ordinal) ? 1 : 0);
            d.add(ids.id(ordinal).hashCode());
            v = store.copyOf(ordinal);
            for (float x : v) {
                d.add(Float.floatToRawIntBits(x));
            }
            for (int l = 0; l <= graph.level(ordinal); l++) {
                int count = graph.count(ordinal, l);
                d.add(count);
                int[] a = graph.neighborArray(ordinal, l);
                int off = graph.offset(ordinal, l);
                for (int i = 0; i < count; i++) {
                    int q = a[off + i];
                    // the link's score, recomputed: the same bits from either end
                    d.add(q).add(Float.floatToRawIntBits(store.score(ordinal, q)));
                }
            }
        }
        return d.h;
    }

    private GraphDigest add(long x) {
        h = LevelAssigner.mix(h ^ x);
        return this;
    }
}
