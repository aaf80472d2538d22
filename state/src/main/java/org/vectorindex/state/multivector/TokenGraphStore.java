package org.vectorindex.state.multivector;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.math.StoredEncoding;

/**
 * Stored vectors of a {@link CandidateSearch#TOKENS} collection, kept as the nodes of one HNSW
 * graph (float32, or INT8 codes under {@link StoredEncoding#INT8}) so that the graph token-level
 * candidate search walks is also the only copy the rerank reads. Node ids are {@code docId + NUL +
 * token index}.
 *
 * <p>No keyed-state image: {@link #putCodes} and {@link #codes} are unsupported, and {@link
 * MultiVectorIndex#restore} refuses TOKENS collections.
 */
final class TokenGraphStore implements VectorStore {
    private static final char SEPARATOR = '\u0000';

    private final int dim;
    private final boolean int8;
    private final HnswIndex graph;
    private final Map<String, Integer> counts = new HashMap<>();
    private long components;

    TokenGraphStore(MultiVectorConfig config) {
        this.dim = config.dimension();
        this.int8 = config.storedEncoding() == StoredEncoding.INT8;
        this.graph =
                int8
                        ? HnswIndex.withInt8Vectors(config.tokenGraphConfig())
                        : new HnswIndex(config.tokenGraphConfig());
    }

    HnswIndex graph() {
        return graph;
    }

    static String tokenId(String docId, int token) {
        return docId + SEPARATOR + token;
    }

    static String docOf(String tokenId) {
        return tokenId.substring(0, tokenId.lastIndexOf(SEPARATOR));
    }

    @Override
    public float[] put(String id, float[] unitVectors) {
        if (counts.containsKey(id)) {
            remove(id);
        }
        int n = unitVectors.length / dim;
        float[] row = new float[dim];
        for (int j = 0; j < n; j++) {
            System.arraycopy(unitVectors, j * dim, row, 0, dim);
            graph.upsert(tokenId(id, j), row);
        }
        counts.put(id, n);
        components += unitVectors.length;
        return floats(id);
    }

    @Override
    public float[] putCodes(String id, byte[] codes) {
        throw new IllegalStateException("token candidate search keeps no keyed-state image");
    }

    @Override
    public float[] remove(String id) {
        float[] old = floats(id);
        if (old == null) {
            return null;
        }
        int n = counts.remove(id);
        for (int j = 0; j < n; j++) {
            graph.delete(tokenId(id, j));
        }
        components -= old.length;
        return old;
    }

    @Override
    public boolean contains(String id) {
        return counts.containsKey(id);
    }

    @Override
    public int size() {
        return counts.size();
    }

    @Override
    public Set<String> ids() {
        return Collections.unmodifiableSet(counts.keySet());
    }

    @Override
    public float[] floats(String id) {
        Integer n = counts.get(id);
        if (n == null) {
            return null;
        }
        float[] out = new float[n * dim];
        for (int j = 0; j < n; j++) {
            System.arraycopy(graph.vector(tokenId(id, j)), 0, out, j * dim, dim);
        }
        return out;
    }

    @Override
    public byte[] codes(String id) {
        return null;
    }

    @Override
    public int count(String id) {
        return counts.get(id);
    }

    @Override
    public float score(String id, float[] query, int from, int to) {
        return MaxSim.score(query, from, to, floats(id), count(id), dim);
    }

    @Override
    public long components() {
        return components;
    }

    @Override
    public long storedBytes() {
        return components * (int8 ? 1 : Float.BYTES);
    }

    /** The whole graph: vectors (with INT8's derived norms), links and node ids. */
    @Override
    public long memoryBytes() {
        return graph.memoryBytes();
    }

    @Override
    public void addTo(IndexDigest digest, String id) {
        digest.add(floats(id));
    }
}
