package org.vectorindex.state.multivector;

import java.util.List;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * Hits of a multi-vector search, best first, with what the search cost in multiply-adds, so the
 * benchmark can compare it with brute-force MaxSim.
 *
 * @param hits top k by exact MaxSim over pooled vectors
 * @param fdeHits top k of the candidate list by FDE score alone, before the rerank
 * @param encodeMultiplyAdds query FDE encoding
 * @param candidateMultiplyAdds candidate search in FDE space; -1 when the candidate index does not
 *     report it
 * @param rerankMultiplyAdds exact MaxSim over the candidates' pooled vectors
 * @param candidates number of candidates reranked
 */
@Internal
public record MultiVectorSearchResult(
        List<SearchHit> hits,
        List<SearchHit> fdeHits,
        long encodeMultiplyAdds,
        long candidateMultiplyAdds,
        long rerankMultiplyAdds,
        int candidates) {

    /** Total multiply-adds; candidate search counts as 0 when unknown. */
    public long multiplyAdds() {
        return encodeMultiplyAdds + Math.max(0, candidateMultiplyAdds) + rerankMultiplyAdds;
    }
}
