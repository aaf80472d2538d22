package org.vectorindex.state.multivector;

import java.util.List;
import org.vectorindex.state.hnsw.SearchHit;

/** Finds candidate documents by inner product of FDEs; the rerank then scores them exactly. */
interface FdeCandidateIndex {

    void upsert(String id, float[] fde);

    boolean delete(String id);

    /** A copy of the stored FDE of {@code id}, or null. */
    float[] vector(String id);

    /** Top {@code k} ids by FDE inner product, best first. */
    List<SearchHit> search(float[] queryFde, int k);

    /** Multiply-adds of the last {@link #search}, or -1 when unknown. */
    long lastSearchMultiplyAdds();
}
