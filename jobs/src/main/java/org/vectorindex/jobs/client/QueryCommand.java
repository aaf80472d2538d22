package org.vectorindex.jobs.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.vectorindex.connectors.kafka.BrokerCheck;
import org.vectorindex.connectors.kafka.KafkaClientProperties;
import org.vectorindex.connectors.kafka.TopicNames;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;

/**
 * {@code query}: sends one k-NN query per vector of an {@code .fvecs} file, or per token set of a
 * JSONL file ({@code --jsonl}, for multi-vector collections), or with {@code --subscribe} opens one
 * subscription per row instead, and prints the answers as they arrive on the results topic, read
 * {@code read_committed} and matched by id. One-shot mode ends when every query is answered (exit
 * 0) or at the timeout (exit 1). Subscribe mode prints updates until the timeout ({@code --timeout
 * 0s}: until Ctrl-C), then unsubscribes. A query the job dead-letters is reported with its reason
 * and counts as finished, so bad input does not look like a slow job. {@code --stats} sends one
 * stats request and prints the collection's size and each shard's size and digest.
 *
 * <p>Ids are {@code <id-prefix>-<row>}, for JSONL rows too (their own ids are not used). The
 * default prefix is derived from the start time, so two runs do not share ids; give {@code
 * --id-prefix} for reproducible ids.
 */
public final class QueryCommand implements Command {
    public static final Flags.Spec SPEC =
            Flags.spec("query")
                    .required("bootstrap-servers", "Kafka bootstrap servers, host:port[,...]")
                    .required("topic", "queries topic")
                    .required("results-topic", "results topic")
                    .required("collection", "collection name")
                    .optional("fvecs", null, "query vectors (.fvecs or .bvecs)")
                    .optional(
                            "jsonl",
                            null,
                            "instead of --fvecs: multi-vector queries, one"
                                    + " {\"id\":…,\"vectors\":[[…],…]} per line")
                    .optional("k", "10", "hits per query, 1..1000")
                    .optional("ef", null, "search beam (default: the collection's ef)")
                    .optional("limit", null, "send at most this many queries (default: all)")
                    .optional("subscribe", "false", "switch: open subscriptions instead")
                    .optional(
                            "stats",
                            "false",
                            "switch: ask for the collection's size and per-shard sizes and digests"
                                    + " instead (no --fvecs/--jsonl)")
                    .optional(
                            "dlq-topic",
                            TopicNames.DLQ,
                            "dead-letter topic; dead letters of these queries are reported")
                    .optional("timeout", "30s", "give up (one-shot) or stop (subscribe) after this")
                    .optional("id-prefix", null, "queryId/subscriptionId prefix (default: q<time>)")
                    .optional("binary", "false", "switch: use the binary envelope instead of JSON")
                    .optional("kafka-properties", null, "Kafka client properties file")
                    .optional("kafka-property", null, "k=v Kafka client setting; repeatable");

    private final PrintStream out;
    private final CountDownLatch interrupted;

    public QueryCommand(PrintStream out) {
        this(out, null);
    }

    /** With a latch that, when released, stops a subscribe run early (tests); null: Ctrl-C. */
    QueryCommand(PrintStream out, CountDownLatch stop) {
        this.out = out;
        this.interrupted = stop;
    }

    /** Parsed flags. */
    record Options(
            String bootstrap,
            String topic,
            String resultsTopic,
            String collection,
            InputRows.Source input,
            int k,
            int ef,
            int limit,
            boolean subscribe,
            boolean stats,
            String dlqTopic,
            Duration timeout,
            String idPrefix,
            boolean binary,
            Properties clientProperties) {}

