package org.vectorindex.state.hnsw;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A 64-bit fingerprint of everything that defines a graph, to prove two graphs identical.
 *
 * <p>It is the header mixed with a sum of per-node hashes, so a stats probe under ingest costs the
 * nodes changed since the last probe rather than a pass over the whole graph. The first probe (of a
 * new or restored index) hashes every node; from then on the change sets that feed checkpoints also
 * feed this digest.
 */
final class GraphDigest {
    private final HnswGraph graph;
    private final VectorStore store;
    private final IdTable ids;
    private final DirtySet[] sources;
    private final DirtySet pending = new DirtySet();
    private final IntConsumer rehash = this::rehash;
    private long[] nodeHash;
    private long sum;

    GraphDigest(HnswGraph graph, VectorStore store, IdTable ids, DirtySet... sources) {
        this.graph = graph;
        this.store = store;
        this.ids = ids;
        this.sources = sources;
    }

    long value(int ordinalLimit) {
        if (nodeHash == null) {
            nodeHash = new long[Math.max(16, ordinalLimit)];
            for (DirtySet source : sources) {
                source.follow(pending);
            }
            for (int ordinal = 0; ordinal < ordinalLimit; ordinal++) {
                rehash(ordinal);
            }
        } else {
            pending.drain(rehash);
        }
        long h = mix(0x6a09e667f3bcc909L, ordinalLimit);
        h = mix(h, graph.entryPoint());
        h = mix(h, graph.maxLevel());
        return mix(h, sum);
    }

    /** Heap bytes of the per-node hashes; none until the first probe. */
    long bytesUsed() {
        return nodeHash == null ? 0 : RamBytes.of(nodeHash);
    }

    private void rehash(int ordinal) {
        if (ordinal >= nodeHash.length) {
            nodeHash = Arrays.copyOf(nodeHash, Math.max(ordinal + 1, nodeHash.length * 2));
        }
        long h = graph.exists(ordinal) ? nodeHash(ordinal) : 0L;
        sum += h - nodeHash[ordinal];
        nodeHash[ordinal] = h;
    }

    private long nodeHash(int ordinal) {
        int level = graph.level(ordinal);
        long h = mix(0xbb67ae8584caa73bL, ordinal);
        h = mix(h, level);
        h = mix(h, graph.isDeleted(ordinal) ? 1 : 0);
        h = mix(h, ids.id(ordinal).hashCode());
        for (float x : store.copyOf(ordinal)) {
            h = mix(h, Float.floatToRawIntBits(x));
        }
        for (int l = 0; l <= level; l++) {
            int count = graph.count(ordinal, l);
            h = mix(h, count);
            int[] a = graph.neighborArray(ordinal, l);
            int off = graph.offset(ordinal, l);
            for (int i = 0; i < count; i++) {
                int q = a[off + i];
                // the link's score, recomputed: the same bits from either end
                h = mix(mix(h, q), Float.floatToRawIntBits(store.score(ordinal, q)));
            }
        }
        return h;
    }

    private static long mix(long h, long x) {
        return LevelAssigner.mix(h ^ x);
    }
}
