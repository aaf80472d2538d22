package org.vectorindex.state.multivector;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.vectorindex.state.math.StoredEncoding;

/** {@link StoredEncoding#FLOAT32}: the vectors as given, bit for bit. */
final class FloatPooledVectorStore implements PooledVectorStore {
    private final int dim;
    private final Map<String, float[]> vectors = new HashMap<>();
    private long components;

    FloatPooledVectorStore(int dim) {
        this.dim = dim;
    }

    @Override
    public float[] put(String id, float[] unitVectors) {
        float[] old = vectors.put(id, unitVectors);
        components += unitVectors.length - (old == null ? 0 : old.length);
        return unitVectors;
    }

    @Override
    public float[] putCodes(String id, byte[] codes) {
        throw new IllegalStateException("a FLOAT32 collection has no INT8 codes to restore");
    }

    @Override
    public float[] remove(String id) {
        float[] old = vectors.remove(id);
        if (old != null) {
            components -= old.length;
        }
        return old;
    }

    @Override
    public boolean contains(String id) {
        return vectors.containsKey(id);
    }

    @Override
    public int size() {
        return vectors.size();
    }

    @Override
    public Set<String> ids() {
        return Collections.unmodifiableSet(vectors.keySet());
    }

    @Override
    public float[] floats(String id) {
        float[] v = vectors.get(id);
        return v == null ? null : v.clone();
    }

    @Override
    public byte[] codes(String id) {
        return null;
    }

    @Override
    public int count(String id) {
        return vectors.get(id).length / dim;
    }

    @Override
    public float score(String id, float[] query, int from, int to) {
        float[] doc = vectors.get(id);
        return MaxSim.score(query, from, to, doc, doc.length / dim, dim);
    }

    @Override
    public long components() {
        return components;
    }

    @Override
    public long storedBytes() {
        return components * Float.BYTES;
    }

    @Override
    public long memoryBytes() {
        return storedBytes();
    }

    @Override
    public void addTo(IndexDigest digest, String id) {
        digest.add(vectors.get(id));
    }
}
