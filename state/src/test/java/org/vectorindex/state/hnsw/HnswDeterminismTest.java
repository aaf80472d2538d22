package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.testing.ClusteredData;

/** The same operations give a bit-identical graph, also through a restore from records. */
class HnswDeterminismTest {
    static final float[][] DATA = ClusteredData.generate(2500, 12, 8, 99);

    private static HnswIndex replay(long seed) {
        HnswIndex index =
                new HnswIndex(
                        HnswConfig.builder()
                                .dimension(12)
                                .metric(Metric.COSINE)
                                .seed(seed)
                                .build());
        for (int i = 0; i < 2000; i++) {
            index.upsert("id" + i, DATA[i]);
            if (i % 5 == 0) {
                index.delete("id" + (i / 2));
            }
            if (i % 13 == 0) {
                index.upsert("id" + (i / 3), DATA[2000 + i % 500]);
            }
        }
        return index;
    }

    @Test
    void replayingTheOperationsRebuildsTheIdenticalGraph() {
        assertEquals(replay(7).graphDigest(), replay(7).graphDigest());
        assertNotEquals(replay(7).graphDigest(), replay(8).graphDigest(), "the seed shapes it");
    }

    /** A fresh index rebuilt from the durable records of {@code original}. */
    static HnswIndex restoredCopy(HnswIndex original) {
        Map<Integer, NodeRecord> nodes = new HashMap<>();
        Map<Integer, int[][]> links = new HashMap<>();
        for (int ordinal = 0; ordinal < original.meta().ordinalLimit(); ordinal++) {
            if (original.nodeRecord(ordinal) != null) {
                nodes.put(ordinal, original.nodeRecord(ordinal));
                links.put(ordinal, original.links(ordinal));
            }
        }
        return HnswIndex.restore(original.config(), original.meta(), nodes, links);
    }

    @Test
    void restoringFromRecordsGivesTheIdenticalGraphAndItCarriesOnIdentically() {
        HnswIndex original = replay(7);
        HnswIndex restored = restoredCopy(original);
        assertEquals(original.graphDigest(), restored.graphDigest());
        assertEquals(original.size(), restored.size());
        for (int i = 0; i < 300; i++) {
            original.upsert("more" + i, DATA[2200 + i]);
            restored.upsert("more" + i, DATA[2200 + i]);
            original.delete("id" + (3 * i));
            restored.delete("id" + (3 * i));
        }
        assertEquals(original.graphDigest(), restored.graphDigest());
        assertEquals(original.search(DATA[5], 10, 40), restored.search(DATA[5], 10, 40));
    }

    @Test
    void aDigestKeptUpToDateBetweenProbesEqualsOneComputedFromScratch() {
        HnswIndex probed =
                new HnswIndex(
                        HnswConfig.builder()
                                .dimension(12)
                                .metric(Metric.L2)
                                .consolidateFraction(0.1)
                                .seed(3)
                                .build());
        probed.graphDigest();
        for (int i = 0; i < 2000; i++) {
            probed.upsert("id" + (i % 700), DATA[i]);
            if (i % 3 == 0) {
                probed.delete("id" + ((i * 7) % 700));
            }
            if (i % 97 == 0) {
                probed.consolidate();
            }
            if (i % 41 == 0) {
                // rehashed from the change sets, against a full pass over a restored copy
                assertEquals(restoredCopy(probed).graphDigest(), probed.graphDigest(), "at " + i);
            }
        }
        assertEquals(restoredCopy(probed).graphDigest(), probed.graphDigest());
    }

    @Test
    void theDigestChangesWithEveryKindOfChangeAndOnlyThen() {
        HnswIndex index = replay(7);
        long before = index.graphDigest();
        index.upsert("id1999", DATA[1999]);
        assertEquals(before, index.graphDigest(), "an upsert of the same vector changes nothing");
        index.upsert("fresh", DATA[2400]);
        long afterInsert = index.graphDigest();
        assertNotEquals(before, afterInsert, "insert");
        index.delete("fresh");
        long afterDelete = index.graphDigest();
        assertNotEquals(afterInsert, afterDelete, "delete");
        index.consolidate();
        assertNotEquals(afterDelete, index.graphDigest(), "consolidation");
        assertEquals(restoredCopy(index).graphDigest(), index.graphDigest());
    }
}
