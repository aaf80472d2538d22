package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.testing.BruteForce;
import org.vectorindex.state.testing.ClusteredData;

/**
 * Deleting and re-inserting the whole data set, a fifth at a time, must leave recall where a fresh
 * build of the same data puts it, and must not grow the index.
 */
class HnswChurnTest {
    static final int N = 3000;
    static final int DIM = HnswRecallTest.DIM;
    static final int QUERIES = 150;

    @Test
    void recallSurvivesFiveRoundsOfTwentyPercentChurn() {
        float[][] data = ClusteredData.generate(N + QUERIES, DIM, 30, 11);
        float[][] base = Arrays.copyOf(data, N);
        HnswIndex index = HnswRecallTest.newIndex(Metric.L2);
        for (int i = 0; i < N; i++) {
            index.upsert(Integer.toString(i), base[i]);
        }
        double fresh = recall(index, data, base);
        Random random = new Random(3);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            ids.add(i);
        }
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(ids, random);
            List<Integer> victims = new ArrayList<>(ids.subList(0, N / 5));
            for (int id : victims) {
                assertTrue(index.delete(Integer.toString(id)));
            }
            assertEquals(N - N / 5, index.size());
            Collections.shuffle(victims, random);
            for (int id : victims) {
                index.upsert(Integer.toString(id), base[id]);
            }
        }
        assertEquals(N, index.size());
        double churned = recall(index, data, base);
        assertTrue(
                churned >= fresh - 0.005,
                "recall after churn " + churned + " vs fresh build " + fresh);
        int limit = index.meta().ordinalLimit();
        assertTrue(limit <= N * 1.1, "deleted ordinals were not reused: limit " + limit);
    }

    @Test
    void deletedIdsLeaveResultsImmediately() {
        float[][] base = ClusteredData.generate(500, DIM, 5, 5);
        HnswIndex index = HnswRecallTest.newIndex(Metric.L2);
        for (int i = 0; i < base.length; i++) {
            index.upsert(Integer.toString(i), base[i]);
        }
        for (int i = 0; i < 10; i++) {
            index.delete(Integer.toString(i));
            for (SearchHit hit : index.search(base[i], 10, 64)) {
                assertTrue(Integer.parseInt(hit.id()) > i, "deleted id returned: " + hit.id());
            }
        }
    }

    private static double recall(HnswIndex index, float[][] data, float[][] base) {
        double sum = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = data[N + q];
            sum +=
                    BruteForce.recall(
                            BruteForce.topK(base, null, query, 10, Metric.L2),
                            HnswRecallTest.ids(index.search(query, 10, 32)));
        }
        return sum / QUERIES;
    }
}
