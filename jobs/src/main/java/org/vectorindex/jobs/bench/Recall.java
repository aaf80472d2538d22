package org.vectorindex.jobs.bench;

/**
 * Recall@k: |returned top-k ∩ true top-k| / k, averaged over queries. A system that returns fewer
 * than k ids is charged for the missing ones.
 */
public final class Recall {
    private Recall() {}

    /**
     * @param results per query, returned ids best first (only the first k count)
     * @param truth per query, true ids nearest first (only the first k count)
     */
    public static double atK(int[][] results, int[][] truth, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (results.length == 0 || truth.length < results.length) {
            throw new IllegalArgumentException(
                    "need one truth row per result row: "
                            + results.length
                            + " results, "
                            + truth.length
                            + " truth rows");
        }
        double sum = 0;
        for (int q = 0; q < results.length; q++) {
            sum += hits(results[q], truth[q], k) / (double) k;
        }
        return sum / results.length;
    }

    /** |returned top-k ∩ true top-k| for one query; k is small, so a nested scan is fastest. */
    static int hits(int[] returned, int[] truth, int k) {
        if (truth.length < k) {
            throw new IllegalArgumentException(
                    "truth row has " + truth.length + " ids, fewer than k=" + k);
        }
        int found = 0;
        int r = Math.min(k, returned.length);
        for (int i = 0; i < r; i++) {
            int id = returned[i];
            boolean duplicate = false;
            for (int j = 0; j < i; j++) {
                duplicate |= returned[j] == id;
            }
            if (duplicate) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                if (truth[j] == id) {
                    found++;
                    break;
                }
            }
        }
        return found;
    }
}
