package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Metric;

/**
 * Recall sampling: the seeded choice hits the configured fraction and is repeatable; the overlap it
 * reports equals recall against a brute-force reference; and sampling changes no output.
 */
class RecallSamplingTest {
    private static final int DIM = 8;
    private static final HnswConfig CONFIG =
            HnswConfig.builder().dimension(DIM).metric(Metric.L2).m(4).efConstruction(8).build();

    @Test
    void sampledShareMatchesTheFractionAndIsRepeatable() {
        RecallSampling one = new RecallSampling(0.01);
        RecallSampling again = new RecallSampling(0.01);
        int n = 200_000;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            boolean s = one.sampled("q-" + i);
            assertEquals(s, again.sampled("q-" + i), "same id, same choice");
            hits += s ? 1 : 0;
        }
        assertEquals(0.01, hits / (double) n, 0.001, "sampled share");
        assertFalse(new RecallSampling(0).sampled("q-1"));
        assertTrue(new RecallSampling(1).sampled("q-1"));
        assertThrows(IllegalArgumentException.class, () -> new RecallSampling(1.5));
        assertThrows(IllegalArgumentException.class, () -> new RecallSampling(Double.NaN));
    }

    @Test
    void overlapEqualsRecallAgainstBruteForce() {
        TestVectors data = new TestVectors(5, DIM, 6);
        HnswIndex index = new HnswIndex(CONFIG);
        List<float[]> stored = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            float[] v = data.next();
            stored.add(v);
            index.upsert("d" + i, v);
        }
        ShardIndex shard = HnswShardIndexStore.wrap(index);
        int k = 10;
        long overlap = 0;
        long reference = 0;
        for (int q = 0; q < 100; q++) {
            float[] query = data.next();
            List<SearchHit> approx = shard.search(query, k, 10, null);
            overlap += RecallSampling.overlap(approx, shard.exactSearch(query, k, null));
            List<String> truth = bruteForce(stored, query, k);
            for (SearchHit h : approx) {
                reference += truth.contains(h.id()) ? 1 : 0;
            }
        }
        assertEquals(reference, overlap, "overlap@k counts the brute-force top-k hits found");
        assertTrue(overlap < 100L * k, "a small beam on a sparse graph misses some: " + overlap);
    }

    @Test
    void samplingEverythingChangesNoOutputAndNoDigest() throws Exception {
        List<String> plain = run(0);
        assertEquals(plain, run(1));
        assertTrue(plain.stream().anyMatch(p -> p.startsWith("STATS")), "digests compared");
    }

    private static List<String> run(double fraction) throws Exception {
        int shards = 3;
        ShardIndexFunction fn =
                ShardIndexFunction.withHnsw(List.of(CollectionSpec.of("c", shards, CONFIG)))
                        .withRecallSampling(new RecallSampling(fraction));
        var h = Harnesses.index(fn, Backend.HASHMAP, null);
        TestVectors data = new TestVectors(9, DIM, 4);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            h.processElement1(
                    new StreamRecord<>(
                            ShardMutation.upsert("c", shards, "d" + i, data.next(), null)));
            if (i % 10 == 9) {
                ShardQuery q = ShardQuery.knn("q" + i, "c", data.next(), 5, 8, null, 1L);
                for (int s = 0; s < shards; s++) {
                    h.processElement2(new StreamRecord<>(q.toShard("c", s, shards)));
                }
            }
        }
        ShardQuery st = ShardQuery.stats("st", "c", 1L);
        for (int s = 0; s < shards; s++) {
            h.processElement2(new StreamRecord<>(st.toShard("c", s, shards)));
        }
        for (PartialResult p : Harnesses.drain(h)) {
            out.add(
                    p.kind()
                            + " "
                            + p.requestId()
                            + "@"
                            + p.shard()
                            + Arrays.toString(p.ids())
                            + Arrays.toString(p.scores())
                            + p.stats());
        }
        h.close();
        return out;
    }

    private static List<String> bruteForce(List<float[]> stored, float[] query, int k) {
        Integer[] order = new Integer[stored.size()];
        double[] d = new double[stored.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            float[] v = stored.get(i);
            for (int j = 0; j < DIM; j++) {
                d[i] += (v[j] - query[j]) * (double) (v[j] - query[j]);
            }
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> d[i]));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ids.add("d" + order[i]);
        }
        return ids;
    }
}
