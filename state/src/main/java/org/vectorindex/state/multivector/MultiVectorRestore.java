package org.vectorindex.state.multivector;

import java.util.Map;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.math.StoredEncoding;

/**
 * Rebuilds a {@link MultiVectorIndex} from its keyed-state image (see {@link
 * MultiVectorIndex#restore(MultiVectorConfig, HnswIndex, Map, Map, Map)}): checks that the parts
 * belong together, then puts every document back without re-pooling or re-encoding.
 */
final class MultiVectorRestore {
    private MultiVectorRestore() {}

    static MultiVectorIndex restore(
            MultiVectorConfig config,
            HnswIndex candidateGraph,
            Map<String, float[]> pooledVectors,
            Map<String, byte[]> int8Codes,
            Map<String, float[]> exactFdes) {
        if (!int8Codes.isEmpty() && config.storedEncoding() != StoredEncoding.INT8) {
            throw new IllegalStateException(
                    "stored INT8 codes cannot restore a "
                            + config.storedEncoding()
                            + " collection");
        }
        FdeCandidateIndex candidates;
        if (config.candidateSearch() == CandidateSearch.HNSW) {
            if (candidateGraph == null || exactFdes != null) {
                throw new IllegalStateException(
                        "an HNSW multi-vector collection restores from its candidate graph alone");
            }
            if (!candidateGraph.config().sameGraphShape(config.candidateGraphConfig())) {
                throw new IllegalStateException(
                        "candidate graph was built with "
                                + candidateGraph.config()
                                + " but the collection needs "
                                + config.candidateGraphConfig());
            }
            candidates = new HnswCandidateIndex(candidateGraph);
        } else {
            if (candidateGraph != null || exactFdes == null) {
                throw new IllegalStateException(
                        "an EXACT multi-vector collection restores from its stored FDEs alone");
            }
            candidates = new ExactCandidateIndex();
        }
        MultiVectorIndex index = new MultiVectorIndex(config, candidates);
        for (Map.Entry<String, float[]> e : pooledVectors.entrySet()) {
            float[] pool = e.getValue();
            index.restoreCheck(
                    e.getKey(), pool == null ? 0 : pool.length, candidateGraph, exactFdes);
            index.restoreStored(e.getKey(), pool.clone());
        }
        for (Map.Entry<String, byte[]> e : int8Codes.entrySet()) {
            if (pooledVectors.containsKey(e.getKey())) {
                throw new IllegalStateException(
                        "'" + e.getKey() + "' is stored both as floats and as INT8 codes");
            }
            byte[] codes = e.getValue();
            index.restoreCheck(
                    e.getKey(), codes == null ? 0 : codes.length, candidateGraph, exactFdes);
            index.restoreStoredCodes(e.getKey(), codes.clone());
        }
        index.restoreCount(candidateGraph, exactFdes);
        return index;
    }
}
