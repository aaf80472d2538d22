package org.vectorindex.jobs.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.jobs.client.Answers;
import org.vectorindex.jobs.client.ClientArgs;
import org.vectorindex.jobs.client.Durations;
import org.vectorindex.jobs.client.LoadCommand;
import org.vectorindex.jobs.client.RecordSender;
import org.vectorindex.jobs.client.TopicTail;
import org.vectorindex.jobs.dashboard.Dashboard;
import org.vectorindex.jobs.dashboard.LoopbackPorts;
import org.vectorindex.jobs.embed.EmbeddingCache;
import org.vectorindex.jobs.embed.LazySentenceEmbedder;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.SubscriptionUpdate;
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

    /** One run of the demo against a started cluster. */
    private final class DemoRun {
        private final Options o;
        private final DemoData data;
        private final DemoCluster cluster;
        private final DemoPrinter p;
        private final long start;
        private final LiveSet live;
        private final Map<String, String> subscriptionText = new ConcurrentHashMap<>();
        private final Map<String, DemoData.Item> docsById = new HashMap<>();
        private final AtomicLong deadLetters = new AtomicLong();
        private final CountDownLatch closed;

        DemoRun(
                Options o,
                DemoData data,
                DemoCluster cluster,
                DemoPrinter p,
                long start,
                CountDownLatch closed) {
            this.closed = closed;
            this.o = o;
            this.data = data;
            this.cluster = cluster;
            this.p = p;
            this.start = start;
            this.live = new LiveSet(data.metric());
            for (DemoData.Item d : data.docs()) {
                docsById.put(d.id(), d);
            }
        }

        int run() throws Exception {
            List<DemoData.Item> subs = data.queries().subList(0, o.subscriptions());
            List<DemoData.Item> queries =
                    data.queries().subList(o.subscriptions(), data.queries().size());
            Set<String> ids = new java.util.HashSet<>();
            subs.forEach(s -> ids.add("sub-" + s.id()));
            queries.forEach(q -> ids.add("knn-" + q.id()));
            Answers answers =
                    new Answers(
                            ids::contains,
                            r -> {
                                if (r instanceof SubscriptionUpdate u) {
                                    p.update(u, subscriptionText.get(u.subscriptionId()));
                                }
                            });
            String bootstrap = cluster.bootstrapServers();
            Duration meta = Duration.ofSeconds(30);
            try (TopicTail results =
                            TopicTail.start(
                                    bootstrap, null, DemoCluster.RESULTS, meta, answers::accept);
                    TopicTail dlq =
                            TopicTail.start(
                                    bootstrap,
                                    null,
                                    DemoCluster.DLQ,
                                    meta,
                                    r -> deadLetter(r.value()));
                    RecordSender sender = new RecordSender(bootstrap, null, false)) {
                return phases(subs, queries, answers, sender);
            }
        }

        private void deadLetter(byte[] value) {
            deadLetters.incrementAndGet();
            DeadLetter d = OutputJson.readDeadLetter(value);
            p.line("dead letter: %s (%s), from %s", d.reason().code(), d.detail(), d.sourceTopic());
        }

        private int phases(
                List<DemoData.Item> subs,
                List<DemoData.Item> queries,
                Answers answers,
                RecordSender sender)
                throws Exception {
            List<DemoData.Item> docs = data.docs();
            int base = Math.max(1, docs.size() * 4 / 5);
            long t = System.nanoTime();
            for (DemoData.Item d : docs.subList(0, base)) {
                upsert(sender, d);
            }
            sender.flush();
            double s = (System.nanoTime() - t) / 1e9;
            boolean ingested = cluster.awaitApplied(DemoCluster.MUTATIONS, o.timeout());
            p.line(
                    "\n== ingest: %d upserts sent in %.1f s, %s after %.1f s",
                    base,
                    s,
                    ingested ? "applied by the job" : "NOT yet confirmed applied",
                    (System.nanoTime() - t) / 1e9);

            p.line(
                    "\n== subscriptions: top-%d of %d held-out sentences, updated live",
                    SUBSCRIPTION_K, subs.size());
            List<String> subIds = new ArrayList<>();
            for (DemoData.Item q : subs) {
                String id = "sub-" + q.id();
                subIds.add(id);
                subscriptionText.put(id, p.describe(q.id(), q.text()));
                sender.send(
                        DemoCluster.QUERIES,
                        Query.subscribe(
                                id,
                                DemoCluster.COLLECTION,
                                q.vector(),
                                SUBSCRIPTION_K,
                                0,
                                Map.of()));
            }
            sender.flush();
            long deadline = System.nanoTime() + o.timeout().toNanos();
            for (String id : subIds) {
                while (answers.updates(id) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }

            p.line("\n== churn: deletes, new documents, re-inserts");
            int[] rows = LoadCommand.deleteSelection(base, o.deleteFraction(), o.seed());
            List<String> deleted = new ArrayList<>();
            for (DemoData.Item q : subs) {
                // Deleting each subscription's best hit shows a member leaving and its replacement.
                List<String> top = live.exactTopK(q.vector(), 1);
                if (!top.isEmpty() && !deleted.contains(top.get(0))) {
                    deleted.add(top.get(0));
                }
            }
            List<String> random = new ArrayList<>();
            for (int r : rows) {
                String id = docs.get(r).id();
                if (!deleted.contains(id)) {
                    random.add(id);
                }
            }
            deleted.addAll(random);
            for (String id : deleted) {
                sender.delete(DemoCluster.MUTATIONS, DemoCluster.COLLECTION, id);
                live.delete(id);
            }
            for (DemoData.Item d : docs.subList(base, docs.size())) {
                upsert(sender, d);
            }
            List<String> reinserted =
                    deleted.subList(subs.size() > 0 ? subs.size() : 0, deleted.size());
            reinserted = reinserted.subList(0, reinserted.size() / 2);
            for (String id : reinserted) {
                upsert(sender, docsById.get(id));
            }
            sender.flush();
            p.line(
                    "sent %d deletes, %d new documents, %d re-inserts",
                    deleted.size(), docs.size() - base, reinserted.size());

            List<BadRecords.Bad> bad =
                    BadRecords.forCollection(DemoCluster.COLLECTION, data.dimension());
            for (BadRecords.Bad b : bad) {
                sender.raw(
                        b.toQueries() ? DemoCluster.QUERIES : DemoCluster.MUTATIONS,
                        b.key().getBytes(StandardCharsets.UTF_8),
                        b.value());
            }
            sender.flush();
            p.line("sent %d invalid records (expect them on the dead-letter topic)", bad.size());

            t = System.nanoTime();
            boolean applied = cluster.awaitApplied(DemoCluster.MUTATIONS, o.timeout());
            p.line(
                    applied
                            ? "\n== all mutations applied (checkpointed source offsets reached the end of the topic) after %.1f s"
                            : "\n== WARNING: mutations not confirmed applied after %.1f s; recall may be understated",
                    (System.nanoTime() - t) / 1e9);

            double recall = oneShot(queries, answers, sender);
            long answered = 0;
            for (DemoData.Item q : queries) {
                if (answers.result("knn-" + q.id()) != null) {
                    answered++;
                }
            }
            deadline = System.nanoTime() + o.timeout().toNanos();
            while (deadLetters.get() < bad.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (String id : subIds) {
                sender.send(DemoCluster.QUERIES, Query.unsubscribe(id, DemoCluster.COLLECTION));
            }
            sender.flush();
            boolean ok =
                    answered == queries.size()
                            && deadLetters.get() >= bad.size()
                            && cluster.running();
            if (o.follow()) {
                p.line(
                        "\nfollowing until Ctrl-C: broker %s, topics %s %s %s %s, collection '%s'",
                        cluster.bootstrapServers(),
                        DemoCluster.MUTATIONS,
                        DemoCluster.QUERIES,
                        DemoCluster.RESULTS,
                        DemoCluster.DLQ,
                        DemoCluster.COLLECTION);
            }
            DemoSummary summary =
                    new DemoSummary(
                            sender.upserts(),
                            sender.deletes(),
                            queries.size(),
                            recall,
                            answers.totalUpdates(),
                            deadLetters.get(),
                            bad.size(),
                            live.size(),
                            answered,
                            subs.size(),
                            (System.nanoTime() - start) / 1e9);
            p.line("%s", summary.toJson());
            if (o.follow()) {
                // Ctrl-C: let the main thread stop the job and the broker and delete the
                // temporary files before the JVM exits.
                CountDownLatch interrupted = new CountDownLatch(1);
                Runtime.getRuntime()
                        .addShutdownHook(
                                new Thread(
                                        () -> {
                                            interrupted.countDown();
                                            try {
                                                closed.await(60, TimeUnit.SECONDS);
                                            } catch (InterruptedException e) {
                                                Thread.currentThread().interrupt();
                                            }
                                        },
                                        "demo-ctrl-c"));
                interrupted.await();
            }
            return ok ? 0 : 1;
        }

        private void upsert(RecordSender sender, DemoData.Item d) {
            sender.upsert(
                    DemoCluster.MUTATIONS, DemoCluster.COLLECTION, d.id(), d.vector(), Map.of());
            live.upsert(d.id(), d.vector());
        }

        /** Sends the one-shot queries, waits for the answers and returns the mean recall@10. */
        private double oneShot(List<DemoData.Item> queries, Answers answers, RecordSender sender)
                throws InterruptedException {
            Map<String, List<String>> truth = new HashMap<>();
            List<String> ids = new ArrayList<>();
            long t = System.nanoTime();
            for (DemoData.Item q : queries) {
                String id = "knn-" + q.id();
                ids.add(id);
                truth.put(id, live.exactTopK(q.vector(), K));
                sender.send(
                        DemoCluster.QUERIES,
                        Query.knn(id, DemoCluster.COLLECTION, q.vector(), K, 0, Map.of()));
            }
            sender.flush();
            int got = answers.awaitResults(ids, t + o.timeout().toNanos());
            p.line(
                    "\n== one-shot queries: %d of %d answered in %.1f s (results are committed with each checkpoint)",
                    got, ids.size(), (System.nanoTime() - t) / 1e9);
            double sum = 0;
            for (int i = 0; i < queries.size(); i++) {
                String id = ids.get(i);
                QueryResult r = answers.result(id);
                double rec = r == null ? 0 : LiveSet.recall(truth.get(id), r.hitIds());
                sum += rec;
                if (i < o.show() && r != null) {
                    p.line(
                            "query %s  (recall@10 %.1f, %d ms in job; * = not in the exact top-10)",
                            p.describe(queries.get(i).id(), queries.get(i).text()),
                            rec,
                            r.tookMs());
                    p.hits(r, 5, truth.get(id));
                }
            }
            double recall = queries.isEmpty() ? 0 : sum / queries.size();
            p.line(
                    "recall@10 against brute force over the %d live documents: %.4f",
                    live.size(), recall);
            return recall;
        }
    }
}
