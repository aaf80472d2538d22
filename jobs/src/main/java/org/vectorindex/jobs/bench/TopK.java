package org.vectorindex.jobs.bench;

/**
 * Keeps the k best (id, score) pairs seen so far in a primitive min-heap: the exact search scores
 * every base vector per query, so it must not box or allocate per candidate. Ties on score prefer
 * the lower id, which makes exact answers deterministic.
 */
final class TopK {
    private final int k;
    private final int[] ids;
    private final float[] scores;
    private int size;

    TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
        this.ids = new int[k];
        this.scores = new float[k];
    }

    void clear() {
        size = 0;
    }

    /** Offers a candidate; higher scores are better. */
    void offer(int id, float score) {
        if (size < k) {
            ids[size] = id;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(0, id, score)) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** Whether the heap entry at {@code i} is worse than the candidate. */
    private boolean worse(int i, int id, float score) {
        return scores[i] < score || (scores[i] == score && ids[i] > id);
    }

    /** Heap order: the worst entry on top. */
    private boolean less(int i, int j) {
        return scores[i] < scores[j] || (scores[i] == scores[j] && ids[i] > ids[j]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int smallest = l + 1 < size && less(l + 1, l) ? l + 1 : l;
            if (!less(smallest, i)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int i, int j) {
        int id = ids[i];
        ids[i] = ids[j];
        ids[j] = id;
        float s = scores[i];
        scores[i] = scores[j];
        scores[j] = s;
    }

    /** Empties the heap into an array, best first. */
    int[] drainBestFirst() {
        int[] out = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            out[i] = ids[0];
            size--;
            ids[0] = ids[size];
            scores[0] = scores[size];
            siftDown(0);
        }
        return out;
    }
}
