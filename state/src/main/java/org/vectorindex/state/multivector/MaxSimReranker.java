package org.vectorindex.state.multivector;

import java.util.List;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * Exact MaxSim over candidates' stored (pooled, possibly quantized) vectors, optionally in two
 * phases (query-token pruning): the first {@code firstTokens} query rows (the caller orders them
 * most informative first) score every candidate; only the best {@code keep} candidates get the
 * remaining rows added.
 */
final class MaxSimReranker {
    private final int dim;

    MaxSimReranker(int dim) {
        this.dim = dim;
    }

    /**
     * @param mads receives the multiply-adds spent in {@code mads[0]}
     */
    List<SearchHit> rerank(
            float[] query,
            int nq,
            List<SearchHit> candidates,
            PooledVectorStore pooled,
            int k,
            int firstTokens,
            int keep,
            long[] mads) {
        int c = candidates.size();
        boolean twoPhase = firstTokens < nq && keep < c;
        int phaseOneTokens = twoPhase ? firstTokens : nq;
        String[] ids = new String[c];
        float[] partial = new float[c];
        long cost = 0;
        for (int i = 0; i < c; i++) {
            ids[i] = candidates.get(i).id();
            partial[i] = pooled.score(ids[i], query, 0, phaseOneTokens);
            cost += MaxSim.multiplyAdds(phaseOneTokens, pooled.count(ids[i]), dim);
        }
        TopHits top = new TopHits(Math.min(k, c));
        if (!twoPhase) {
            for (int i = 0; i < c; i++) {
                top.offer(ids[i], partial[i]);
            }
            mads[0] = cost;
            return top.hits();
        }
        TopHits kept = new TopHits(keep);
        for (int i = 0; i < c; i++) {
            kept.offer(ids[i], partial[i]);
        }
        for (SearchHit h : kept.hits()) {
            float rest = pooled.score(h.id(), query, firstTokens, nq);
            cost += MaxSim.multiplyAdds(nq - firstTokens, pooled.count(h.id()), dim);
            top.offer(h.id(), h.score() + rest);
        }
        mads[0] = cost;
        return top.hits();
    }
}
