package org.vectorindex.state.hnsw;

import java.util.Arrays;
import org.vectorindex.state.math.Int8Codec;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.VectorMath;

/**
 * All vectors of one index in a few large primitive chunks (about 256 KiB each, a power of two of
 * vectors, so an ordinal's chunk is a shift and its offset a mask and a multiply): no object per
 * vector, no pointer chase per distance, which is most of the search time, and growth copies only
 * the last chunk, which grows by half until it is full.
 *
 * <p>INT8 vectors hold one signed byte per component ({@link Int8Codec}), a quarter of the float
 * bytes, plus a few per-vector terms:
 *
 * <ul>
 *   <li>{@link Int8Mode#UNIT} (cosine, or dot over unit vectors): the direction only, {@code x̂ = c
 *       / ||c||}, the factor derived from the codes, so the image is the codes alone;
 *   <li>{@link Int8Mode#AFFINE} (L2 and dot, which need magnitudes): {@code x̂ = β + s · c} over
 *       the vector's own range ({@link Int8Codec#quantizeAffine}), {@code s} and {@code β} kept
 *       beside the codes, with the derived {@code Σc} and {@code ||x̂||²}, so a score is one dot
 *       product of codes plus per-vector terms: {@code q·x̂ = β Σq + s (q·c)}, {@code ||q − x̂||² =
 *       ||q||² − 2 q·x̂ + ||x̂||²}.
 * </ul>
 *
 * Query scores are float query against codes, so only the stored side is quantized. Node-to-node
 * scores are symmetric to the bit, as restores recompute a link's score from either end.
 */
final class VectorStore {
    /** How INT8 codes stand for a vector. */
    enum Int8Mode {
        NONE,
        UNIT,
        AFFINE
    }

    private final int dim;
    private final Metric metric;
    private final Int8Mode mode;
    private final int chunkShift;
    private final int chunkMask;
    private float[][] data;
    private byte[][] codes;
    private int capacity;

    /** UNIT: {@code 1/||c||}. */
    private double[][] factors;

    /** AFFINE: scale {@code s}, offset {@code β}, {@code Σc} and {@code ||x̂||²} per vector. */
    private float[][] scales;

    private float[][] offsets;
    private int[][] codeSums;
    private double[][] squaredNorms;

    private static final int CHUNK_BYTES = 1 << 18;

    VectorStore(int dim, Metric metric, int initialCapacity) {
        this(dim, metric, initialCapacity, Int8Mode.NONE);
    }

    VectorStore(int dim, Metric metric, int initialCapacity, Int8Mode mode) {
        this.dim = dim;
        this.metric = metric;
        this.mode = mode;
        int cap = Math.max(1, initialCapacity);
        if (mode == Int8Mode.UNIT && metric == Metric.L2) {
            throw new IllegalArgumentException(
                    "INT8 vectors keep directions only: use cosine, or dot over unit vectors");
        }
        // as many vectors per chunk under either encoding, so their capacities compare like for
        // like
        this.chunkShift =
                31 - Integer.numberOfLeadingZeros(Math.max(1, CHUNK_BYTES / (dim * Float.BYTES)));
        this.chunkMask = (1 << chunkShift) - 1;
        if (mode == Int8Mode.NONE) {
            this.data = new float[0][];
        } else {
            this.codes = new byte[0][];
            if (mode == Int8Mode.UNIT) {
                this.factors = new double[0][];
            } else {
                this.scales = new float[0][];
                this.offsets = new float[0][];
                this.codeSums = new int[0][];
                this.squaredNorms = new double[0][];
            }
        }
        ensureCapacity(cap);
    }

    boolean int8() {
        return codes != null;
    }

    Int8Mode int8Mode() {
        return mode;
    }

    int dimension() {
        return dim;
    }

    Metric metric() {
        return metric;
    }

    int capacity() {
        return capacity;
    }

    void ensureCapacity(int ordinals) {
        while (ordinals > capacity) {
            int chunks = int8() ? codes.length : data.length;
            int perChunk = chunkMask + 1;
            int inLast = chunks == 0 ? perChunk : capacity - ((chunks - 1) << chunkShift);
            if (inLast == perChunk) {
                if ((long) chunks << chunkShift >= Integer.MAX_VALUE - perChunk) {
                    throw new IllegalStateException(
                            "index shard is full: " + ordinals + " vectors");
                }
                chunks++;
                inLast = 0;
            }
            int wanted = ordinals - ((chunks - 1) << chunkShift);
            int grown = Math.min(perChunk, Math.max(wanted, inLast + inLast / 2 + 1));
            growChunk(chunks, grown);
            capacity = ((chunks - 1) << chunkShift) + grown;
        }
    }

