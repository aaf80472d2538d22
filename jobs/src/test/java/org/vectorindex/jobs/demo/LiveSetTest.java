package org.vectorindex.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.state.math.Metric;

class LiveSetTest {

    @Test
    void exactTopKMatchesASortOverTheLiveVectors() {
        float[][] data = ClusteredData.generate(600, 16, 12, 0.05, 11);
        for (Metric metric : Metric.values()) {
            LiveSet live = new LiveSet(metric);
            for (int i = 0; i < 500; i++) {
                live.upsert("d" + i, data[i]);
            }
            for (int i = 0; i < 500; i += 3) {
                live.delete("d" + i);
            }
            assertEquals(500 - 167, live.size());
            assertFalse(live.contains("d0"));
            for (int q = 500; q < 520; q++) {
                float[] query = data[q];
                List<String> expected = sortedIds(data, query, metric, 10);
                // Same ten ids; near-equal scores may be ordered differently in float and double.
                assertEquals(
                        new java.util.HashSet<>(expected),
                        new java.util.HashSet<>(live.exactTopK(query, 10)),
                        metric + " query " + q);
                assertEquals(expected.get(0), live.exactTopK(query, 1).get(0), metric + " " + q);
            }
        }
    }

    private static List<String> sortedIds(float[][] data, float[] q, Metric metric, int k) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            if (i % 3 != 0) {
                ids.add(i);
            }
        }
        Comparator<Integer> byDistance =
                switch (metric) {
                    case L2 -> Comparator.comparingDouble(i -> ClusteredData.l2(data[i], q));
                    case COSINE ->
                            Comparator.comparingDouble(
                                    i -> ClusteredData.cosineDistance(data[i], q));
                    case DOT ->
                            Comparator.comparingDouble(i -> ClusteredData.negativeDot(data[i], q));
                };
        ids.sort(byDistance);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add("d" + ids.get(i));
        }
        return out;
    }

    @Test
    void upsertReplacesAndRecallCountsTheTruthFound() {
        LiveSet live = new LiveSet(Metric.L2);
        live.upsert("a", new float[] {0, 0});
        live.upsert("b", new float[] {5, 5});
        live.upsert("a", new float[] {9, 9});
        assertEquals(List.of("b", "a"), live.exactTopK(new float[] {4, 4}, 5));
        assertEquals(0.5, LiveSet.recall(List.of("b", "a"), new String[] {"b", "x"}));
        assertEquals(1.0, LiveSet.recall(List.of(), new String[] {}));
    }
}
