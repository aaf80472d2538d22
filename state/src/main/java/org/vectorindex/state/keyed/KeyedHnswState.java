package org.vectorindex.state.keyed;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;

/**
 * The HNSW indexes of a keyed operator: an in-memory working form per key, with Flink keyed state
 * as its durable image. (API skeleton; implementation lands next.)
 *
 * <p>Use from a keyed function: create in {@code open()}, call {@link #current} in {@code
 * processElement} to get the index of the current key, mutate it, then call {@link #persist} so the
 * changed nodes reach keyed state before the next checkpoint.
 */
public final class KeyedHnswState {

    /** Registers the keyed state this needs; call from {@code open()}. */
    public KeyedHnswState(RuntimeContext runtimeContext) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The index of the current key, loaded from keyed state on first use after a restore or
     * rescale, or created empty with {@code config}.
     */
    public HnswIndex current(Object currentKey, HnswConfig config) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes what changed in the current key's index since the last call to keyed state. */
    public void persist(Object currentKey) {
        throw new UnsupportedOperationException("not yet");
    }
}