    static Options parse(List<String> args) {
        ClientArgs ca =
                ClientArgs.of(args, Set.of("subscribe", "binary", "stats"), "kafka-property");
        Flags f = SPEC.parse(ca.remaining());
        int k = f.integer("k", 1);
        if (k > 1000) {
            throw new IllegalArgumentException("query: --k must be in 1..1000, got " + k);
        }
        int ef = f.has("ef") ? f.integer("ef", 1) : 0;
        String prefix =
                f.has("id-prefix")
                        ? f.string("id-prefix")
                        : "q" + Long.toString(System.currentTimeMillis(), 36);
        boolean stats = ClientArgs.bool("stats", f.string("stats"));
        boolean subscribe = ClientArgs.bool("subscribe", f.string("subscribe"));
        if (stats && (subscribe || f.has("fvecs") || f.has("jsonl"))) {
            throw new IllegalArgumentException(
                    "query: --stats takes no --subscribe, --fvecs or --jsonl");
        }
        return new Options(
                f.required("bootstrap-servers"),
                f.required("topic"),
                f.required("results-topic"),
                f.required("collection"),
                stats ? null : InputRows.Source.of("query", f),
                k,
                ef,
                f.has("limit") ? f.integer("limit", 1) : -1,
                subscribe,
                stats,
                f.required("dlq-topic"),
                Durations.parse("timeout", f.string("timeout")),
                prefix,
                ClientArgs.bool("binary", f.string("binary")),
                KafkaClientProperties.of(f.path("kafka-properties"), ca.repeated()));
    }

    @Override
    public int run(List<String> args) throws Exception {
        Options o = parse(args);
        InputRows vectors = o.stats() ? null : o.input().read(o.limit());
        List<String> ids = new ArrayList<>();
        if (o.stats()) {
            ids.add(o.idPrefix() + "-stats");
        } else {
            for (int i = 0; i < vectors.size(); i++) {
                ids.add(o.idPrefix() + "-" + i);
            }
        }
        try (Admin admin =
                BrokerCheck.connect(
                        o.bootstrap(), o.clientProperties(), BrokerCheck.DEFAULT_TIMEOUT)) {
            BrokerCheck.requireTopics(
                    admin,
                    o.bootstrap(),
                    List.of(o.topic(), o.resultsTopic()),
                    BrokerCheck.DEFAULT_TIMEOUT);
        }
        Set<String> idSet = Set.copyOf(ids);
        Answers answers =
                new Answers(
                        idSet::contains,
                        r -> {
                            synchronized (out) {
                                out.println(
                                        r instanceof QueryResult q
                                                ? HitFormat.result(q)
                                                : r instanceof SubscriptionUpdate u
                                                        ? HitFormat.update(u)
                                                        : r instanceof StatsResult st
                                                                ? HitFormat.stats(st)
                                                                : r.toString());
                            }
                        });
        Duration metaTimeout = Duration.ofSeconds(30);
        try (TopicTail tail =
                        TopicTail.start(
                                o.bootstrap(),
                                o.clientProperties(),
                                o.resultsTopic(),
                                metaTimeout,
                                answers::accept);
                RecordSender sender =
                        new RecordSender(o.bootstrap(), o.clientProperties(), o.binary());
                DeadLetterWatch watch =
                        DeadLetterWatch.startOrNull(
                                o.bootstrap(), o.clientProperties(), o.dlqTopic(), o.topic())) {
            if (o.subscribe()) {
                return subscribe(o, vectors, ids, answers, sender);
            }
            return oneShot(o, vectors, ids, answers, sender, tail, watch);
        }
    }

