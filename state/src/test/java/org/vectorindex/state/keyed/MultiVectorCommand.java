package org.vectorindex.state.keyed;

/**
 * A command to the minimal multi-vector keyed operator of the harness tests; tokens are flat,
 * row-major, as the streaming layer carries them.
 */
record MultiVectorCommand(String key, String op, String id, float[] tokens, int k) {
    static MultiVectorCommand upsert(String key, String id, float[] tokens) {
        return new MultiVectorCommand(key, "upsert", id, tokens, 0);
    }

    static MultiVectorCommand delete(String key, String id) {
        return new MultiVectorCommand(key, "delete", id, null, 0);
    }

    /** Search; the tag also selects a filter: tags starting with "even" accept even doc numbers. */
    static MultiVectorCommand search(String key, String tag, float[] tokens, int k) {
        return new MultiVectorCommand(key, "search", tag, tokens, k);
    }

    static MultiVectorCommand digest(String key) {
        return new MultiVectorCommand(key, "digest", null, null, 0);
    }

    static MultiVectorCommand clear(String key) {
        return new MultiVectorCommand(key, "clear", null, null, 0);
    }
}
