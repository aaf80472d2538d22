package org.vectorindex.state.multivector;

import java.util.Arrays;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.math.VectorMath;

/**
 * Token pooling by spherical k-means (cosine assignment, normalised-mean centroids). The start is
 * deterministic without any seed: the first centre is the token closest to the document's mean
 * direction, then farthest-point (max-min cosine) selection, ties to the lower index. Lloyd
 * iterations stop when assignments no longer change or after {@link #MAX_ITERATIONS}; a centre that
 * loses all its members keeps its previous position.
 */
@Internal
public final class KMeansPooler implements TokenPooler {
    static final int MAX_ITERATIONS = 20;

    @Override
    public float[] pool(float[] tokens, int n, int dim, int m) {
        float[] few = TokenPooler.copyIfFew(tokens, n, dim, m);
        if (few != null) {
            return few;
        }
        float[] centres = initialCentres(tokens, n, dim, m);
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                float bestSim = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < m; c++) {
                    float s = VectorMath.dot(tokens, i * dim, centres, c * dim, dim);
                    if (s > bestSim) {
                        bestSim = s;
                        best = c;
                    }
                }
                if (assign[i] != best) {
                    assign[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            recompute(tokens, n, dim, m, assign, centres);
        }
        // Final output: normalised mean per non-empty cluster, labelled by first member.
        int[] label = new int[m];
        Arrays.fill(label, -1);
        int k = 0;
        int[] clusterOf = new int[n];
        for (int i = 0; i < n; i++) {
            if (label[assign[i]] < 0) {
                label[assign[i]] = k++;
            }
            clusterOf[i] = label[assign[i]];
        }
        return TokenPooler.normalisedMeans(tokens, n, dim, clusterOf, k);
    }

    private static float[] initialCentres(float[] tokens, int n, int dim, int m) {
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += tokens[i * dim + j];
            }
        }
        int first = 0;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += mean[j] * tokens[i * dim + j];
            }
            if (s > bestDot) {
                bestDot = s;
                first = i;
            }
        }
        float[] centres = new float[m * dim];
        float[] maxSim = new float[n];
        Arrays.fill(maxSim, Float.NEGATIVE_INFINITY);
        int chosen = first;
        for (int c = 0; c < m; c++) {
            System.arraycopy(tokens, chosen * dim, centres, c * dim, dim);
            int next = -1;
            float worst = Float.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float s = VectorMath.dot(tokens, i * dim, centres, c * dim, dim);
                if (s > maxSim[i]) {
                    maxSim[i] = s;
                }
                if (maxSim[i] < worst) {
                    worst = maxSim[i];
                    next = i;
                }
            }
            chosen = next;
        }
        return centres;
    }

    private static void recompute(
            float[] tokens, int n, int dim, int m, int[] assign, float[] centres) {
        double[] sums = new double[m * dim];
        int[] counts = new int[m];
        for (int i = 0; i < n; i++) {
            int c = assign[i];
            counts[c]++;
            for (int j = 0; j < dim; j++) {
                sums[c * dim + j] += tokens[i * dim + j];
            }
        }
        for (int c = 0; c < m; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                norm += sums[c * dim + j] * sums[c * dim + j];
            }
            if (norm < 1e-12) {
                continue;
            }
            double inv = 1.0 / Math.sqrt(norm);
            for (int j = 0; j < dim; j++) {
                centres[c * dim + j] = (float) (sums[c * dim + j] * inv);
            }
        }
    }
}
