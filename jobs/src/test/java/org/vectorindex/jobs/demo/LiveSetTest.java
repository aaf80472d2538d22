package org.vectorindex.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                // Ten distinct ids, none farther than the tenth of the double-precision sort,
                // up to float rounding: ids whose float scores tie may swap at the boundary
                // (cosine distances 4.0439e-5 and 4.0462e-5 are one float score apart).
                List<String> got = live.exactTopK(query, 10);
                assertEquals(10, new java.util.HashSet<>(got).size(), metric + " query " + q);
                double tenth = distance(data, expected.get(9), query, metric);
                double tolerance = 1e-6 * Math.max(1, Math.abs(tenth));
                for (String id : got) {
                    double d = distance(data, id, query, metric);
                    assertTrue(
                            d <= tenth + tolerance,
                            metric + " query " + q + ": " + id + " at " + d + ", tenth " + tenth);
                }
                assertEquals(expected.get(0), live.exactTopK(query, 1).get(0), metric + " " + q);
            }
        }
    }

    private static double distance(float[][] data, String id, float[] q, Metric metric) {
        float[] v = data[Integer.parseInt(id.substring(1))];
        return switch (metric) {
            case L2 -> ClusteredData.l2(v, q);
            case COSINE -> ClusteredData.cosineDistance(v, q);
            case DOT -> ClusteredData.negativeDot(v, q);
        };
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
