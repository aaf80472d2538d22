package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.testing.BruteForce;
import org.vectorindex.state.testing.ClusteredData;

/** Recall@10 against brute force on clustered data, for every metric. */
class HnswRecallTest {
    static final int N = 4000;
    static final int DIM = 32;
    static final int QUERIES = 100;
    static final int K = 10;

    @ParameterizedTest
    @EnumSource(Metric.class)
    void recallAt10AgainstBruteForce(Metric metric) {
        float[][] data = ClusteredData.generate(N + QUERIES, DIM, 40, 7);
        float[][] base = java.util.Arrays.copyOf(data, N);
        HnswIndex index = newIndex(metric);
        for (int i = 0; i < N; i++) {
            index.upsert(Integer.toString(i), base[i]);
        }
        double recall = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = data[N + q];
            int[] truth = BruteForce.topK(base, null, query, K, metric);
            recall += BruteForce.recall(truth, ids(index.search(query, K, 64)));
        }
        recall /= QUERIES;
        assertTrue(recall >= 0.95, metric + " recall@10 at ef=64 was " + recall);
    }

    static HnswIndex newIndex(Metric metric) {
        return new HnswIndex(
                HnswConfig.builder()
                        .dimension(DIM)
                        .metric(metric)
                        .m(16)
                        .efConstruction(100)
                        .build());
    }

    static int[] ids(List<SearchHit> hits) {
        return hits.stream().mapToInt(h -> Integer.parseInt(h.id())).toArray();
    }
}