    /** Grows (or adds) chunk {@code chunks - 1} of every per-vector array to {@code n} vectors. */
    private void growChunk(int chunks, int n) {
        int c = chunks - 1;
        if (!int8()) {
            data = Arrays.copyOf(data, chunks);
            data[c] = data[c] == null ? new float[n * dim] : Arrays.copyOf(data[c], n * dim);
            return;
        }
        codes = Arrays.copyOf(codes, chunks);
        codes[c] = codes[c] == null ? new byte[n * dim] : Arrays.copyOf(codes[c], n * dim);
        if (factors != null) {
            factors = Arrays.copyOf(factors, chunks);
            factors[c] = factors[c] == null ? new double[n] : Arrays.copyOf(factors[c], n);
            return;
        }
        scales = Arrays.copyOf(scales, chunks);
        scales[c] = scales[c] == null ? new float[n] : Arrays.copyOf(scales[c], n);
        offsets = Arrays.copyOf(offsets, chunks);
        offsets[c] = offsets[c] == null ? new float[n] : Arrays.copyOf(offsets[c], n);
        codeSums = Arrays.copyOf(codeSums, chunks);
        codeSums[c] = codeSums[c] == null ? new int[n] : Arrays.copyOf(codeSums[c], n);
        squaredNorms = Arrays.copyOf(squaredNorms, chunks);
        squaredNorms[c] =
                squaredNorms[c] == null ? new double[n] : Arrays.copyOf(squaredNorms[c], n);
    }

    private float[] floats(int ordinal) {
        return data[ordinal >>> chunkShift];
    }

    private byte[] codeChunk(int ordinal) {
        return codes[ordinal >>> chunkShift];
    }

    private int base(int ordinal) {
        return (ordinal & chunkMask) * dim;
    }

    void set(int ordinal, float[] vector) {
        switch (mode) {
            case NONE -> System.arraycopy(vector, 0, floats(ordinal), base(ordinal), dim);
            case UNIT -> setCodes(ordinal, Int8Codec.quantize(vector, dim), 0f, 0f);
            case AFFINE -> {
                byte[] c = new byte[dim];
                float[] p = Int8Codec.quantizeAffine(vector, c);
                setCodes(ordinal, c, p[0], p[1]);
            }
        }
    }

    /** Sets an ordinal from its durable codes (and scale and offset, in AFFINE mode). */
    void setCodes(int ordinal, byte[] c, float scale, float offset) {
        if (c.length != dim) {
            throw new IllegalArgumentException(
                    "stored codes have dimension " + c.length + ", the index " + dim);
        }
        int base = base(ordinal);
        byte[] chunk = codeChunk(ordinal);
        System.arraycopy(c, 0, chunk, base, dim);
        if (mode == Int8Mode.UNIT) {
            factors[ordinal >>> chunkShift][ordinal & chunkMask] =
                    Int8Codec.inverseNorm(chunk, base, dim);
            return;
        }
        scales[ordinal >>> chunkShift][ordinal & chunkMask] = scale;
        offsets[ordinal >>> chunkShift][ordinal & chunkMask] = offset;
        int sum = 0;
        for (int i = 0; i < dim; i++) {
            sum += chunk[base + i];
        }
        codeSums[ordinal >>> chunkShift][ordinal & chunkMask] = sum;
        squaredNorms[ordinal >>> chunkShift][ordinal & chunkMask] = affineDot(ordinal, ordinal);
    }

    /** A copy of the codes of an ordinal. */
    byte[] codesOf(int ordinal) {
        return Arrays.copyOfRange(codeChunk(ordinal), base(ordinal), base(ordinal) + dim);
    }

    /** The stored scale of an ordinal in AFFINE mode; 0 in UNIT mode, where codes carry it. */
    float scaleOf(int ordinal) {
        return mode == Int8Mode.AFFINE ? scales[ordinal >>> chunkShift][ordinal & chunkMask] : 0f;
    }

    /** The stored offset of an ordinal in AFFINE mode; 0 in UNIT mode. */
    float offsetOf(int ordinal) {
        return mode == Int8Mode.AFFINE ? offsets[ordinal >>> chunkShift][ordinal & chunkMask] : 0f;
    }

