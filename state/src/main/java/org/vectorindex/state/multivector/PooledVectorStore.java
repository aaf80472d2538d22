package org.vectorindex.state.multivector;

import java.util.Set;
import org.vectorindex.state.math.StoredEncoding;

/**
 * The stored (pooled) vectors of a multi-vector collection, per document id, in the collection's
 * {@link StoredEncoding}: what the MaxSim rerank reads and what keyed state persists. One
 * implementation per encoding keeps {@link MultiVectorIndex} independent of the byte layout.
 */
interface PooledVectorStore {

    static PooledVectorStore create(StoredEncoding encoding, int dim) {
        return encoding == StoredEncoding.INT8
                ? new Int8PooledVectorStore(dim)
                : new FloatPooledVectorStore(dim);
    }

    /**
     * Stores unit vectors (row-major, taken over: callers pass a fresh array) and returns the
     * vectors as stored, i.e. as {@link #floats} would give them back (for the centroid), without
     * copying.
     */
    float[] put(String id, float[] unitVectors);

    /**
     * Stores INT8 codes as persisted; returns the dequantized vectors.
     *
     * @throws IllegalStateException when this store is not INT8
     */
    float[] putCodes(String id, byte[] codes);

    /** Removes a document; returns its vectors as stored, or null when absent. */
    float[] remove(String id);

    boolean contains(String id);

    int size();

    Set<String> ids();

    /** A copy of the vectors as stored (dequantized under INT8), row-major, or null. */
    float[] floats(String id);

    /** A copy of the INT8 codes, or null when absent or when this store holds float32. */
    byte[] codes(String id);

    /** Number of stored vectors of a present document. */
    int count(String id);

    /** MaxSim of query rows {@code [from, to)} against a present document's stored vectors. */
    float score(String id, float[] query, int from, int to);

    /** Stored components over all documents. */
    long components();

    /** Bytes of the durable image (vectors only): components times bytes per component. */
    long storedBytes();

    /** Bytes held in memory for the vectors, including derived data such as INT8 norms. */
    long memoryBytes();

    /** Adds a document's stored content to a digest. */
    void addTo(IndexDigest digest, String id);
}
