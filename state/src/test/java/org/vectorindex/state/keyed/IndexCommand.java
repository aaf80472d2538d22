package org.vectorindex.state.keyed;

/**
 * A command to the minimal keyed operator of the harness tests ({@link CommandFunction}); {@code
 * vector} is one vector, or for a multi-vector collection the tokens flat, row-major, as the
 * streaming layer carries them.
 */
record IndexCommand(String key, String op, String id, float[] vector, int k) {
    static IndexCommand upsert(String key, String id, float[] vector) {
        return new IndexCommand(key, "upsert", id, vector, 0);
    }

    static IndexCommand delete(String key, String id) {
        return new IndexCommand(key, "delete", id, null, 0);
    }

    /** Search; for a multi-vector collection, tags starting with "even" accept even doc numbers. */
    static IndexCommand search(String key, String tag, float[] query, int k) {
        return new IndexCommand(key, "search", tag, query, k);
    }

    static IndexCommand digest(String key) {
        return new IndexCommand(key, "digest", null, null, 0);
    }

    /** Counts the HNSW log entries in keyed state: chunked, and in the earlier per-entry logs. */
    static IndexCommand log(String key) {
        return new IndexCommand(key, "log", null, null, 0);
    }

    static IndexCommand clear(String key) {
        return new IndexCommand(key, "clear", null, null, 0);
    }
}