    void clear(int ordinal) {
        if (codes != null) {
            Arrays.fill(codeChunk(ordinal), base(ordinal), base(ordinal) + dim, (byte) 0);
            if (factors != null) {
                factors[ordinal >>> chunkShift][ordinal & chunkMask] = 0;
            } else {
                scales[ordinal >>> chunkShift][ordinal & chunkMask] = 0;
                offsets[ordinal >>> chunkShift][ordinal & chunkMask] = 0;
                codeSums[ordinal >>> chunkShift][ordinal & chunkMask] = 0;
                squaredNorms[ordinal >>> chunkShift][ordinal & chunkMask] = 0;
            }
        } else {
            Arrays.fill(floats(ordinal), base(ordinal), base(ordinal) + dim, 0f);
        }
    }

    /** A copy of the vector as stored (dequantized under INT8). */
    float[] copyOf(int ordinal) {
        if (codes != null) {
            float[] out = new float[dim];
            double f =
                    factors != null
                            ? factors[ordinal >>> chunkShift][ordinal & chunkMask]
                            : scales[ordinal >>> chunkShift][ordinal & chunkMask];
            double b = factors != null ? 0 : offsets[ordinal >>> chunkShift][ordinal & chunkMask];
            byte[] chunk = codeChunk(ordinal);
            for (int i = 0, o = base(ordinal); i < dim; i++) {
                out[i] = (float) (b + chunk[o + i] * f);
            }
            return out;
        }
        return Arrays.copyOfRange(floats(ordinal), base(ordinal), base(ordinal) + dim);
    }

    boolean equalsStored(int ordinal, float[] vector) {
        int base = base(ordinal);
        switch (mode) {
            case UNIT:
                return Arrays.equals(
                        codeChunk(ordinal),
                        base,
                        base + dim,
                        Int8Codec.quantize(vector, dim),
                        0,
                        dim);
            case AFFINE:
                byte[] c = new byte[dim];
                float[] p = Int8Codec.quantizeAffine(vector, c);
                return p[0] == scales[ordinal >>> chunkShift][ordinal & chunkMask]
                        && p[1] == offsets[ordinal >>> chunkShift][ordinal & chunkMask]
                        && Arrays.equals(codeChunk(ordinal), base, base + dim, c, 0, dim);
            default:
                return Arrays.equals(floats(ordinal), base, base + dim, vector, 0, dim);
        }
    }

    /**
     * Reads one value per 64-byte cache line of what scoring an ordinal reads, so that the lines of
     * several neighbours are fetched in parallel before the first of them is scored; the bits
     * returned mean nothing and only keep the loads from being dropped.
     */
    int touch(int ordinal) {
        int c = ordinal >>> chunkShift;
        int base = base(ordinal);
        int last = base + dim - 1;
        int bits = 0;
        if (codes == null) {
            float[] chunk = data[c];
            for (int at = base; at < last; at += 16) {
                bits ^= Float.floatToRawIntBits(chunk[at]);
            }
            return bits ^ Float.floatToRawIntBits(chunk[last]);
        }
        byte[] chunk = codes[c];
        for (int at = base; at < last; at += 64) {
            bits ^= chunk[at];
        }
        bits ^= chunk[last];
        int i = ordinal & chunkMask;
        if (factors != null) {
            return bits ^ (int) Double.doubleToRawLongBits(factors[c][i]);
        }
        return bits
                ^ Float.floatToRawIntBits(scales[c][i])
                ^ Float.floatToRawIntBits(offsets[c][i])
                ^ codeSums[c][i]
                ^ (int) Double.doubleToRawLongBits(squaredNorms[c][i]);
    }

    /**
     * Score of a query; {@code querySum} ({@code Σq}) and {@code queryNorm} ({@code ||q||²}) are
     * read in AFFINE mode only.
     */
    float score(float[] query, double querySum, double queryNorm, int ordinal) {
        if (codes == null) {
            return metric.score(query, 0, floats(ordinal), base(ordinal), dim);
        }
        double dot = VectorMath.dot(query, 0, codeChunk(ordinal), base(ordinal), dim);
        if (factors != null) {
            return (float) (dot * factors[ordinal >>> chunkShift][ordinal & chunkMask]);
        }
        dot =
                offsets[ordinal >>> chunkShift][ordinal & chunkMask] * querySum
                        + scales[ordinal >>> chunkShift][ordinal & chunkMask] * dot;
        return metric == Metric.L2
                ? (float)
                        -(queryNorm
                                - 2 * dot
                                + squaredNorms[ordinal >>> chunkShift][ordinal & chunkMask])
                : (float) dot;
    }

