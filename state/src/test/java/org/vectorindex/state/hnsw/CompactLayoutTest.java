package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.testing.ClusteredData;

/** The packed structures behind an index, each against a plain reference under random churn. */
class CompactLayoutTest {

    @Test
    void idTableAgreesWithAHashMapUnderChurn() {
        SplittableRandom random = new SplittableRandom(7);
        IdTable table = new IdTable();
        Map<String, Integer> reference = new HashMap<>();
        String[] byOrdinal = new String[3000];
        table.ensureCapacity(byOrdinal.length);
        for (int step = 0; step < 40_000; step++) {
            int ordinal = random.nextInt(byOrdinal.length);
            if (byOrdinal[ordinal] == null) {
                String id = randomId(random);
                if (reference.containsKey(id)) {
                    continue;
                }
                table.set(ordinal, id);
                table.map(ordinal);
                reference.put(id, ordinal);
                byOrdinal[ordinal] = id;
            } else {
                assertEquals(ordinal, table.unmap(byOrdinal[ordinal]));
                assertEquals(-1, table.unmap(byOrdinal[ordinal]), "unmapped twice");
                assertEquals(byOrdinal[ordinal], table.id(ordinal), "kept until cleared");
                table.clear(ordinal);
                reference.remove(byOrdinal[ordinal]);
                byOrdinal[ordinal] = null;
            }
        }
        for (int ordinal = 0; ordinal < byOrdinal.length; ordinal++) {
            assertEquals(byOrdinal[ordinal], table.id(ordinal));
        }
        for (Map.Entry<String, Integer> e : reference.entrySet()) {
            assertEquals(e.getValue(), table.get(e.getKey()), e.getKey());
        }
        assertEquals(-1, table.get("never stored"));
    }

    /**
     * Short decimal ids, long ones (a two-byte length), Latin-1 and wider chars, unpaired halves.
     */
    private static String randomId(SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 0:
                return Integer.toString(random.nextInt(5000));
            case 1:
                return "doc-" + "x".repeat(random.nextInt(200)) + random.nextInt(100);
            case 2:
                return "é" + random.nextInt(1000) + "ÿ";
            default:
                char[] c = new char[1 + random.nextInt(6)];
                for (int i = 0; i < c.length; i++) {
                    c[i] = (char) random.nextInt(0x10000);
                }
                return new String(c);
        }
    }

    @Test
    void graphPoolKeepsEveryListThroughGrowthShrinkFreeAndCompaction() {
        SplittableRandom random = new SplittableRandom(11);
        int m = 4;
        HnswGraph graph = new HnswGraph(m);
        int n = 500;
        graph.ensureCapacity(n);
        int[][][] reference = new int[n][][];
        for (int step = 0; step < 30_000; step++) {
            int ordinal = random.nextInt(n);
            if (reference[ordinal] == null) {
                int level = random.nextInt(8) == 0 ? 1 + random.nextInt(3) : 0;
                graph.addNode(ordinal, level);
                reference[ordinal] = new int[level + 1][0];
            } else if (random.nextInt(50) == 0) {
                graph.freeNode(ordinal);
                reference[ordinal] = null;
            } else {
                int level = random.nextInt(reference[ordinal].length);
                int[] list = new int[random.nextInt(graph.maxConnections(level) + 1)];
                for (int i = 0; i < list.length; i++) {
                    list[i] = random.nextInt(n);
                }
                graph.setNeighbors(ordinal, level, list, list.length);
                reference[ordinal][level] = list;
            }
        }
        for (int ordinal = 0; ordinal < n; ordinal++) {
            assertEquals(reference[ordinal] != null, graph.exists(ordinal));
            if (reference[ordinal] != null) {
                assertEquals(reference[ordinal].length - 1, graph.level(ordinal));
                for (int l = 0; l < reference[ordinal].length; l++) {
                    int off = graph.offset(ordinal, l);
                    int[] a = graph.neighborArray(ordinal, l);
                    assertArrayEquals(
                            reference[ordinal][l],
                            Arrays.copyOfRange(a, off, off + graph.count(ordinal, l)));
                }
            }
        }
    }

    @Test
    void vectorsAcrossManyChunksReadBackAndScoreAsFlatArrays() {
        // 70,000 floats per vector leave one vector per 256 KiB chunk
        for (int dim : new int[] {3, 70_000}) {
            SplittableRandom random = new SplittableRandom(dim);
            VectorStore store = new VectorStore(dim, Metric.L2, 1);
            float[][] vectors = new float[dim == 3 ? 50_000 : 12][dim];
            for (int i = 0; i < vectors.length; i++) {
                for (int j = 0; j < dim; j++) {
                    vectors[i][j] = (float) random.nextGaussian();
                }
                store.ensureCapacity(i + 1);
                store.set(i, vectors[i]);
            }
            for (int i = 0; i < vectors.length; i += 1 + vectors.length / 100) {
                int other = (i * 31 + 7) % vectors.length;
                assertArrayEquals(vectors[i], store.copyOf(i));
                assertEquals(
                        Metric.L2.score(vectors[i], 0, vectors[other], 0, dim),
                        store.score(i, other));
            }
            store.clear(0);
            assertArrayEquals(new float[dim], store.copyOf(0));
        }
    }

    @Test
    void memoryIsTheVectorsPlusAboutFourBytesPerLink() {
        int dim = 32;
        HnswIndex index =
                new HnswIndex(HnswConfig.builder().dimension(dim).metric(Metric.L2).build());
        float[][] base = ClusteredData.generate(4000, dim, 8, 3);
        for (int i = 0; i < base.length; i++) {
            index.upsert(Integer.toString(i), base[i]);
        }
        long links = 0;
        for (int i = 0; i < base.length; i++) {
            for (int[] level : index.links(i)) {
                links += level.length;
            }
        }
        long vectors = (long) base.length * dim * Float.BYTES;
        long bytes = index.memoryBytes();
        assertTrue(bytes >= vectors + 4 * links, bytes + " bytes cannot hold the data");
        // a quarter of slack on vectors and links, and 40 bytes per node for ids and bookkeeping
        long bound = (vectors + 4 * links) * 5 / 4 + 40L * base.length;
        assertTrue(bytes <= bound, bytes + " bytes, more than " + bound);
        assertNull(index.vector("4000"));
    }
}
