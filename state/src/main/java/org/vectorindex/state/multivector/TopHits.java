package org.vectorindex.state.multivector;

import java.util.ArrayList;
import java.util.List;
import org.vectorindex.state.hnsw.SearchHit;

/** Bounded best-first list; ties go to the smaller id so results never depend on map order. */
final class TopHits {
    private final String[] ids;
    private final float[] scores;
    private int size;

    TopHits(int k) {
        this.ids = new String[k];
        this.scores = new float[k];
    }

    void offer(String id, float score) {
        int k = ids.length;
        if (size == k && !better(score, id, scores[k - 1], ids[k - 1])) {
            return;
        }
        int pos = size < k ? size++ : k - 1;
        while (pos > 0 && better(score, id, scores[pos - 1], ids[pos - 1])) {
            ids[pos] = ids[pos - 1];
            scores[pos] = scores[pos - 1];
            pos--;
        }
        ids[pos] = id;
        scores[pos] = score;
    }

    /** Whether k hits are held, so {@link #worstScore} is the score to beat. */
    boolean full() {
        return size == ids.length;
    }

    /** Score of the k-th hit (valid once {@link #full}). */
    float worstScore() {
        return scores[ids.length - 1];
    }

    private static boolean better(float s, String id, float os, String oid) {
        return s > os || (s == os && id.compareTo(oid) < 0);
    }

    List<SearchHit> hits() {
        List<SearchHit> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new SearchHit(ids[i], scores[i]));
        }
        return out;
    }
}