    private int oneShot(
            Options o,
            InputRows vectors,
            List<String> ids,
            Answers answers,
            RecordSender sender,
            TopicTail tail,
            DeadLetterWatch watch)
            throws InterruptedException {
        long[] sent = new long[ids.size()];
        long start = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
            sender.send(
                    o.topic(),
                    o.stats()
                            ? Query.stats(ids.get(i), o.collection())
                            : vectors.knn(i, ids.get(i), o.collection(), o.k(), o.ef()));
            sent[i] = System.nanoTime();
        }
        sender.flush();
        long deadline = start + o.timeout().toNanos();
        int got;
        List<DeadLetter> rejected = List.of();
        Set<String> mine = Set.copyOf(ids);
        while (true) {
            // short waits, so a query the job dead-lettered ends the wait as an answer would
            got = answers.awaitResults(ids, Math.min(deadline, System.nanoTime() + 250_000_000L));
            if (watch != null) {
                rejected = watch.ours(sender.sent(), mine);
            }
            if (got + rejected.size() >= ids.size() || System.nanoTime() >= deadline) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] latencies = new double[got];
        int n = 0;
        for (int i = 0; i < ids.size(); i++) {
            long t = answers.receivedNanos(ids.get(i));
            if (t >= 0) {
                latencies[n++] = (t - sent[i]) / 1e6;
            }
        }
        Arrays.sort(latencies, 0, n);
        printOutcome(o, ids, got, rejected, answers, tail, seconds, latencies, n);
        return got == ids.size() ? 0 : 1;
    }

    /** Dead letters, a timeout and the JSON summary line, printed as one block. */
    private void printOutcome(
            Options o,
            List<String> ids,
            int got,
            List<DeadLetter> rejected,
            Answers answers,
            TopicTail tail,
            double seconds,
            double[] latencies,
            int n) {
        synchronized (out) {
            for (DeadLetter d : rejected) {
                out.println("dead-lettered " + DeadLetterText.line(d));
            }
            if (!rejected.isEmpty()) {
                out.println(
                        rejected.size()
                                + " of "
                                + ids.size()
                                + " queries dead-lettered: "
                                + DeadLetterText.summary(rejected));
            }
            if (got + rejected.size() < ids.size()) {
                out.printf(
                        Locale.ROOT,
                        "timed out after %s: %d of %d queries answered%s%n",
                        o.timeout(),
                        got,
                        ids.size(),
                        tail.failure() == null
                                ? ""
                                : " (results reader failed: " + tail.failure() + ")");
            }
            out.printf(
                    Locale.ROOT,
                    "{\"queries\":%d,\"answered\":%d,\"deadLettered\":%d,\"duplicates\":%d,"
                            + "\"seconds\":%.3f,\"p50Ms\":%.1f,\"p99Ms\":%.1f}%n",
                    ids.size(),
                    got,
                    rejected.size(),
                    answers.duplicates(),
                    seconds,
                    percentile(latencies, n, 0.50),
                    percentile(latencies, n, 0.99));
        }
    }

    private int subscribe(
            Options o, InputRows vectors, List<String> ids, Answers answers, RecordSender sender)
            throws InterruptedException {
        CountDownLatch stop = interrupted != null ? interrupted : new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = null;
        if (interrupted == null) {
            hook =
                    new Thread(
                            () -> {
                                stop.countDown();
                                try {
                                    done.await(10, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "query-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            for (int i = 0; i < vectors.size(); i++) {
                sender.send(
                        o.topic(), vectors.subscribe(i, ids.get(i), o.collection(), o.k(), o.ef()));
            }
            sender.flush();
            synchronized (out) {
                out.println(
                        "opened "
                                + ids.size()
                                + " subscriptions ("
                                + ids.get(0)
                                + " ...); printing updates "
                                + (o.timeout().isZero() ? "until Ctrl-C" : "for " + o.timeout()));
            }
            if (o.timeout().isZero()) {
                stop.await();
            } else {
                stop.await(o.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            for (String id : ids) {
                sender.send(o.topic(), Query.unsubscribe(id, o.collection()));
            }
            sender.flush();
            synchronized (out) {
                out.printf(
                        Locale.ROOT,
                        "{\"subscriptions\":%d,\"updates\":%d}%n",
                        ids.size(),
                        answers.totalUpdates());
            }
            return 0;
        } finally {
            done.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook is running
                }
            }
        }
    }

    /** Nearest-rank percentile of the first {@code n} sorted values; 0 when empty. */
    static double percentile(double[] sorted, int n, double p) {
        if (n == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * n);
        return sorted[Math.min(n, Math.max(1, rank)) - 1];
    }
}
