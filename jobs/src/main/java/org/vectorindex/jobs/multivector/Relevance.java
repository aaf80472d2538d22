package org.vectorindex.jobs.multivector;

import java.util.ArrayList;
import java.util.List;
import org.vectorindex.state.hnsw.SearchHit;

/** nDCG@k of the benchmark's queries, for rankings given as document positions or as hits. */
final class Relevance {
    private final Qrels qrels;
    private final List<TokenCorpus.Doc> queries;
    private final List<String> docIds;
    private final int k;

    Relevance(Qrels qrels, List<TokenCorpus.Doc> queries, List<String> docIds, int k) {
        this.qrels = qrels;
        this.queries = queries;
        this.docIds = docIds;
        this.k = k;
    }

    /** nDCG@k of query {@code i}'s hits. */
    double ndcg(int i, List<SearchHit> hits) {
        List<String> ranked = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            ranked.add(h.id());
        }
        return qrels.ndcg(queries.get(i).id(), ranked, k);
    }

    /** Mean nDCG@k over the queries of rankings given as positions in {@code docIds}. */
    double mean(int[][] top) {
        double sum = 0;
        for (int i = 0; i < top.length; i++) {
            List<String> ranked = new ArrayList<>(top[i].length);
            for (int p : top[i]) {
                ranked.add(docIds.get(p));
            }
            sum += qrels.ndcg(queries.get(i).id(), ranked, k);
        }
        return sum / top.length;
    }
}
