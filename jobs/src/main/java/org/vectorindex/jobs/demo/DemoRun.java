package org.vectorindex.jobs.demo;

import java.nio.charset.StandardCharsets;
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
import org.vectorindex.jobs.client.Answers;
import org.vectorindex.jobs.client.LoadCommand;
import org.vectorindex.jobs.client.RecordSender;
import org.vectorindex.jobs.client.TopicTail;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.SubscriptionUpdate;

/** One run of the demo against a started cluster: the steps listed on {@link DemoCommand}. */
final class DemoRun {
    private final DemoCommand.Options o;
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
            DemoCommand.Options o,
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
        int base = ingest(sender);
        List<String> subIds = subscribe(subs, answers, sender);
        churn(subs, base, sender);
        List<BadRecords.Bad> bad = sendInvalid(sender);
        awaitApplied();

        double recall = oneShot(queries, answers, sender);
        long answered = 0;
        for (DemoData.Item q : queries) {
            if (answers.result("knn-" + q.id()) != null) {
                answered++;
            }
        }
        long deadline = System.nanoTime() + o.timeout().toNanos();
        while (deadLetters.get() < bad.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        for (String id : subIds) {
            sender.send(DemoCluster.QUERIES, Query.unsubscribe(id, DemoCluster.COLLECTION));
        }
        sender.flush();
        boolean ok =
                answered == queries.size() && deadLetters.get() >= bad.size() && cluster.running();
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
            awaitCtrlC();
        }
        return ok ? 0 : 1;
    }

    /** Upserts the first 80% of the documents; returns how many. */
    private int ingest(RecordSender sender) throws Exception {
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
        return base;
    }

    /** Opens the subscriptions and waits for each one's first update; returns their ids. */
    private List<String> subscribe(List<DemoData.Item> subs, Answers answers, RecordSender sender)
            throws Exception {
        p.line(
                "\n== subscriptions: top-%d of %d held-out sentences, updated live",
                DemoCommand.SUBSCRIPTION_K, subs.size());
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
                            DemoCommand.SUBSCRIPTION_K,
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
        return subIds;
    }

    /** Deletes, upserts the remaining 20% and re-inserts half of the deleted documents. */
    private void churn(List<DemoData.Item> subs, int base, RecordSender sender) throws Exception {
        List<DemoData.Item> docs = data.docs();
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
    }

    /** Sends records the job must reject onto the dead-letter topic; returns them. */
    private List<BadRecords.Bad> sendInvalid(RecordSender sender) throws Exception {
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
        return bad;
    }

    private void awaitApplied() throws Exception {
        long t = System.nanoTime();
        boolean applied = cluster.awaitApplied(DemoCluster.MUTATIONS, o.timeout());
        p.line(
                applied
                        ? "\n== all mutations applied (checkpointed source offsets reached the end of the topic) after %.1f s"
                        : "\n== WARNING: mutations not confirmed applied after %.1f s; recall may be understated",
                (System.nanoTime() - t) / 1e9);
    }

    // Ctrl-C: let the main thread stop the job and the broker and delete the
    // temporary files before the JVM exits.
    private void awaitCtrlC() throws InterruptedException {
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

    private void upsert(RecordSender sender, DemoData.Item d) {
        sender.upsert(DemoCluster.MUTATIONS, DemoCluster.COLLECTION, d.id(), d.vector(), Map.of());
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
            truth.put(id, live.exactTopK(q.vector(), DemoCommand.K));
            sender.send(
                    DemoCluster.QUERIES,
                    Query.knn(id, DemoCluster.COLLECTION, q.vector(), DemoCommand.K, 0, Map.of()));
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
                        p.describe(queries.get(i).id(), queries.get(i).text()), rec, r.tookMs());
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
