package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.testing.BruteForce;
import org.vectorindex.state.testing.ClusteredData;

/**
 * Indexes whose config says {@code storedEncoding: INT8}, for every metric: recall against brute
 * force over the original floats, quantization error, symmetric node scores, and a durable image
 * that restores the identical graph.
 */
class HnswInt8CollectionTest {
    private static final int DIM = 40;

    private static HnswConfig config(Metric metric, StoredEncoding encoding) {
        return HnswConfig.builder()
                .dimension(DIM)
                .metric(metric)
                .m(12)
                .efConstruction(80)
                .storedEncoding(encoding)
                .build();
    }

    /** Clustered data shifted off the origin, so L2 and dot depend on magnitudes and offsets. */
    private static float[][] data(int n, long seed) {
        float[][] d = ClusteredData.generate(n, DIM, 12, seed);
        for (float[] v : d) {
            for (int i = 0; i < DIM; i++) {
                v[i] = 3 * v[i] + 0.5f;
            }
        }
        return d;
    }

    /** The same vectors in a FLOAT32 and in an INT8 index. */
    private record Twins(HnswIndex floats, HnswIndex codes) {
        static Twins of(Metric metric, float[][] base) {
            Twins t =
                    new Twins(
                            new HnswIndex(config(metric, StoredEncoding.FLOAT32)),
                            new HnswIndex(config(metric, StoredEncoding.INT8)));
            for (int i = 0; i < base.length; i++) {
                t.floats().upsert("v" + i, base[i]);
                t.codes().upsert("v" + i, base[i]);
            }
            return t;
        }
    }

