package org.vectorindex.state.multivector;

import java.util.List;
import java.util.function.Predicate;
import org.vectorindex.state.hnsw.SearchHit;

/** Finds candidate documents by inner product of FDEs; the rerank then scores them exactly. */
interface FdeCandidateIndex {

    void upsert(String id, float[] fde);

    boolean delete(String id);

    /** A copy of the stored FDE of {@code id}, or null. */
    float[] vector(String id);

    /**
     * Top {@code k} ids accepted by {@code filter} (null accepts all) by FDE inner product, best
     * first. Filtering here, not after the rerank, keeps k' candidates that are all eligible.
     */
    List<SearchHit> search(float[] queryFde, int k, Predicate<String> filter);

    /** Multiply-adds of the last {@link #search}, or -1 when unknown. */
    long lastSearchMultiplyAdds();

    /** A 64-bit digest of everything the candidate index holds: equal digests, same answers. */
    long digest();
}
