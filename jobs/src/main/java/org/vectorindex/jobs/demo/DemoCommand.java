package org.vectorindex.jobs.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.jobs.client.ClientArgs;
import org.vectorindex.jobs.client.Durations;
import org.vectorindex.jobs.dashboard.Dashboard;
import org.vectorindex.jobs.dashboard.LoopbackPorts;
import org.vectorindex.jobs.embed.EmbeddingCache;
import org.vectorindex.jobs.embed.LazySentenceEmbedder;
import org.vectorindex.state.math.Metric;

/**
 * {@code demo}: the whole system in one process, on real data. It starts an embedded Kafka broker
 * and the job (parallelism 2, RocksDB, 1 s checkpoints), then:
 *
 * <ol>
 *   <li>upserts 80% of the documents and waits until the job has applied them (see step 5);
 *   <li>opens a few subscriptions (held-out sentences, top-5) and prints their updates, with the
 *       text that entered or left, as they arrive;
 *   <li>deletes a seeded random fraction of the documents plus every subscription's best hit,
 *       upserts the other 20%, and re-inserts half of the deleted ones;
 *   <li>sends a few invalid records, which come back on the dead-letter topic;
 *   <li>waits until the job has applied every mutation (its source's committed offsets, which
 *       advance only with completed checkpoints, reach the end of the mutations topic), so the live
 *       set is well defined;
 *   <li>sends held-out one-shot queries, prints a few with the text of their hits, and measures
 *       recall@10 against brute force over the demo's own copy of the live set.
 * </ol>
 *
 * The last line is a JSON {@link DemoSummary}. With {@code --follow} the broker and job keep
 * running afterwards (for {@code load} and {@code query}) until Ctrl-C.
 */
public final class DemoCommand implements Command {
    public static final Flags.Spec SPEC =
            Flags.spec("demo")
                    .optional("docs", "2000", "Europarl sentences to index")
                    .optional("queries", "100", "held-out one-shot queries (recall is measured)")
                    .optional("subscriptions", "3", "standing queries to open")
                    .optional("show", "3", "one-shot queries to print with their hits")
                    .optional("fvecs", null, "use vectors from this file instead (no text)")
                    .optional("metric", "l2", "metric of the --fvecs data: l2, cosine or dot")
                    .optional("delete-fraction", "0.1", "fraction of documents deleted")
                    .optional("seed", "42", "seed of the deleted documents' choice")
                    .optional("parallelism", "2", "job parallelism")
                    .optional("state-backend", "rocksdb", "rocksdb or heap")
                    .optional("timeout", "120s", "limit of each waiting step")
                    .optional(
                            "cache-dir",
                            null,
                            "embedding cache (default ~/.cache/flink-vector-index)")
                    .optional("follow", "false", "switch: keep running until Ctrl-C")
                    .optional(
                            "dashboard-port",
                            "8090",
                            "with --follow: the live dashboard's port on 127.0.0.1 (0: any)");

    static final int K = 10;
    static final int SUBSCRIPTION_K = 5;

    private final PrintStream out;

    public DemoCommand(PrintStream out) {
        this.out = out;
    }

    /** Parsed flags. */
    record Options(
            int docs,
            int queries,
            int subscriptions,
            int show,
            Path fvecs,
            Metric metric,
            double deleteFraction,
            long seed,
            int parallelism,
            String stateBackend,
            Duration timeout,
            Path cacheDir,
            boolean follow,
            int dashboardPort) {}

    static Options parse(List<String> args) {
        ClientArgs ca = ClientArgs.of(args, Set.of("follow"), "no-repeatable-flag");
        if (!ca.repeated().isEmpty()) {
            throw new IllegalArgumentException("demo: unknown flag --no-repeatable-flag");
        }
        Flags f = SPEC.parse(ca.remaining());
        double fraction = f.decimal("delete-fraction");
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException(
                    "demo: --delete-fraction must be in 0..1, got " + fraction);
        }
        String backend = f.string("state-backend");
        if (!backend.equals("rocksdb") && !backend.equals("heap")) {
            throw new IllegalArgumentException(
                    "demo: --state-backend must be rocksdb or heap, got " + backend);
        }
        return new Options(
                f.integer("docs", 10),
                f.integer("queries", 1),
                f.integer("subscriptions", 0),
                f.integer("show", 0),
                f.path("fvecs"),
                Metric.parse(f.string("metric")),
                fraction,
                f.longValue("seed"),
                f.integer("parallelism", 1),
                backend,
                Durations.parse("timeout", f.string("timeout")),
                f.has("cache-dir") ? f.path("cache-dir") : EmbeddingCache.defaultDir(),
                ClientArgs.bool("follow", f.string("follow")),
                f.integer("dashboard-port", 0));
    }

    @Override
    public int run(List<String> args) throws Exception {
        Options o = parse(args);
        DemoLogging.quiet();
        long start = System.nanoTime();
        int heldOut = o.subscriptions() + o.queries();
        DemoData data =
                o.fvecs() != null
                        ? DemoData.fvecs(o.fvecs(), o.docs(), heldOut, o.metric())
                        : DemoData.europarl(o.docs(), heldOut, o.cacheDir());
        DemoPrinter p = new DemoPrinter(out, data);
        p.line(
                "data: %d documents and %d held-out queries of dimension %d (%s), %.1f s",
                data.docs().size(),
                data.queries().size(),
                data.dimension(),
                data.source(),
                (System.nanoTime() - start) / 1e9);
        CountDownLatch closed = new CountDownLatch(1);
        try (DemoCluster cluster =
                        DemoCluster.start(
                                data.dimension(),
                                data.metric(),
                                o.parallelism(),
                                o.stateBackend(),
                                Duration.ofSeconds(1),
                                o.timeout(),
                                o.follow() ? LoopbackPorts.free() : 0);
                Dashboard dashboard = o.follow() ? cluster.dashboard(o.dashboardPort()) : null;
                LazySentenceEmbedder text = LazySentenceEmbedder.miniLm()) {
            p.line(
                    "Kafka on %s, job running (parallelism %d, %s state, 1 s exactly-once"
                            + " checkpoints)",
                    cluster.bootstrapServers(), o.parallelism(), o.stateBackend());
            if (dashboard != null) {
                // Watch the whole run: started before the first upsert, texts for the page.
                for (DemoData.Item d : data.docs()) {
                    dashboard.describe(d.id(), d.text());
                }
                for (DemoData.Item q : data.queries()) {
                    dashboard.describe("sub-" + q.id(), q.text());
                }
                if (o.fvecs() == null) { // the sentences' model embeds the query box's text
                    dashboard.embedTextWith(DemoCluster.COLLECTION, text);
                }
                p.line("dashboard: %s", dashboard.url());
            }
            return new DemoRun(o, data, cluster, p, start, closed).run();
        } finally {
            closed.countDown();
        }
    }
}