    private static double recall(HnswIndex index, float[][] base, float[][] queries, Metric m) {
        for (int i = 0; i < base.length; i++) {
            index.upsert("v" + i, base[i]);
        }
        double found = 0;
        for (float[] q : queries) {
            Set<String> truth = new HashSet<>();
            for (int i : BruteForce.topK(base, null, q, 10, m)) {
                truth.add("v" + i);
            }
            for (SearchHit h : index.search(q, 10, 200)) {
                found += truth.contains(h.id()) ? 1 : 0;
            }
        }
        return found / (10.0 * queries.length);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void recallAgainstFloatBruteForceIsWithinTwoPointsOfFloat32(Metric metric) {
        // unshifted clusters: on the shifted ones float32 itself stays below 0.9 under dot
        float[][] base = ClusteredData.generate(3000, DIM, 12, 11);
        float[][] queries = ClusteredData.generate(60, DIM, 12, 12);
        double int8 =
                recall(new HnswIndex(config(metric, StoredEncoding.INT8)), base, queries, metric);
        double float32 =
                recall(
                        new HnswIndex(config(metric, StoredEncoding.FLOAT32)),
                        base,
                        queries,
                        metric);
        // raw inner product over unnormalised clusters is hard for any graph (float32 ~0.7)
        double floor = metric == Metric.DOT ? 0.6 : 0.9;
        assertTrue(int8 >= floor, metric + " INT8 recall@10 " + int8 + ", float32 " + float32);
        assertTrue(int8 >= float32 - 0.02, metric + " INT8 " + int8 + " vs float32 " + float32);
    }

    @ParameterizedTest
    @EnumSource(
            value = Metric.class,
            names = {"L2", "DOT"})
    void affineCodesKeepEachComponentWithinHalfAStep(Metric metric) {
        float[][] base = data(200, 5);
        HnswIndex index = new HnswIndex(config(metric, StoredEncoding.INT8));
        for (int i = 0; i < base.length; i++) {
            index.upsert("v" + i, base[i]);
        }
        for (int i = 0; i < base.length; i++) {
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float x : base[i]) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double halfStep = (max - min) / 255.0 / 2 * 1.001 + 1e-6;
            float[] stored = index.vector("v" + i);
            for (int c = 0; c < DIM; c++) {
                assertEquals(base[i][c], stored[c], halfStep, "v" + i + "[" + c + "]");
            }
        }
        float[] q = data(1, 99)[0];
        for (SearchHit h : index.search(q, 5, 50)) {
            float expected = metric.externalScore(metric.score(q, index.vector(h.id())));
            assertEquals(expected, h.score(), Math.abs(expected) * 1e-4 + 1e-6, h.id());
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = VectorStore.Int8Mode.class,
            names = {"UNIT", "AFFINE"})
    void nodeScoresAreTheSameBitsFromEitherEnd(VectorStore.Int8Mode mode) {
        Metric metric = mode == VectorStore.Int8Mode.UNIT ? Metric.COSINE : Metric.L2;
        Random r = new Random(3);
        for (int dim : new int[] {1, 7, 33, 128}) {
            VectorStore store = new VectorStore(dim, metric, 4, mode);
            store.ensureCapacity(50);
            for (int o = 0; o < 50; o++) {
                float[] v = new float[dim];
                for (int i = 0; i < dim; i++) {
                    v[i] = (float) (r.nextGaussian() * 10 + 2);
                }
                if (metric.normalizes()) {
                    org.vectorindex.state.math.VectorMath.normalizeInPlace(v);
                }
                store.set(o, v);
            }
            for (int a = 0; a < 50; a++) {
                for (int b = 0; b < 50; b++) {
                    assertEquals(
                            Float.floatToRawIntBits(store.score(a, b)),
                            Float.floatToRawIntBits(store.score(b, a)),
                            mode + " dim " + dim + " " + a + "," + b);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void theImageRestoresTheIdenticalGraphWhichCarriesOnIdentically(Metric metric) {
        HnswConfig config = config(metric, StoredEncoding.INT8);
        float[][] base = data(900, 21);
        HnswIndex original = new HnswIndex(config);
        for (int i = 0; i < 700; i++) {
            original.upsert("v" + i, base[i]);
        }
        for (int i = 0; i < 700; i += 9) {
            original.delete("v" + i);
        }
        if (metric != Metric.COSINE) {
            original.upsert("zero", new float[DIM]); // a constant vector: scale 0
        }
        Map<Integer, Int8NodeRecord> nodes = new HashMap<>();
        Map<Integer, int[][]> links = new HashMap<>();
        for (int o = 0; o < original.meta().ordinalLimit(); o++) {
            Int8NodeRecord r = original.int8NodeRecord(o);
            if (r != null) {
                assertEquals(DIM, r.codes().length);
                nodes.put(o, r);
                links.put(o, original.links(o));
            }
        }
        HnswIndex restored = HnswIndex.restore(config, original.meta(), Map.of(), nodes, links);
        assertEquals(original.graphDigest(), restored.graphDigest());
        assertEquals(original.size(), restored.size());
        for (int i = 700; i < 900; i++) {
            original.upsert("v" + i, base[i]);
            restored.upsert("v" + i, base[i]);
        }
        original.delete("v5");
        restored.delete("v5");
        assertEquals(original.graphDigest(), restored.graphDigest());
        List<SearchHit> a = original.search(base[3], 10, 40);
        assertEquals(a, restored.search(base[3], 10, 40));
        assertEquals(10, a.size());
    }

    @ParameterizedTest
    @EnumSource(
            value = Metric.class,
            names = {"L2", "DOT"})
    void zeroVectorsAreExactUnderAffineCodes(Metric metric) {
        HnswIndex index = new HnswIndex(config(metric, StoredEncoding.INT8));
        index.upsert("zero", new float[DIM]);
        assertArrayEquals(new float[DIM], index.vector("zero"));
        float[] constant = new float[DIM];
        java.util.Arrays.fill(constant, -2.5f);
        index.upsert("const", constant);
        assertArrayEquals(constant, index.vector("const"));
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void theEncodingShapesTheGraphAndRecordsMatchTheirEncoding(Metric metric) {
        Twins twins = Twins.of(metric, data(300, 8));
        HnswIndex floats = twins.floats();
        HnswIndex codes = twins.codes();
        assertNotEquals(floats.graphDigest(), codes.graphDigest());
        assertTrue(codes.int8());
        assertThrows(IllegalStateException.class, () -> codes.nodeRecord(0));
        assertThrows(IllegalStateException.class, () -> floats.int8NodeRecord(0));
        assertThrows(
                IllegalStateException.class,
                () ->
                        HnswIndex.restore(
                                floats.config(),
                                codes.meta(),
                                Map.of(),
                                Map.of(0, codes.int8NodeRecord(0)),
                                Map.of()),
                "the stored encoding is part of the graph's shape");
        assertThrows(
                IllegalStateException.class,
                () ->
                        HnswIndex.restore(
                                codes.config(),
                                codes.meta(),
                                Map.of(0, floats.nodeRecord(0)),
                                Map.of(),
                                Map.of()),
                "float records do not restore an INT8 index");
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void vectorBytesAreAboutAQuarterOfFloat32(Metric metric) {
        float[][] base = data(2000, 4);
        Twins twins = Twins.of(metric, base);
        long saved = twins.floats().memoryBytes() - twins.codes().memoryBytes();
        // per vector of capacity (at least n): 4 bytes a component less 1, less at most 20
        // bytes of per-vector terms (scale, offset, code sum, squared norm)
        long atLeast = (3L * DIM - 20) * base.length - 4096;
        assertTrue(saved >= atLeast, "saved " + saved + ", expected at least " + atLeast);
    }
}
