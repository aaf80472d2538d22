package org.vectorindex.operators.index;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.VectorMath;

/**
 * What open subscriptions add to the cost of an upsert (the target: 1,000 subscriptions at 1,000
 * upserts/s). One shard's HNSW index is preloaded, S subscriptions are opened, then new ids are
 * upserted: the time of the index upsert and of the subscription maintenance ({@link
 * ShardSubscriptions#onUpsert}) are measured separately. No Flink state is involved, so this is the
 * operator's CPU cost, not checkpointing. Data: seeded Gaussian clusters.
 *
 * <p>Run: {@code java -cp ... org.vectorindex.operators.index.SubscriptionCostBenchmark [dim]
 * [preload] [upserts] [subscriptions...]}
 */
public final class SubscriptionCostBenchmark {

    /** One measurement. */
    public record Row(
            int subscriptions,
            double indexMicrosPerUpsert,
            double subscriptionMicrosPerUpsert,
            double upsertsPerSecond,
            long partials) {}

    private SubscriptionCostBenchmark() {}

    public static Row measure(int dim, int preload, int upserts, int subscriptions, long seed)
            throws Exception {
        HnswConfig config = HnswConfig.builder().dimension(dim).metric(Metric.COSINE).build();
        Random random = new Random(seed);
        float[][] centres = new float[32][dim];
        for (float[] c : centres) {
            for (int i = 0; i < dim; i++) {
                c[i] = (float) random.nextGaussian();
            }
        }
        HnswIndex hnsw = new HnswIndex(config);
        ShardIndex index = HnswShardIndexStore.wrap(hnsw);
        for (int i = 0; i < preload; i++) {
            index.upsert("p" + i, point(centres, random, dim));
        }
        ShardSubscriptions subs =
                new ShardSubscriptions(dim, config.metric(), new java.util.HashMap<>());
        for (int s = 0; s < subscriptions; s++) {
            float[] v = point(centres, random, dim);
            VectorMath.normalizeInPlace(v);
            subs.subscribe(
                    String.format("s%05d", s),
                    new SubscriptionSpec(v, 10, config.defaultEf(), Map.of(), 1),
                    index);
        }
        float[][] batch = new float[upserts][];
        String[] ids = new String[upserts];
        for (int i = 0; i < upserts; i++) {
            batch[i] = point(centres, random, dim);
            ids[i] = "n" + i;
        }
        long[] partials = new long[1];
        ShardSubscriptions.ChangeListener listener = (slot, cause, id) -> partials[0]++;
        long indexNanos = 0;
        long subNanos = 0;
        for (int i = 0; i < upserts; i++) {
            long t0 = System.nanoTime();
            index.upsert(ids[i], batch[i]);
            float[] stored = index.vector(ids[i]);
            long t1 = System.nanoTime();
            subs.onUpsert(ids[i], stored, Map.of(), index, listener);
            long t2 = System.nanoTime();
            indexNanos += t1 - t0;
            subNanos += t2 - t1;
        }
        double idx = indexNanos / 1e3 / upserts;
        double sub = subNanos / 1e3 / upserts;
        return new Row(subscriptions, idx, sub, 1e6 / (idx + sub), partials[0]);
    }

    private static float[] point(float[][] centres, Random random, int dim) {
        float[] c = centres[random.nextInt(centres.length)];
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = c[i] + 0.3f * (float) random.nextGaussian();
        }
        return v;
    }

    public static void main(String[] args) throws Exception {
        int dim = args.length > 0 ? Integer.parseInt(args[0]) : 384;
        int preload = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int upserts = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int[] counts = {0, 10, 100, 1000};
        if (args.length > 3) {
            counts = new int[args.length - 3];
            for (int i = 3; i < args.length; i++) {
                counts[i - 3] = Integer.parseInt(args[i]);
            }
        }
        measure(dim, preload, Math.min(upserts, 1_000), 100, 1); // warm-up
        System.out.printf(
                Locale.ROOT,
                "dim=%d preload=%d upserts=%d k=10 cosine%n%14s %14s %16s %12s %10s%n",
                dim,
                preload,
                upserts,
                "subscriptions",
                "index us/op",
                "subscr. us/op",
                "upserts/s",
                "partials");
        for (int s : counts) {
            Row r = measure(dim, preload, upserts, s, 7);
            System.out.printf(
                    Locale.ROOT,
                    "%14d %14.1f %16.1f %12.0f %10d%n",
                    r.subscriptions(),
                    r.indexMicrosPerUpsert(),
                    r.subscriptionMicrosPerUpsert(),
                    r.upsertsPerSecond(),
                    r.partials());
        }
    }
}
