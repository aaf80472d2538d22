package org.vectorindex.operators.merge;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * Pure merge arithmetic over ranked lists. Every list is sorted best first in the same total order
 * the shards use: score descending, then id ascending; an id lives in exactly one shard, so lists
 * never share ids.
 */
@Internal
public final class TopKMerger {
    private TopKMerger() {}

    /** Whether (score, id) ranks strictly before (otherScore, otherId). */
    public static boolean ranksBefore(float score, String id, float otherScore, String otherId) {
        return score > otherScore || (score == otherScore && id.compareTo(otherId) < 0);
    }

    /**
     * The best {@code k} of several ranked lists (null lists are skipped).
     *
     * @return {ids, scores} as a two-element result holder
     */
    public static Ranked merge(String[][] ids, float[][] scores, int k) {
        int lists = ids.length;
        int[] cursor = new int[lists];
        int total = 0;
        for (String[] l : ids) {
            total += l == null ? 0 : l.length;
        }
        int n = Math.min(k, total);
        String[] outIds = new String[n];
        float[] outScores = new float[n];
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int l = 0; l < lists; l++) {
                if (ids[l] == null || cursor[l] >= ids[l].length) {
                    continue;
                }
                if (best < 0
                        || ranksBefore(
                                scores[l][cursor[l]],
                                ids[l][cursor[l]],
                                scores[best][cursor[best]],
                                ids[best][cursor[best]])) {
                    best = l;
                }
            }
            outIds[i] = ids[best][cursor[best]];
            outScores[i] = scores[best][cursor[best]];
            cursor[best]++;
        }
        return new Ranked(outIds, outScores);
    }

    /** The best {@code k} of two ranked lists. */
    public static Ranked merge(Ranked a, String[] bIds, float[] bScores, int k) {
        return merge(new String[][] {a.ids(), bIds}, new float[][] {a.scores(), bScores}, k);
    }

    /** Whether two ranked lists are equal: same ids, bit-identical scores, same order. */
    public static boolean same(String[] aIds, float[] aScores, String[] bIds, float[] bScores) {
        if (!Arrays.equals(aIds, bIds) || aScores.length != bScores.length) {
            return false;
        }
        for (int i = 0; i < aScores.length; i++) {
            if (Float.floatToIntBits(aScores[i]) != Float.floatToIntBits(bScores[i])) {
                return false;
            }
        }
        return true;
    }

    /** Ids of {@code a} that are not in {@code b}, in {@code a}'s order. */
    public static String[] minus(String[] a, String[] b) {
        Set<String> exclude = new HashSet<>(Arrays.asList(b));
        return Arrays.stream(a).filter(id -> !exclude.contains(id)).toArray(String[]::new);
    }

    /** A ranked list. */
    public record Ranked(String[] ids, float[] scores) {
        public static final Ranked EMPTY = new Ranked(new String[0], new float[0]);
    }
}
