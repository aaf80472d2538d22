package org.vectorindex.state.multivector;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.vectorindex.state.math.Int8Codec;
import org.vectorindex.state.math.StoredEncoding;

/**
 * {@link StoredEncoding#INT8}: one byte per component ({@link Int8Codec}). Each document also keeps
 * its per-vector inverse code norms in memory, derived from the codes (never persisted). Scores are
 * MaxSim over the vectors as {@link #vector} reads them back, so every caller agrees bit for bit.
 */
final class Int8PooledVectorStore implements PooledVectorStore {
    private final int dim;
    private final Map<String, Doc> docs = new HashMap<>();
    private long components;

    private record Doc(byte[] codes, double[] inverseNorms) {}

    /** Dequantized rows of the document being scored (reused, grown as needed). */
    private float[] scratch = new float[0];

    Int8PooledVectorStore(int dim) {
        this.dim = dim;
    }

    @Override
    public float[] put(String id, float[] unitVectors) {
        return putCodes(id, Int8Codec.quantize(unitVectors, dim));
    }

    @Override
    public float[] putCodes(String id, byte[] codes) {
        if (codes.length == 0 || codes.length % dim != 0) {
            throw new IllegalArgumentException(
                    "INT8 codes of '" + id + "' have length " + codes.length + ", not n × " + dim);
        }
        Doc doc = new Doc(codes, Int8Codec.inverseNorms(codes, dim));
        Doc old = docs.put(id, doc);
        components += codes.length - (old == null ? 0 : old.codes.length);
        return dequantize(doc);
    }

    @Override
    public float[] remove(String id) {
        Doc old = docs.remove(id);
        if (old == null) {
            return null;
        }
        components -= old.codes.length;
        return dequantize(old);
    }

    @Override
    public boolean contains(String id) {
        return docs.containsKey(id);
    }

    @Override
    public int size() {
        return docs.size();
    }

    @Override
    public Set<String> ids() {
        return Collections.unmodifiableSet(docs.keySet());
    }

    @Override
    public float[] floats(String id) {
        Doc d = docs.get(id);
        return d == null ? null : dequantize(d);
    }

    @Override
    public byte[] codes(String id) {
        Doc d = docs.get(id);
        return d == null ? null : d.codes.clone();
    }

    @Override
    public int count(String id) {
        return docs.get(id).inverseNorms.length;
    }

    @Override
    public float score(String id, float[] query, int from, int to) {
        Doc d = docs.get(id);
        if (scratch.length < d.codes.length) {
            scratch = new float[d.codes.length];
        }
        return maxSim(query, from, to, d.codes, d.inverseNorms, dim, scratch);
    }

    @Override
    public long components() {
        return components;
    }

    @Override
    public long storedBytes() {
        return components;
    }

    @Override
    public long memoryBytes() {
        return components + components / dim * Double.BYTES;
    }

    @Override
    public void addTo(IndexDigest digest, String id) {
        digest.add(docs.get(id).codes);
    }

    /** The unit vectors a document's codes stand for, from its kept inverse norms. */
    private float[] dequantize(Doc d) {
        float[] out = new float[d.codes.length];
        Int8Codec.dequantize(d.codes, d.inverseNorms, dim, out);
        return out;
    }

    /**
     * MaxSim of query rows {@code [from, to)} against quantized document vectors, computed as
     * {@link MaxSim#score(float[], int, int, float[], int, int)} over the dequantized vectors
     * (written to {@code scratch}, at least {@code codes.length} long). Scoring exactly what {@link
     * #dequantize} reads back keeps one-shot answers, subscription scores and a brute-force
     * reference over the stored vectors bit-identical; the extra {@code nd · dim} multiplies are
     * small next to the {@code (to − from) · nd · dim} multiply-adds of the MaxSim itself.
     */
    static float maxSim(
            float[] query,
            int from,
            int to,
            byte[] codes,
            double[] inverseNorms,
            int dim,
            float[] scratch) {
        int nd = inverseNorms.length;
        if (nd <= 0) {
            throw new IllegalArgumentException("document has no tokens");
        }
        Int8Codec.dequantize(codes, inverseNorms, dim, scratch);
        return MaxSim.score(query, from, to, scratch, nd, dim);
    }
}
