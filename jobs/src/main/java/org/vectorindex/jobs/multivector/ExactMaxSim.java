package org.vectorindex.jobs.multivector;

import java.util.List;
import org.vectorindex.state.multivector.MaxSim;

/**
 * Brute-force truth: the top k documents by exact MaxSim over every document's token set. Ties go
 * to the lower document position, so the truth is reproducible.
 */
final class ExactMaxSim {
    private ExactMaxSim() {}

    /** Unit-length copy of each token, row-major: the same normalisation the index applies. */
    static float[] normalisedFlat(float[][] tokens, int dim) {
        float[] out = new float[tokens.length * dim];
        for (int t = 0; t < tokens.length; t++) {
            double s = 0;
            for (float x : tokens[t]) {
                s += (double) x * x;
            }
            float inv = (float) (1.0 / Math.sqrt(s));
            for (int j = 0; j < dim; j++) {
                out[t * dim + j] = tokens[t][j] * inv;
            }
        }
        return out;
    }

    /** Positions of the top {@code k} documents, best first. */
    static int[] topK(float[] query, int nq, List<float[]> docs, int dim, int k) {
        int[] best = new int[Math.min(k, docs.size())];
        float[] scores = new float[best.length];
        int size = 0;
        for (int d = 0; d < docs.size(); d++) {
            float[] doc = docs.get(d);
            float s = MaxSim.score(query, nq, doc, doc.length / dim, dim);
            if (size == best.length && s <= scores[size - 1]) {
                continue;
            }
            int pos = size < best.length ? size++ : size - 1;
            while (pos > 0 && s > scores[pos - 1]) {
                best[pos] = best[pos - 1];
                scores[pos] = scores[pos - 1];
                pos--;
            }
            best[pos] = d;
            scores[pos] = s;
        }
        return best;
    }

    static long multiplyAdds(int nq, List<float[]> docs, int dim) {
        long total = 0;
        for (float[] doc : docs) {
            total += MaxSim.multiplyAdds(nq, doc.length / dim, dim);
        }
        return total;
    }
}
