package org.vectorindex.operators.index;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * Measurement, not a test: what recall sampling costs the index operator. One operator instance
 * (heap state, the harness) holds every shard of a collection; after a preload it answers the same
 * one-shot queries (each routed to every shard) with sampling at each fraction, interleaved over
 * rounds in rotating order; prints shard requests per CPU second of the operator's thread, the
 * median of the rounds.
 *
 * <p>Run from the operators test class path: {@code java -cp ...
 * org.vectorindex.operators.index.RecallSamplingCostBench [vectors] [dim] [queries] [rounds]}
 */
public final class RecallSamplingCostBench {
    private static final int SHARDS = 4;

    // Thread CPU time, not wall time: the machine is shared, and other processes' load would
    // otherwise decide the figures.
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RecallSamplingCostBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        double[] fractions = {0, 0.01, 0.1};
        HnswConfig config =
                HnswConfig.builder()
                        .dimension(dim)
                        .metric(Metric.L2)
                        .m(16)
                        .efConstruction(100)
                        .build();
        TestVectors data = new TestVectors(1, dim, 32);
        List<float[]> base = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            base.add(data.next());
        }
        List<float[]> probes = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            probes.add(data.next());
        }
        double[][] rates = new double[fractions.length][rounds];
        List<
                        KeyedTwoInputStreamOperatorTestHarness<
                                String, ShardMutation, ShardQuery, PartialResult>>
                hs = new ArrayList<>();
        for (double f : fractions) {
            ShardIndexFunction fn =
                    ShardIndexFunction.withHnsw(List.of(CollectionSpec.of("c", SHARDS, config)))
                            .withRecallSampling(new RecallSampling(f));
            var h = Harnesses.index(fn, Backend.HASHMAP, null);
            for (int i = 0; i < n; i++) {
                h.processElement1(
                        new StreamRecord<>(
                                ShardMutation.upsert("c", SHARDS, "d" + i, base.get(i), null)));
            }
            Harnesses.drain(h);
            hs.add(h);
        }
        for (int r = 0; r < rounds; r++) {
            for (int step = 0; step < fractions.length; step++) {
                int fi = (step + r) % fractions.length; // rotate, so no fraction always runs first
                var h = hs.get(fi);
                long t = CPU.getCurrentThreadCpuTime();
                for (int q = 0; q < queries; q++) {
                    ShardQuery sq =
                            ShardQuery.knn(
                                    "r" + r + "-q" + q, "c", probes.get(q), 10, 64, null, 1L);
                    for (int s = 0; s < SHARDS; s++) {
                        h.processElement2(new StreamRecord<>(sq.toShard("c", s, SHARDS)));
                    }
                }
                rates[fi][r] =
                        queries * (double) SHARDS / ((CPU.getCurrentThreadCpuTime() - t) / 1e9);
                Harnesses.drain(h);
            }
        }
        double plain = median(rates[0]);
        for (int fi = 0; fi < fractions.length; fi++) {
            double m = median(rates[fi]);
            System.out.printf(
                    Locale.ROOT,
                    "{\"sampleFraction\":%.2f,\"vectors\":%d,\"dim\":%d,\"shards\":%d,"
                            + "\"shardRequestsPerCpuSecond\":%.0f,\"relativeToNoSampling\":%.3f}%n",
                    fractions[fi],
                    n,
                    dim,
                    SHARDS,
                    m,
                    m / plain);
        }
        for (var h : hs) {
            h.close();
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
