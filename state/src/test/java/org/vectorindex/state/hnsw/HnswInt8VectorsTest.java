package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.math.Int8Codec;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.math.VectorMath;
import org.vectorindex.state.testing.ClusteredData;

class HnswInt8VectorsTest {
    private static final int DIM = 48;

    private static HnswConfig config(Metric metric) {
        return HnswConfig.builder().dimension(DIM).metric(metric).m(12).efConstruction(80).build();
    }

    /** INT8 codes of unit vectors keep the direction only (the codec's unit mode). */
    private static HnswConfig int8Cosine() {
        return HnswConfig.builder()
                .dimension(DIM)
                .metric(Metric.COSINE)
                .m(12)
                .efConstruction(80)
                .storedEncoding(StoredEncoding.INT8)
                .build();
    }

    private static float[][] unitData(int n, long seed) {
        float[][] data = ClusteredData.generate(n, DIM, 12, seed);
        for (float[] v : data) {
            VectorMath.normalizeInPlace(v);
        }
        return data;
    }

    @Test
    void storesTheCodecsVectorsAndScoresAgainstThem() {
        float[][] data = unitData(300, 5);
        HnswIndex index = new HnswIndex(int8Cosine());
        for (int i = 0; i < data.length; i++) {
            index.upsert("v" + i, data[i]);
        }
        for (int i = 0; i < data.length; i++) {
            assertArrayEquals(
                    Int8Codec.dequantize(Int8Codec.quantize(data[i], DIM), DIM),
                    index.vector("v" + i));
        }
        float[] q = unitData(1, 77)[0];
        for (SearchHit h : index.search(q, 10, 50)) {
            float expected = VectorMath.dot(q, index.vector(h.id()));
            assertEquals(expected, h.score(), 1e-5f, h.id());
        }
    }

    /** Recall@10 at ef=200 against the index's own exhaustive search over its stored vectors. */
    private static double recall(HnswIndex index, float[][] data, float[][] queries) {
        for (int i = 0; i < data.length; i++) {
            index.upsert("v" + i, data[i]);
        }
        double recall = 0;
        for (float[] q : queries) {
            Set<String> truth = new HashSet<>();
            index.exactSearch(q, 10).forEach(h -> truth.add(h.id()));
            int found = 0;
            for (SearchHit h : index.search(q, 10, 200)) {
                found += truth.contains(h.id()) ? 1 : 0;
            }
            recall += found / 10.0;
        }
        return recall / queries.length;
    }

    @Test
    void recallAgainstBruteForceMatchesTheFloatGraph() {
        float[][] data = unitData(3000, 9);
        float[][] queries = unitData(50, 10);
        double int8 = recall(new HnswIndex(int8Cosine()), data, queries);
        double float32 = recall(new HnswIndex(config(Metric.COSINE)), data, queries);
        assertTrue(int8 >= 0.9, "INT8 recall@10 " + int8);
        assertTrue(int8 >= float32 - 0.02, "INT8 " + int8 + " vs float " + float32);
    }

    @Test
    void keepsAboutAQuarterOfTheVectorBytes() {
        float[][] data = unitData(1000, 3);
        HnswIndex floats = new HnswIndex(config(Metric.COSINE));
        HnswIndex codes = new HnswIndex(int8Cosine());
        for (int i = 0; i < data.length; i++) {
            floats.upsert("v" + i, data[i]);
            codes.upsert("v" + i, data[i]);
        }
        long saved = floats.memoryBytes() - codes.memoryBytes();
        long floatVectorBytes = 4L * DIM * data.length;
        // Codes cost a quarter plus an 8-byte norm per vector.
        assertTrue(
                saved >= floatVectorBytes * 3 / 4 - 8L * data.length - 4096,
                "saved " + saved + " of " + floatVectorBytes);
    }

    @Test
    void sameOperationsGiveTheSameGraphAndReupsertOfTheSameVectorIsANoOp() {
        float[][] data = unitData(500, 4);
        HnswIndex a = new HnswIndex(int8Cosine());
        HnswIndex b = new HnswIndex(int8Cosine());
        for (int i = 0; i < data.length; i++) {
            a.upsert("v" + i, data[i]);
            b.upsert("v" + i, data[i]);
        }
        assertEquals(a.graphDigest(), b.graphDigest());
        a.upsert("v7", data[7]);
        assertEquals(a.graphDigest(), b.graphDigest());
        a.upsert("v7", data[8]);
        assertTrue(a.graphDigest() != b.graphDigest());
    }
}
