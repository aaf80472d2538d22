package org.vectorindex.state.multivector;

import java.util.Arrays;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.math.VectorMath;

/**
 * Token pooling by agglomerative Ward clustering on cosine distance, cut at {@code m} clusters,
 * keeping one normalised mean per cluster (Clavié et al., "Reducing the Footprint of Multi-Vector
 * Retrieval with Minimal Performance Impact via Token Pooling", 2024).
 *
 * <p>For unit vectors {@code ||a − b||² = 2 (1 − cos)}, so Ward on squared Euclidean distance is
 * Ward on cosine distance. The dendrogram is built with the nearest-neighbour-chain algorithm
 * ({@code O(n²)} time and memory, 1 MB at n = 512) and Lance–Williams updates; the initial
 * distances go through the shared distance kernel (SIMD where available); because Ward is a
 * reducible linkage, NN-chain yields the same merges as the greedy algorithm. The cut applies the
 * {@code n − m} lowest merges (ties broken by merge order), which is exactly the m-cluster cut
 * since Ward heights are monotone. Ties between equal distances go to the lower index, so the
 * result depends only on the input.
 */
@Internal
public final class WardPooler implements TokenPooler {

    @Override
    public float[] pool(float[] tokens, int n, int dim, int m) {
        float[] few = TokenPooler.copyIfFew(tokens, n, dim, m);
        if (few != null) {
            return few;
        }
        double[] dist = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = VectorMath.squaredL2(tokens, i * dim, tokens, j * dim, dim);
                dist[i * n + j] = d;
                dist[j * n + i] = d;
            }
        }
        int[] size = new int[n];
        Arrays.fill(size, 1);
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        int[] mergeKeep = new int[n - 1];
        int[] mergeGone = new int[n - 1];
        double[] mergeHeight = new double[n - 1];
        int merges = 0;
        int[] chain = new int[n];
        int len = 0;
        while (merges < n - 1) {
            if (len == 0) {
                chain[len++] = firstActive(active);
            }
            int a = chain[len - 1];
            int prev = len >= 2 ? chain[len - 2] : -1;
            int b = prev;
            double best = prev >= 0 ? dist[a * n + prev] : Double.POSITIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                if (c != a && active[c]) {
                    double d = dist[a * n + c];
                    if (d < best) {
                        best = d;
                        b = c;
                    }
                }
            }
            if (b != prev) {
                chain[len++] = b;
                continue;
            }
            // a and b are reciprocal nearest neighbours: merge them into the lower slot.
            len -= 2;
            int keep = Math.min(a, b);
            int gone = Math.max(a, b);
            mergeKeep[merges] = keep;
            mergeGone[merges] = gone;
            mergeHeight[merges] = best;
            merges++;
            int ni = size[keep];
            int nj = size[gone];
            for (int k = 0; k < n; k++) {
                if (!active[k] || k == keep || k == gone) {
                    continue;
                }
                int nk = size[k];
                double updated =
                        ((ni + nk) * dist[k * n + keep]
                                        + (nj + nk) * dist[k * n + gone]
                                        - nk * best)
                                / (ni + nj + nk);
                dist[k * n + keep] = updated;
                dist[keep * n + k] = updated;
            }
            size[keep] = ni + nj;
            active[gone] = false;
        }
        return TokenPooler.normalisedMeans(
                tokens, n, dim, cut(n, m, mergeKeep, mergeGone, mergeHeight), m);
    }

    /** Cluster label per token after applying the {@code n − m} lowest merges. */
    private static int[] cut(int n, int m, int[] keep, int[] gone, double[] height) {
        // Merge order by (height, merge index): a stable insertion sort on primitives, since
        // there are at most 511 merges and NN-chain emits them nearly sorted already.
        int[] order = new int[n - 1];
        for (int i = 0; i < order.length; i++) {
            int j = i;
            while (j > 0 && height[order[j - 1]] > height[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n - m; i++) {
            int r1 = find(parent, keep[order[i]]);
            int r2 = find(parent, gone[order[i]]);
            if (r1 != r2) {
                parent[Math.max(r1, r2)] = Math.min(r1, r2);
            }
        }
        // Label clusters in order of their smallest member.
        int[] labelOfRoot = new int[n];
        Arrays.fill(labelOfRoot, -1);
        int[] clusterOf = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (labelOfRoot[r] < 0) {
                labelOfRoot[r] = next++;
            }
            clusterOf[i] = labelOfRoot[r];
        }
        if (next != m) {
            throw new IllegalStateException("Ward cut produced " + next + " clusters, not " + m);
        }
        return clusterOf;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static int firstActive(boolean[] active) {
        for (int i = 0; i < active.length; i++) {
            if (active[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no active cluster");
    }
}
