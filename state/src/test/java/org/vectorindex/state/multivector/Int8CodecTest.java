package org.vectorindex.state.multivector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.math.Int8Codec;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.testing.ClusteredData;

/**
 * The INT8 quantizer's stated error bound, its idempotence (what bit-identical restores rely on),
 * and MaxSim over codes against MaxSim over the float vectors on clustered data.
 */
class Int8CodecTest {
    private static final int DIM = 96;

    private static float[] unitFlat(float[][] rows) {
        float[] flat = new float[rows.length * DIM];
        for (int r = 0; r < rows.length; r++) {
            double n = 0;
            for (float x : rows[r]) {
                n += x * x;
            }
            for (int i = 0; i < DIM; i++) {
                flat[r * DIM + i] = (float) (rows[r][i] / Math.sqrt(n));
            }
        }
        return flat;
    }

    @Test
    void reconstructionErrorStaysWithinTheStatedBound() {
        float[] x = unitFlat(ClusteredData.generate(500, DIM, 10, 3));
        float[] back = Int8Codec.dequantize(Int8Codec.quantize(x, DIM), DIM);
        double worstShare = 0;
        double meanError = 0;
        for (int v = 0; v < 500; v++) {
            double maxAbs = 0;
            double err = 0;
            double norm = 0;
            for (int i = v * DIM; i < (v + 1) * DIM; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(x[i]));
                err += (x[i] - back[i]) * (double) (x[i] - back[i]);
                norm += back[i] * (double) back[i];
            }
            double bound = Math.sqrt(DIM) * maxAbs / 127;
            worstShare = Math.max(worstShare, Math.sqrt(err) / bound);
            meanError += Math.sqrt(err) / 500;
            assertEquals(1.0, norm, 1e-5, "dequantized vectors are unit length");
        }
        assertTrue(worstShare <= 1.0, "error exceeded the bound: " + worstShare + " of it");
        // Rounding errors are spread, so the typical error is far below the worst case.
        assertTrue(meanError < 0.02, "mean reconstruction error " + meanError);
    }

    @Test
    void quantizingDequantizedVectorsGivesTheSameCodes() {
        float[] x = unitFlat(ClusteredData.generate(300, DIM, 7, 5));
        byte[] codes = Int8Codec.quantize(x, DIM);
        assertArrayEquals(codes, Int8Codec.quantize(Int8Codec.dequantize(codes, DIM), DIM));
    }

    @Test
    void theLargestComponentTakesTheFullRange() {
        byte[] c = Int8Codec.quantize(new float[] {0.6f, -0.8f, 0f, 0f}, 4);
        assertArrayEquals(new byte[] {95, -127, 0, 0}, c);
    }

    @Test
    void rejectsZeroNonFiniteAndMisshapedInput() {
        assertThrows(IllegalArgumentException.class, () -> Int8Codec.quantize(new float[4], 4));
        assertThrows(
                IllegalArgumentException.class,
                () -> Int8Codec.quantize(new float[] {1, Float.NaN, 0, 0}, 4));
        assertThrows(IllegalArgumentException.class, () -> Int8Codec.quantize(new float[5], 4));
    }

    /**
     * Per query token the dot product moves by at most the reconstruction bound (Cauchy–Schwarz),
     * so MaxSim over codes is within {@code nq ×} the worst document bound of float MaxSim; and the
     * top-10 by MaxSim barely changes.
     */
    @Test
    void maxSimOverCodesTracksFloatMaxSimOnClusteredData() {
        int docs = 400;
        int perDoc = 12;
        int nq = 8;
        float[] tokens = unitFlat(ClusteredData.generate(docs * perDoc, DIM, 25, 9));
        float[] queries = unitFlat(ClusteredData.generate(20 * nq, DIM, 25, 9));
        double overlap = 0;
        double worstGap = 0;
        for (int q = 0; q < 20; q++) {
            float[] query = Arrays.copyOfRange(queries, q * nq * DIM, (q + 1) * nq * DIM);
            float[] exact = new float[docs];
            float[] quant = new float[docs];
            for (int d = 0; d < docs; d++) {
                float[] doc = Arrays.copyOfRange(tokens, d * perDoc * DIM, (d + 1) * perDoc * DIM);
                byte[] codes = Int8Codec.quantize(doc, DIM);
                exact[d] = MaxSim.score(query, nq, doc, perDoc, DIM);
                quant[d] =
                        Int8PooledVectorStore.maxSim(
                                query,
                                0,
                                nq,
                                codes,
                                Int8Codec.inverseNorms(codes, DIM),
                                DIM,
                                new float[codes.length]);
                double maxAbs = 0;
                for (float v : doc) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                }
                double bound = nq * Math.sqrt(DIM) * maxAbs / 127 + 1e-4;
                worstGap = Math.max(worstGap, Math.abs(exact[d] - quant[d]) / bound);
            }
            overlap += topOverlap(exact, quant, 10) / 10.0 / 20;
        }
        assertTrue(worstGap <= 1.0, "MaxSim moved beyond the bound: " + worstGap + " of it");
        assertTrue(overlap >= 0.95, "top-10 overlap of INT8 and float MaxSim " + overlap);
    }

    private static int topOverlap(float[] a, float[] b, int k) {
        int[] ta = top(a, k);
        int[] tb = top(b, k);
        int n = 0;
        for (int x : ta) {
            for (int y : tb) {
                if (x == y) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int[] top(float[] s, int k) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Float.compare(s[y], s[x]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    @Test
    void encodingParsesAndConfigRefusesNull() {
        assertEquals(StoredEncoding.INT8, StoredEncoding.parse(" INT8 "));
        assertEquals(StoredEncoding.FLOAT32, StoredEncoding.parse("float32"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StoredEncoding.parse("int4"));
        assertTrue(e.getMessage().contains("float32 or int8"), e.getMessage());
        assertEquals(
                StoredEncoding.FLOAT32,
                MultiVectorConfig.builder().dimension(4).build().storedEncoding());
        NullPointerException npe =
                assertThrows(
                        NullPointerException.class,
                        () ->
                                MultiVectorConfig.builder()
                                        .dimension(4)
                                        .storedEncoding(null)
                                        .build());
        assertTrue(npe.getMessage().contains("storedEncoding"), npe.getMessage());
    }
}