    float score(int a, int b) {
        if (codes == null) {
            return metric.score(floats(a), base(a), floats(b), base(b), dim);
        }
        if (factors != null) {
            int sum = VectorMath.dot(codeChunk(a), base(a), codeChunk(b), base(b), dim);
            // one product of the two factors, so the score is the same from either end
            return (float)
                    (sum
                            * (factors[a >>> chunkShift][a & chunkMask]
                                    * factors[b >>> chunkShift][b & chunkMask]));
        }
        double dot = affineDot(a, b);
        return metric == Metric.L2
                ? (float)
                        -((squaredNorms[a >>> chunkShift][a & chunkMask]
                                        + squaredNorms[b >>> chunkShift][b & chunkMask])
                                - 2 * dot)
                : (float) dot;
    }

    /**
     * {@code x̂_a · x̂_b = d β_a β_b + β_a s_b Σc_b + β_b s_a Σc_a + s_a s_b (c_a · c_b)}, each
     * term written so that swapping a and b gives the same bits.
     */
    private double affineDot(int a, int b) {
        int codeDot = VectorMath.dot(codeChunk(a), base(a), codeChunk(b), base(b), dim);
        double cross =
                offsets[a >>> chunkShift][a & chunkMask]
                                * ((double) scales[b >>> chunkShift][b & chunkMask]
                                        * codeSums[b >>> chunkShift][b & chunkMask])
                        + offsets[b >>> chunkShift][b & chunkMask]
                                * ((double) scales[a >>> chunkShift][a & chunkMask]
                                        * codeSums[a >>> chunkShift][a & chunkMask]);
        return dim
                        * ((double) offsets[a >>> chunkShift][a & chunkMask]
                                * offsets[b >>> chunkShift][b & chunkMask])
                + cross
                + ((double) scales[a >>> chunkShift][a & chunkMask]
                                * scales[b >>> chunkShift][b & chunkMask])
                        * codeDot;
    }

    long bytesUsed() {
        long bytes = RamBytes.OBJECT_HEADER + 10 * RamBytes.REFERENCE + 4 * Integer.BYTES;
        if (codes == null) {
            bytes += RamBytes.ofReferences(data);
            for (float[] chunk : data) {
                bytes += RamBytes.of(chunk);
            }
            return bytes;
        }
        bytes += RamBytes.ofReferences(codes);
        for (byte[] chunk : codes) {
            bytes += RamBytes.of(chunk);
        }
        return bytes + termBytes();
    }

    private long termBytes() {
        if (factors != null) {
            long bytes = RamBytes.ofReferences(factors);
            for (double[] chunk : factors) {
                bytes += RamBytes.of(chunk);
            }
            return bytes;
        }
        long bytes = 4 * RamBytes.ofReferences(scales);
        for (int c = 0; c < scales.length; c++) {
            bytes +=
                    RamBytes.of(scales[c])
                            + RamBytes.of(offsets[c])
                            + RamBytes.of(codeSums[c])
                            + RamBytes.of(squaredNorms[c]);
        }
        return bytes;
    }

    /** Scores stored nodes against a query vector; reused across searches. */
    final class QueryScorer implements OrdinalScorer {
        private float[] query;
        private double querySum;
        private double queryNorm;

        QueryScorer reset(float[] query) {
            this.query = query;
            if (mode == Int8Mode.AFFINE) {
                double sum = 0;
                for (int i = 0; i < dim; i++) {
                    sum += query[i];
                }
                querySum = sum;
                queryNorm = VectorMath.dot(query, 0, query, 0, dim);
            }
            return this;
        }

        @Override
        public float score(int ordinal) {
            return VectorStore.this.score(query, querySum, queryNorm, ordinal);
        }

        @Override
        public int touch(int ordinal) {
            return VectorStore.this.touch(ordinal);
        }
    }

    /** Scores stored nodes against another stored node; used when linking and repairing. */
    final class NodeScorer implements OrdinalScorer {
        private int target;

        NodeScorer reset(int target) {
            this.target = target;
            return this;
        }

        @Override
        public float score(int ordinal) {
            return VectorStore.this.score(target, ordinal);
        }

        @Override
        public int touch(int ordinal) {
            return VectorStore.this.touch(ordinal);
        }
    }
}
