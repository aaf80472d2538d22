package org.vectorindex.operators.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * The index operator's cost per upsert with S open subscriptions, in a test harness (so keyed state
 * writes on the chosen backend are included, network and checkpoints are not). One shard. Not a
 * test: run with the test classpath, e.g. {@code java -cp ...
 * org.vectorindex.operators.bench.OperatorUpsertBenchmark 384 5000 3000}.
 */
public final class OperatorUpsertBenchmark {
    private OperatorUpsertBenchmark() {}

    public static void main(String[] args) throws Exception {
        int dim = args.length > 0 ? Integer.parseInt(args[0]) : 384;
        int preload = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int upserts = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;
        System.out.printf(
                Locale.ROOT,
                "dim=%d preload=%d upserts=%d k=10 cosine, one shard%n%8s %14s %12s %12s%n",
                dim,
                preload,
                upserts,
                "backend",
                "subscriptions",
                "us/upsert",
                "upserts/s");
        for (Backend backend : Backend.values()) {
            run(backend, dim, 2_000, 2_000, 100, false); // warm-up of this backend's code paths
            for (int subs : new int[] {0, 10, 100, 1000}) {
                double us = run(backend, dim, preload, upserts, subs, true);
                System.out.printf(
                        Locale.ROOT, "%8s %14d %12.1f %12.0f%n", backend, subs, us, 1e6 / us);
            }
        }
    }

    static double run(Backend backend, int dim, int preload, int upserts, int subs, boolean quiet)
            throws Exception {
        HnswConfig config = HnswConfig.builder().dimension(dim).metric(Metric.COSINE).build();
        List<CollectionSpec> collections = List.of(CollectionSpec.of("c", 1, config));
        var h = Harnesses.index(ShardIndexFunction.withHnsw(collections), backend, null);
        TestVectors data = new TestVectors(5, dim, 32);
        for (int i = 0; i < preload; i++) {
            h.processElement1(
                    new StreamRecord<>(
                            ShardMutation.upsert("c", 1, "p" + i, data.next(), Map.of())));
        }
        for (int s = 0; s < subs; s++) {
            h.processElement2(
                    new StreamRecord<>(
                            ShardQuery.subscribe("s" + s, "c", data.next(), 10, 0, Map.of(), 0)
                                    .toShard("c", 0, 1)));
        }
        h.getOutput().clear();
        StreamRecord<ShardMutation>[] batch = newBatch(upserts);
        for (int i = 0; i < upserts; i++) {
            batch[i] =
                    new StreamRecord<>(
                            ShardMutation.upsert("c", 1, "n" + i, data.next(), Map.of()));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < upserts; i++) {
            h.processElement1(batch[i]);
            if ((i & 255) == 0) {
                h.getOutput().clear();
            }
        }
        long t1 = System.nanoTime();
        h.close();
        return (t1 - t0) / 1e3 / upserts;
    }

    @SuppressWarnings("unchecked")
    private static StreamRecord<ShardMutation>[] newBatch(int n) {
        return new StreamRecord[n];
    }
}
