package org.vectorindex.state.hnsw;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Ordinals whose durable record changed since the last drain, in first-change order, so keyed state
 * is written with exactly the nodes a mutation touched.
 */
final class DirtySet {
    private boolean[] marked = new boolean[64];
    private int[] list = new int[64];
    private int size;
    private boolean metaChanged;
    private DirtySet follower;

    /** From now on every ordinal marked here is marked in {@code follower} too. */
    void follow(DirtySet follower) {
        this.follower = follower;
    }

    void mark(int ordinal) {
        if (follower != null) {
            follower.mark(ordinal);
        }
        if (ordinal >= marked.length) {
            marked = Arrays.copyOf(marked, Math.max(ordinal + 1, marked.length * 2));
        }
        if (!marked[ordinal]) {
            marked[ordinal] = true;
            if (size == list.length) {
                list = Arrays.copyOf(list, size * 2);
            }
            list[size++] = ordinal;
        }
    }

    void markMeta() {
        metaChanged = true;
    }

    boolean metaChanged() {
        return metaChanged;
    }

    int size() {
        return size;
    }

    /** Hands every marked ordinal to {@code consumer} and clears the set. */
    void drain(IntConsumer consumer) {
        for (int i = 0; i < size; i++) {
            int ordinal = list[i];
            marked[ordinal] = false;
            consumer.accept(ordinal);
        }
        size = 0;
        metaChanged = false;
    }
}
