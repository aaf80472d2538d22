package org.vectorindex.operators.model;

import java.util.List;
import java.util.Objects;
import org.vectorindex.state.hnsw.SearchHit;

/** Checks and conversions for the parallel hit arrays of {@link ResultRecord}s. */
final class Hits {
    private Hits() {}

    static void check(String[] ids, float[] scores) {
        Objects.requireNonNull(ids, "hit ids are missing");
        Objects.requireNonNull(scores, "hit scores are missing");
        if (ids.length != scores.length) {
            throw new IllegalArgumentException(
                    ids.length + " hit ids but " + scores.length + " hit scores");
        }
        for (String id : ids) {
            Objects.requireNonNull(id, "hit id is null");
        }
    }

    static String[] ids(List<SearchHit> hits) {
        String[] ids = new String[hits.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = hits.get(i).id();
        }
        return ids;
    }

    static float[] scores(List<SearchHit> hits) {
        float[] scores = new float[hits.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = hits.get(i).score();
        }
        return scores;
    }

    static String[] nonNull(String[] ids, String what) {
        Objects.requireNonNull(ids, what + " is missing");
        for (String id : ids) {
            Objects.requireNonNull(id, what + " holds a null id");
        }
        return ids;
    }
}
