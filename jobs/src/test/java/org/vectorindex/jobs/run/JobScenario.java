package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.jobs.testing.JobArgs;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.jobs.testing.RunningJob;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.shard.ShardKey;

/**
 * Drives the job through Kafka in phases whose outputs are deterministic: (1) subscriptions, then
 * wait for their version-1 updates; (2) all mutations (with bad records in between); (3) a barrier:
 * repeated "barrier-*" knn queries at a far-away probe point until the answer holds the probe
 * upserted last on every shard, i.e. every shard has applied every mutation (another {@link
 * Barrier} for other collections); (4) the one-shot queries, then wait for all their results; (5)
 * one stats request ({@link #STATS_ID}), whose answer holds every shard's final size and digest.
 * Barrier results depend on timing and are excluded from comparisons. Topics have one partition, so
 * each shard sees its mutations in send order at any parallelism (one source reader, one FIFO
 * channel to each index subtask), and the subscriptions reach every shard before the first
 * mutation.
 */
final class JobScenario {
    static final String COLLECTION = "c";
    static final String STATS_ID = "stats-final";
    static final int DIM = 16;
    static final int SHARDS = 4;
    private static final int PACED_BATCH = 20;
    static final String COLLECTIONS_YAML =
            "collections:\n  - {name: c, dimension: 16, metric: l2, shards: 4, m: 8,"
                    + " efConstruction: 40, ef: 16}\n";

    /**
     * Phase 3: the b-th probe query, and whether its answer shows that every shard has applied
     * every mutation.
     */
    record Barrier(IntFunction<Query> probe, Predicate<QueryResult> passed) {}

    final String prefix;

    /** The collection whose stats phase 5 requests. */
    final String statsCollection;

    final Barrier barrier;

    /** The collections file the job runs with. */
    final String collectionsYaml;

    /** Whether every other one-shot query goes in the binary envelope (else all are JSON). */
    final boolean binaryQueries;

    final List<Mutation> mutations = new ArrayList<>();
    final List<Query> subscriptions = new ArrayList<>();
    final List<Query> queries = new ArrayList<>();

    /** Bad records, sent between good ones. */
    final List<BadRecords.Bad> bad = new ArrayList<>();

    /** Where each bad record landed ("topic-partition-offset") and its expected reason code. */
    final Map<String, String> sentBad = new LinkedHashMap<>();

    /** Settings of the driver's producer over the defaults (a partitioner, say). */
    final Properties producerProperties = new Properties();

    /** The HNSW collection {@link #COLLECTION}, with its barrier; one-shot queries as JSON. */
    JobScenario(String prefix) {
        this(
                prefix,
                COLLECTION,
                new Barrier(
                        b -> Query.knn("barrier-" + b, COLLECTION, probe(0), SHARDS, 64, null),
                        res ->
                                res.hitCount() == SHARDS
                                        && res.hitId(SHARDS - 1).startsWith("probe-")),
                false,
                COLLECTIONS_YAML);
    }

    JobScenario(
            String prefix,
            String statsCollection,
            Barrier barrier,
            boolean binaryQueries,
            String collectionsYaml) {
        this.prefix = prefix;
        this.statsCollection = statsCollection;
        this.barrier = barrier;
        this.binaryQueries = binaryQueries;
        this.collectionsYaml = collectionsYaml;
    }

    String topic(String kind) {
        return prefix + "-" + kind;
    }

    /**
     * Clustered data: upserts, deletes of earlier ids, re-upserts with new vectors; then probes.
     */
    static JobScenario generate(
            String prefix, long seed, int upserts, int subs, int knn, int knnEf, boolean bad) {
        JobScenario s = new JobScenario(prefix);
        Random rnd = new Random(seed);
        float[][] centers = new float[8][DIM];
        for (float[] c : centers) {
            for (int d = 0; d < DIM; d++) {
                c[d] = (float) (rnd.nextGaussian() * 10);
            }
        }
        for (int i = 0; i < upserts; i++) {
            s.mutations.add(Mutation.upsert(COLLECTION, "doc-" + i, point(centers, rnd), null));
            if (i % 10 == 9) {
                s.mutations.add(Mutation.delete(COLLECTION, "doc-" + rnd.nextInt(i)));
            }
            if (i % 15 == 14) {
                s.mutations.add(
                        Mutation.upsert(
                                COLLECTION, "doc-" + rnd.nextInt(i), point(centers, rnd), null));
            }
        }
        for (int shard = 0; shard < SHARDS; shard++) {
            s.mutations.add(Mutation.upsert(COLLECTION, probeId(shard), probe(shard), null));
        }
        for (int i = 0; i < subs; i++) {
            s.subscriptions.add(
                    Query.subscribe("sub-" + i, COLLECTION, point(centers, rnd), 5, 10_000, null));
        }
        for (int i = 0; i < knn; i++) {
            s.queries.add(Query.knn("q-" + i, COLLECTION, point(centers, rnd), 10, knnEf, null));
        }
        if (bad) {
            s.bad.addAll(BadRecords.all(DIM));
        }
        return s;
    }

