package org.vectorindex.state.hnsw;

import java.nio.charset.StandardCharsets;

/**
 * Draws a node's HNSW level from a hash of its id and the index seed instead of a random stream, so
 * the level does not depend on arrival order and a replayed stream rebuilds the same graph.
 */
final class LevelAssigner {
    /** Levels are capped so a freak hash cannot create a tower of empty layers. */
    static final int MAX_LEVEL = 24;

    private final long seed;
    private final double levelMultiplier;

    LevelAssigner(long seed, int m) {
        this.seed = seed;
        this.levelMultiplier = 1.0 / Math.log(m);
    }

    int levelOf(String id) {
        long hash = hash64(id, seed);
        // 53 random bits -> u in (0, 1]; -ln(u) * mL is the standard exponential level draw.
        double u = ((hash >>> 11) + 1) * 0x1.0p-53;
        int level = (int) (-Math.log(u) * levelMultiplier);
        return Math.min(level, MAX_LEVEL);
    }

    /** FNV-1a over the UTF-8 bytes, finished with the SplitMix64 mixer. Stable across JVMs. */
    static long hash64(String id, long seed) {
        long h = 0xcbf29ce484222325L ^ mix(seed);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
