package org.vectorindex.state.multivector;

import org.vectorindex.state.math.VectorMath;

/**
 * Orders query tokens most informative first for {@link QueryPruning}: the first rows score every
 * candidate, so they should be the ones that discriminate. Depends only on the query and the
 * collection centroid, whose fixed-point sum is identical after a restore, so pruned answers are
 * too.
 */
final class QueryTokenOrder {
    private QueryTokenOrder() {}

    /**
     * Query rows reordered most informative first (stable: ties keep their input order).
     *
     * @param norms each token's length before normalisation (the {@link PruningCriterion#NORM} key)
     */
    static float[] mostInformativeFirst(
            float[] query,
            int nq,
            int dim,
            float[] norms,
            PruningCriterion criterion,
            CollectionCentroid centroid) {
        float[] key = new float[nq]; // higher = more informative
        if (criterion == PruningCriterion.NORM) {
            System.arraycopy(norms, 0, key, 0, nq);
        } else {
            float[] mean = centroid.direction();
            for (int i = 0; i < nq; i++) {
                key[i] = mean == null ? 0f : -VectorMath.dot(query, i * dim, mean, 0, dim);
            }
        }
        int[] order = new int[nq];
        for (int i = 0; i < nq; i++) {
            int j = i;
            while (j > 0 && key[order[j - 1]] < key[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        float[] out = new float[query.length];
        for (int i = 0; i < nq; i++) {
            System.arraycopy(query, order[i] * dim, out, i * dim, dim);
        }
        return out;
    }
}
