package org.vectorindex.state.multivector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.StoredEncoding;

/** A multi-vector collection storing INT8 vectors: recall, storage, and bit-identical restore. */
class Int8MultiVectorIndexTest {
    private static final int DIM = 32;

    private static MultiVectorConfig.Builder unpooled(StoredEncoding encoding) {
        return MultiVectorIndexTest.config(CandidateSearch.HNSW)
                .pooledTokens(64)
                .storedEncoding(encoding);
    }

    /**
     * Without pooling, INT8 storage is exactly a quarter of the float32 bytes, and recall against
     * exact float MaxSim over the raw tokens stays within 0.03 of the float32 collection's.
     */
    @Test
    void unpooledInt8KeepsRecallAtAQuarterOfTheBytes() {
        double[] recall = new double[2];
        long[] bytes = new long[2];
        long rawComponents = 0;
        for (StoredEncoding enc : StoredEncoding.values()) {
            MultiVectorIndexTest.Clustered data = new MultiVectorIndexTest.Clustered(21);
            MultiVectorIndex index = new MultiVectorIndex(unpooled(enc).build());
            List<String> ids = new ArrayList<>();
            List<float[]> raw = new ArrayList<>();
            rawComponents = 0;
            for (int d = 0; d < 1500; d++) {
                float[][] tokens = data.set(3, 8, 20);
                index.upsert("d" + d, tokens);
                ids.add("d" + d);
                raw.add(MultiVectorIndexTest.normalisedFlat(tokens));
                rawComponents += (long) tokens.length * DIM;
            }
            for (int qi = 0; qi < 40; qi++) {
                float[][] q = data.set(2, 3, 3);
                float[] qf = MultiVectorIndexTest.normalisedFlat(q);
                Set<String> got = new HashSet<>();
                for (SearchHit h : index.search(q, 10, 150).hits()) {
                    got.add(h.id());
                }
                List<String> truth = MultiVectorIndexTest.exactTop(qf, q.length, ids, raw, 10);
                recall[enc.ordinal()] += truth.stream().filter(got::contains).count() / 400.0;
            }
            bytes[enc.ordinal()] = index.pooledBytes();
            assertEquals(rawComponents, index.pooledFloats(), "nothing is pooled away");
        }
        System.out.printf(
                "unpooled recall@10 vs raw: float32 %.3f, int8 %.3f%n", recall[0], recall[1]);
        assertEquals(rawComponents * 4, bytes[0]);
        assertEquals(rawComponents, bytes[1], "INT8 stores one byte per component");
        assertTrue(recall[0] >= 0.9, "float32 recall " + recall[0]);
        assertTrue(recall[1] >= recall[0] - 0.03, "int8 recall " + recall[1] + " vs " + recall[0]);
    }

    @ParameterizedTest
    @EnumSource(FdeSource.class)
    void restoresFromCodesOrFromDequantizedFloatsBitIdentically(FdeSource source) {
        MultiVectorConfig config =
                MultiVectorIndexStateApiTest.exactAndPruned(source)
                        .storedEncoding(StoredEncoding.INT8)
                        .build();
        List<float[][]> docs = MultiVectorIndexStateApiTest.docs(150, 4);
        MultiVectorIndex original = MultiVectorIndexStateApiTest.filled(config, docs);
        original.upsert("d3", docs.get(7));
        original.delete("d5");
        Map<String, byte[]> codes = new HashMap<>();
        Map<String, float[]> floats = new HashMap<>();
        Map<String, float[]> fdes = new HashMap<>();
        for (String id : original.ids()) {
            codes.put(id, original.pooledCodes(id));
            floats.put(id, original.pooledFlat(id));
            fdes.put(id, original.fde(id));
            assertEquals(original.pooledFlat(id).length, codes.get(id).length);
        }
        MultiVectorIndex fromCodes = MultiVectorIndex.restore(config, null, Map.of(), codes, fdes);
        MultiVectorIndex fromFloats = MultiVectorIndex.restore(config, null, floats, fdes);
        assertEquals(original.digest(), fromCodes.digest());
        assertEquals(original.digest(), fromFloats.digest());
        for (float[][] q : MultiVectorIndexStateApiTest.docs(10, 8)) {
            assertEquals(original.search(q, 10, 40).hits(), fromCodes.search(q, 10, 40).hits());
        }
        if (source == FdeSource.POOLED) {
            MultiVectorIndex again = new MultiVectorIndex(config);
            again.restore("d1", original.pooled("d1"));
            assertArrayEquals(original.fde("d1"), again.fde("d1"));
            assertArrayEquals(original.pooledCodes("d1"), again.pooledCodes("d1"));
        }
    }

    @Test
    void float32CollectionsHaveNoCodesAndRefuseThem() {
        MultiVectorConfig f32 = MultiVectorIndexTest.config(CandidateSearch.EXACT).build();
        MultiVectorIndex index = new MultiVectorIndex(f32);
        index.upsert("a", MultiVectorIndexStateApiTest.docs(1, 1).get(0));
        assertNull(index.pooledCodes("a"));
        assertEquals(index.pooledFloats() * 4, index.pooledBytes());
        Map<String, byte[]> codes = Map.of("a", new byte[DIM]);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                MultiVectorIndex.restore(
                                        f32, null, Map.of(), codes, Map.of("a", index.fde("a"))));
        assertTrue(e.getMessage().contains("INT8"), e.getMessage());
    }
}
