package org.vectorindex.jobs.multivector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.embed.EuroparlCorpus;
import org.vectorindex.jobs.embed.EuroparlTokenCorpus;
import org.vectorindex.jobs.embed.TokenDoc;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.CandidateSearch;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;
import org.vectorindex.state.multivector.MultiVectorSearchResult;

/**
 * Token-level candidates on real text: English Europarl sentences embedded per token by
 * all-MiniLM-L6-v2 (from Maven Central, so a fresh clone runs it), INT8 token graph, against
 * brute-force MaxSim over the raw float tokens. The 10k-document figures are in the README.
 */
class TokenCandidatesEuroparlITCase {
    private static final int DIM = 384;

    @TempDir Path cache;

    @Test
    void tokenCandidatesFindTheExactMaxSimTopTenOnRealText() {
        EuroparlTokenCorpus corpus =
                new EuroparlTokenCorpus(EuroparlCorpus.Selection.ENGLISH_SENTENCES, cache);
        List<TokenDoc> docs = corpus.docs(1500);
        List<TokenDoc> queries = corpus.queries(40);
        MultiVectorIndex index =
                new MultiVectorIndex(
                        MultiVectorConfig.builder()
                                .dimension(DIM)
                                .pooledTokens(512)
                                .storedEncoding(StoredEncoding.INT8)
                                .candidateSearch(CandidateSearch.TOKENS)
                                .tokenDepth(320)
                                .build());
        List<float[]> raw = new ArrayList<>();
        for (TokenDoc d : docs) {
            index.upsert(d.id(), d.tokens());
            raw.add(ExactMaxSim.normalisedFlat(d.tokens(), DIM));
        }
        double recall = 0;
        long mads = 0;
        long brute = 0;
        for (TokenDoc q : queries) {
            int nq = q.tokens().length;
            Set<String> truth = new HashSet<>();
            for (int p :
                    ExactMaxSim.topK(
                            ExactMaxSim.normalisedFlat(q.tokens(), DIM), nq, raw, DIM, 10)) {
                truth.add(docs.get(p).id());
            }
            MultiVectorSearchResult r = index.search(q.tokens(), 10, 50, null);
            int found = 0;
            for (SearchHit h : r.hits()) {
                found += truth.contains(h.id()) ? 1 : 0;
            }
            recall += found / 10.0;
            mads += r.multiplyAdds();
            brute += ExactMaxSim.multiplyAdds(nq, raw, DIM);
        }
        recall /= queries.size();
        double share = mads / (double) brute;
        System.out.printf(
                "TOKENS on %d Europarl sentences: recall@10 vs raw MaxSim %.3f at %.1f%% of"
                        + " brute-force multiply-adds, storage %.3f%n",
                docs.size(),
                recall,
                100 * share,
                index.pooledBytes() / (4.0 * index.pooledFloats()));
        assertTrue(recall >= 0.95, "recall@10 vs raw MaxSim " + recall);
        // 50 reranked of 1,500 documents, most only in part: far below brute force (9.2% here).
        assertTrue(share < 0.15, "multiply-adds " + share + " of brute force");
    }
}