    static String probeId(int shard) {
        for (int i = 0; ; i++) {
            String id = "probe-" + i;
            if (ShardKey.shardOf(id, SHARDS) == shard) {
                return id;
            }
        }
    }

    static float[] probe(int shard) {
        float[] v = new float[DIM];
        Arrays.fill(v, 1000f);
        v[0] += shard * 0.01f;
        return v;
    }

    private static float[] point(float[][] centers, Random rnd) {
        float[] c = centers[rnd.nextInt(centers.length)];
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = c[d] + (float) rnd.nextGaussian();
        }
        return v;
    }

    String[] runArgs(EmbeddedKafkaBroker broker, Path collections, int parallelism) {
        return jobArgs(broker, collections, parallelism).toArray();
    }

    /** The job's arguments on the scenario's topics, transactional id prefix and group. */
    JobArgs jobArgs(EmbeddedKafkaBroker broker, Path collections, int parallelism) {
        return new JobArgs(broker.bootstrapServers(), collections)
                .topics(topic("m"), topic("q"), topic("r"), topic("d"))
                .parallelism(parallelism)
                .checkpointInterval("300ms")
                .flag("--transactional-id-prefix", prefix)
                .flag("--group-id", prefix)
                .conf("vectorindex.format.max-record-bytes=" + BadRecords.MAX_BYTES);
    }

    /** The scenario's four topics, one partition each. */
    void createTopics(EmbeddedKafkaBroker broker) {
        broker.createTopics(1, topic("m"), topic("q"), topic("r"), topic("d"));
    }

    /**
     * Creates the topics, runs the job in-process ({@link #jobArgs} with its collections file in
     * {@code dir}, plus {@code extraArgs}) while {@link #drive} feeds it, and cancels it.
     */
    Outputs run(
            JobEnvironment env, Path dir, int parallelism, List<String> extraArgs, Duration timeout)
            throws Exception {
        createTopics(env.broker());
        JobArgs args = jobArgs(env.broker(), collectionsFileIn(dir), parallelism);
        try (RunningJob job = args.with(extraArgs).start()) {
            return drive(env.broker(), timeout);
        }
    }

    /** Writes {@link #collectionsYaml} to {@code dir}. */
    Path collectionsFileIn(Path dir) throws Exception {
        return JobEnvironment.collectionsFile(dir, collectionsYaml);
    }

    static Path collectionsFile(Path dir) throws Exception {
        return JobEnvironment.collectionsFile(dir, COLLECTIONS_YAML);
    }

    /** The phases; the job must be running (or about to) with {@link #runArgs}. */
    Outputs drive(EmbeddedKafkaBroker broker, Duration timeout) throws Exception {
        return drive(broker, timeout, Duration.ZERO);
    }

    /**
     * The phases, pausing {@code pace} after every {@value #PACED_BATCH} mutations and one-shot
     * queries, so that a test can act (kill the job) while they still flow in.
     */
    Outputs drive(EmbeddedKafkaBroker broker, Duration timeout, Duration pace) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaProducer<byte[], byte[]> p =
                KafkaTestClients.producer(broker.bootstrapServers(), producerProperties)) {
            for (Query q : subscriptions) {
                send(p, topic("q"), InputRecords.key(q), InputRecords.json(q));
            }
            p.flush();
            if (!subscriptions.isEmpty()) {
                awaitResults(broker, deadline, r -> countVersionOne(r) >= subscriptions.size());
            }
            List<BadRecords.Bad> badM = bad.stream().filter(x -> x.mutation()).toList();
            List<BadRecords.Bad> badQ = bad.stream().filter(x -> !x.mutation()).toList();
            int nextBad = 0;
            for (int i = 0; i < mutations.size(); i++) {
                Mutation m = mutations.get(i);
                send(
                        p,
                        topic("m"),
                        InputRecords.key(m),
                        i % 3 == 0 ? InputRecords.binary(m) : InputRecords.json(m));
                if (i % 20 == 10 && nextBad < badM.size()) {
                    sendBad(p, badM.get(nextBad++));
                }
                pause(p, i, pace);
            }
            while (nextBad < badM.size()) {
                sendBad(p, badM.get(nextBad++));
            }
            p.flush();
            for (int b = 0; ; b++) {
                Query probe = barrier.probe().apply(b);
                send(p, topic("q"), InputRecords.key(probe), InputRecords.json(probe));
                p.flush();
                String id = probe.id();
                Map<String, ResultRecord> byKey =
                        awaitResults(broker, deadline, r -> r.containsKey(id));
                if (barrier.passed().test((QueryResult) byKey.get(id))) {
                    break;
                }
                Thread.sleep(300);
            }
            nextBad = 0;
            for (int i = 0; i < queries.size(); i++) {
                Query q = queries.get(i);
                boolean binary = binaryQueries && i % 2 == 1;
                send(
                        p,
                        topic("q"),
                        InputRecords.key(q),
                        binary ? InputRecords.binary(q) : InputRecords.json(q));
                if (i % 5 == 2 && nextBad < badQ.size()) {
                    sendBad(p, badQ.get(nextBad++));
                }
                pause(p, i, pace);
            }
            while (nextBad < badQ.size()) {
                sendBad(p, badQ.get(nextBad++));
            }
            p.flush();
            awaitResults(
                    broker, deadline, r -> queries.stream().allMatch(q -> r.containsKey(q.id())));
            Query stats = Query.stats(STATS_ID, statsCollection);
            send(p, topic("q"), InputRecords.key(stats), InputRecords.json(stats));
            p.flush();
            awaitResults(broker, deadline, r -> r.containsKey(STATS_ID));
        }
        return read(broker);
    }

    /** Every committed output. */
    Outputs read(EmbeddedKafkaBroker broker) {
        String bs = broker.bootstrapServers();
        return new Outputs(
                JobEnvironment.committedResults(bs, topic("r")),
                JobEnvironment.committedText(bs, topic("d")));
    }

    /** Committed results and dead letters (as JSON text). */
    record Outputs(List<ResultRecord> results, List<String> deadLetters) {
        /** One-shot results by query id, barrier queries left out; fails on a duplicate. */
        Map<String, QueryResult> oneShot() {
            Map<String, QueryResult> out = new LinkedHashMap<>();
            for (ResultRecord r : results) {
                if (r instanceof QueryResult q && !q.queryId().startsWith("barrier-")) {
                    if (out.put(q.queryId(), q) != null) {
                        throw new AssertionError("query " + q.queryId() + " answered twice");
                    }
                }
            }
            return out;
        }

        /**
         * Each dead letter's source, as {@code topic-partition-offset}, with its reason code; fails
         * on a source dead-lettered twice.
         */
        Map<String, String> letterPositions() {
            Map<String, String> letters = new LinkedHashMap<>();
            for (String json : deadLetters) {
                DeadLetter d = OutputJson.readDeadLetter(json.getBytes(StandardCharsets.UTF_8));
                String where = d.sourceTopic() + "-" + d.partition() + "-" + d.offset();
                assertEquals(null, letters.put(where, d.reason().code()), "twice: " + where);
            }
            return letters;
        }

        /** The answer to the final stats request; fails unless there is exactly one. */
        StatsResult stats() {
            List<StatsResult> all =
                    results.stream()
                            .filter(
                                    r ->
                                            r instanceof StatsResult st
                                                    && st.queryId().equals(STATS_ID))
                            .map(r -> (StatsResult) r)
                            .toList();
            if (all.size() != 1) {
                throw new AssertionError(all.size() + " answers to the stats request: " + all);
            }
            return all.get(0);
        }

        /**
         * Comparable text of every non-barrier one-shot result (tookMs zeroed) and the stats, in
         * output order. Subscription updates are left out: at parallelism above 1 their sequence
         * depends on timing ({@link SubscriptionChecks} checks them).
         */
        List<String> comparable() {
            List<String> out = new ArrayList<>();
            for (ResultRecord r : results) {
                if (r instanceof SubscriptionUpdate) {
                    continue;
                }
                if (r instanceof QueryResult q) {
                    if (!q.queryId().startsWith("barrier-")) {
                        out.add(
                                new QueryResult(
                                                q.queryId(),
                                                q.collection(),
                                                q.hitIds(),
                                                q.hitScores(),
                                                0)
                                        .toString());
                    }
                } else {
                    out.add(r.toString());
                }
            }
            return out;
        }
    }

    /** After every {@link #PACED_BATCH}-th record: flush, then sleep {@code pace} (if any). */
    private static void pause(KafkaProducer<byte[], byte[]> p, int i, Duration pace)
            throws InterruptedException {
        if (!pace.isZero() && i % PACED_BATCH == PACED_BATCH - 1) {
            p.flush();
            Thread.sleep(pace.toMillis());
        }
    }

    private static long countVersionOne(Map<String, ResultRecord> r) {
        return r.values().stream()
                .filter(x -> x instanceof SubscriptionUpdate u && u.version() >= 1)
                .count();
    }

    private Map<String, ResultRecord> awaitResults(
            EmbeddedKafkaBroker broker, long deadline, Predicate<Map<String, ResultRecord>> done)
            throws InterruptedException {
        while (true) {
            Map<String, ResultRecord> byKey = new HashMap<>();
            for (ResultRecord rr :
                    JobEnvironment.committedResults(broker.bootstrapServers(), topic("r"))) {
                byKey.put(rr.key(), rr);
            }
            if (done.test(byKey)) {
                return byKey;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for results in " + topic("r"));
            }
            Thread.sleep(200);
        }
    }

    private void sendBad(KafkaProducer<byte[], byte[]> p, BadRecords.Bad b) throws Exception {
        String topic = topic(b.mutation() ? "m" : "q");
        var md = p.send(new ProducerRecord<>(topic, b.key(), b.value())).get();
        sentBad.put(topic + "-" + md.partition() + "-" + md.offset(), b.reason());
    }

    private static void send(
            KafkaProducer<byte[], byte[]> p, String topic, byte[] key, byte[] value) {
        p.send(new ProducerRecord<>(topic, key, value));
    }
}
