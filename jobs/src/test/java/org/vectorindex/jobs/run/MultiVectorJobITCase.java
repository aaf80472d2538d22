package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.kafka.EmbeddedKafkaBroker;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.connectors.testing.LoopbackMiniCluster;
import org.vectorindex.operators.ModelAdapter;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.routing.ShardKey;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.multivector.MaxSim;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;
import org.vectorindex.state.testing.ClusteredData;

/**
 * A multi-vector collection served end to end, beside an HNSW one, through the real Kafka broker
 * and a MiniCluster with RocksDB: mutations carry {@code "vectors"} (JSON and the binary envelope),
 * every one-shot query is answered exactly once with the hits a {@link MultiVectorIndex} per shard
 * gives on the same data, and every subscription update equals the exact MaxSim top-k over the
 * pooled documents after the mutation that caused it, with no change missed. The collection reranks
 * more candidates than a shard holds, so search is exact; outputs are read with read_committed.
 * Parallelism 1, so the expected update sequence is unique.
 */
class MultiVectorJobITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = LoopbackMiniCluster.extension(1);

    private static final int DIM = 8;
    private static final int SHARDS = 3;
    private static final String STATS_ID = "stats-mv";
    private static final String MV = "mv";
    private static final String PLAIN = "c";
    private static final String COLLECTIONS_YAML =
            "collections:\n"
                    + "  - {name: c, dimension: 4, metric: l2, shards: 1}\n"
                    + "  - name: mv\n"
                    + "    type: multivector\n"
                    + "    dimension: 8\n"
                    + "    metric: cosine\n"
                    + "    shards: 3\n"
                    + "    m: 8\n"
                    + "    efConstruction: 40\n"
                    + "    seed: 5\n"
                    + "    multivector: {pooledVectors: 4, fdeRepetitions: 4, fdeSimhashBits: 2,"
                    + " fdeProjectionDim: 4, candidates: 400, maxTokens: 32}\n";

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void multiVectorQueriesAndSubscriptionsMatchTheCoreAndExactMaxSim(@TempDir Path dir)
            throws Exception {
        runAndCheck("mv-e2e", dir, List.of());
    }

    /**
     * The same run with failures injected into the index operator (attempts 0 and 2) and the merger
     * (attempt 1): the committed outputs must still equal the exact answers, each once. The
     * thresholds are low so that all three fire while mutations are still flowing.
     */
    @Test
    void theSameHoldsAcrossInjectedFailures(@TempDir Path dir) throws Exception {
        Path markers = dir.resolve("markers");
        runAndCheck(
                "mv-fail",
                dir,
                List.of(
                        "--conf", JobOptions.FAIL_INDEX_AT.key() + "=0:80,2:30",
                        "--conf", JobOptions.FAIL_MERGE_AT.key() + "=1:5",
                        "--conf", JobOptions.FAILURE_MARKER_DIR.key() + "=" + markers));
        List<String> fired;
        try (var files = Files.list(markers)) {
            fired =
                    files.map(p -> p.getFileName().toString().replaceAll("-subtask-\\d+", ""))
                            .sorted()
                            .distinct()
                            .toList();
        }
        assertEquals(
                List.of("index-attempt-0", "index-attempt-2", "merge-attempt-1"),
                fired,
                "injected failures");
    }

    private void runAndCheck(String prefix, Path dir, List<String> extraArgs) throws Exception {
        Scenario s = new Scenario(23);
        for (String t : List.of("m", "q", "r", "d")) {
            broker.createTopics(1, prefix + "-" + t);
        }
        Path collections = dir.resolve("collections.yaml");
        Files.writeString(collections, COLLECTIONS_YAML);
        List<String> args = new ArrayList<>(List.of(runArgs(prefix, collections)));
        args.addAll(extraArgs);
        JobClient job = RunCommand.start(args.toArray(String[]::new));
        List<ResultRecord> results;
        List<String> deadLetters;
        try {
            drive(prefix, s, Duration.ofSeconds(120));
            results = read(prefix + "-r");
            deadLetters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : committed(prefix + "-d")) {
                deadLetters.add(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } finally {
            job.cancel().get();
        }

        // Replay: exact MaxSim top-k of every subscription after every multi-vector mutation.
        Reference ref = new Reference();
        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, List<SearchHit>> current = new TreeMap<>();
        for (Query sub : s.subscriptions) {
            current.put(sub.id(), List.of());
            expected.computeIfAbsent(sub.id(), x -> new ArrayList<>())
                    .add(update(1, List.of(), sub.id()));
        }
        for (Mutation m : s.mutations) {
            if (!m.collection().equals(MV)) {
                continue;
            }
            ref.apply(m);
            for (Query sub : s.subscriptions) {
                List<SearchHit> now = ref.exact(sub.vectors(), sub.k());
                if (!now.equals(current.get(sub.id()))) {
                    List<String> seq = expected.get(sub.id());
                    String op = m.op() == MutationOp.UPSERT ? "upsert:" : "delete:";
                    seq.add(update(seq.size() + 1, now, op + m.id()));
                    current.put(sub.id(), now);
                }
            }
        }
        Map<String, List<String>> actual = new TreeMap<>();
        for (ResultRecord r : results) {
            if (r instanceof SubscriptionUpdate u) {
                List<SearchHit> hits = new ArrayList<>();
                for (int i = 0; i < u.hitCount(); i++) {
                    hits.add(new SearchHit(u.hitId(i), u.hitScore(i)));
                }
                String cause =
                        u.version() == 1
                                ? u.subscriptionId()
                                : u.causeOp().name().toLowerCase() + ":" + u.causeId();
                actual.computeIfAbsent(u.subscriptionId(), x -> new ArrayList<>())
                        .add(update(u.version(), hits, cause));
            }
        }
        int updates = expected.values().stream().mapToInt(List::size).sum();
        assertTrue(
                updates > 3L * s.subscriptions.size(), "too few changes to be a test: " + updates);
        assertEquals(expected, actual, "subscription updates vs exact MaxSim");

        // One-shot: exactly once, the same hits as the multi-vector core on the same data.
        Map<String, QueryResult> answers = new LinkedHashMap<>();
        for (ResultRecord r : results) {
            if (r instanceof QueryResult q && !q.queryId().startsWith("barrier-")) {
                assertEquals(null, answers.put(q.queryId(), q), q.queryId() + " answered twice");
            }
        }
        assertEquals(s.queries.size(), answers.size(), "answered queries");
        for (Query q : s.queries) {
            List<SearchHit> want = ref.knn(q.vectors(), q.k(), q.ef());
            assertEquals(want, ref.exact(q.vectors(), q.k()), "search is exact by construction");
            QueryResult r = answers.get(q.id());
            assertEquals(MV, r.collection());
            assertArrayEquals(
                    want.stream().map(SearchHit::id).toArray(String[]::new), r.hitIds(), q.id());
            float[] scores = new float[want.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = want.get(i).score();
            }
            assertArrayEquals(scores, r.hitScores(), q.id());
        }
        assertEquals(List.of(), deadLetters);

        // Each shard holds exactly the reference's index: same size, same digest.
        List<StatsResult> stats = new ArrayList<>();
        for (ResultRecord r : results) {
            if (r instanceof StatsResult st) {
                stats.add(st);
            }
        }
        assertEquals(1, stats.size(), "one stats answer");
        StatsResult st = stats.get(0);
        assertEquals(SHARDS, st.shardCount());
        for (int shard = 0; shard < SHARDS; shard++) {
            assertEquals(ref.shards[shard].size(), st.size(shard), "size of shard " + shard);
            assertEquals(
                    StatsResult.hex(ref.shards[shard].digest()),
                    StatsResult.hex(st.digest(shard)),
                    "digest of shard " + shard);
        }
    }

    /** Clustered token sets: upserts, deletes, re-upserts, subscriptions and queries. */
    private static final class Scenario {
        final List<Mutation> mutations = new ArrayList<>();
        final List<Query> subscriptions = new ArrayList<>();
        final List<Query> queries = new ArrayList<>();
        private final float[][] pool;
        private final SplittableRandom rnd;

        Scenario(long seed) {
            pool = ClusteredData.generate(3000, DIM, 6, seed);
            rnd = new SplittableRandom(seed + 1);
            for (int i = 0; i < 180; i++) {
                mutations.add(Mutation.upsertMulti(MV, "doc-" + i, tokens(), attrs(i)));
                if (i % 10 == 9) {
                    mutations.add(Mutation.delete(MV, "doc-" + rnd.nextInt(i)));
                }
                if (i % 15 == 14) {
                    int j = rnd.nextInt(i);
                    mutations.add(Mutation.upsertMulti(MV, "doc-" + j, tokens(), attrs(j)));
                }
                if (i % 20 == 0) {
                    float[] v = {rnd.nextFloat(), rnd.nextFloat(), rnd.nextFloat(), 1};
                    mutations.add(Mutation.upsert(PLAIN, "p-" + i, v, null));
                }
            }
            // Last: the barrier probe, in the HNSW collection.
            mutations.add(Mutation.upsert(PLAIN, "probe", new float[] {900, 900, 900, 900}, null));
            for (int i = 0; i < 3; i++) {
                subscriptions.add(Query.subscribeMulti("sub-" + i, MV, rows(), 5, 0, null));
            }
            for (int i = 0; i < 30; i++) {
                queries.add(Query.knnMulti("q-" + i, MV, rows(), 10, i % 2 == 0 ? 0 : 64, null));
            }
        }

        private static Map<String, String> attrs(int i) {
            return Map.of("n", Integer.toString(i % 3));
        }

        private float[][] rows() {
            int n = 2 + rnd.nextInt(11);
            float[][] out = new float[n][];
            for (int t = 0; t < n; t++) {
                out[t] = pool[rnd.nextInt(pool.length)].clone();
            }
            return out;
        }

        private float[][] tokens() {
            return rows();
        }
    }

    /** Per-shard multi-vector indexes with the collection's config, fed the same mutations. */
    private static final class Reference {
        final MultiVectorIndex[] shards = new MultiVectorIndex[SHARDS];
        final MultiVectorConfig config;

        Reference() {
            CollectionSpec spec =
                    CollectionsFile.parse(COLLECTIONS_YAML, false, "test").require(MV);
            config = ModelAdapter.layout(spec).multiVectorConfig();
            for (int s = 0; s < SHARDS; s++) {
                shards[s] = new MultiVectorIndex(config);
            }
        }

        void apply(Mutation m) {
            MultiVectorIndex shard = shards[ShardKey.shardOf(m.id(), SHARDS)];
            if (m.op() == MutationOp.UPSERT) {
                shard.upsert(m.id(), m.vectors());
            } else {
                shard.delete(m.id());
            }
        }

        /** The merged per-shard answers, as the job's merger ranks them. */
        List<SearchHit> knn(float[][] q, int k, int ef) {
            int candidates = Math.max(k, Math.max(ef, config.defaultCandidates()));
            List<SearchHit> all = new ArrayList<>();
            for (MultiVectorIndex s : shards) {
                all.addAll(s.search(q, k, candidates, null, null).hits());
            }
            return top(all, k);
        }

        /** Exact MaxSim top-k over every live document's pooled vectors. */
        List<SearchHit> exact(float[][] q, int k) {
            float[] flat = ModelAdapter.flatten(q);
            org.vectorindex.operators.index.TokenRows.normalizeInPlace(flat, DIM);
            List<SearchHit> all = new ArrayList<>();
            for (MultiVectorIndex s : shards) {
                for (String id : s.ids()) {
                    float[] d = s.pooledFlat(id);
                    all.add(
                            new SearchHit(
                                    id,
                                    MaxSim.score(flat, flat.length / DIM, d, d.length / DIM, DIM)));
                }
            }
            return top(all, k);
        }

        private static List<SearchHit> top(List<SearchHit> all, int k) {
            all.sort(
                    (a, b) ->
                            a.score() != b.score()
                                    ? Float.compare(b.score(), a.score())
                                    : a.id().compareTo(b.id()));
            return new ArrayList<>(all.subList(0, Math.min(k, all.size())));
        }
    }

    private static String[] runArgs(String prefix, Path collections) {
        return new String[] {
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--mutations-topic",
            prefix + "-m",
            "--queries-topic",
            prefix + "-q",
            "--results-topic",
            prefix + "-r",
            "--dlq-topic",
            prefix + "-d",
            "--collections",
            collections.toString(),
            "--parallelism",
            "1",
            "--checkpoint-interval",
            "300ms",
            "--transactional-id-prefix",
            prefix,
            "--group-id",
            prefix
        };
    }

    /**
     * Subscriptions (then their version-1 updates), all mutations, a barrier (knn on the HNSW
     * collection until the probe sent last is visible: with parallelism 1 and one partition, every
     * earlier mutation has then been applied), then the one-shot queries.
     */
    private static void drive(String prefix, Scenario s, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String r = prefix + "-r";
        try (KafkaProducer<byte[], byte[]> p =
                KafkaTestClients.producer(broker.bootstrapServers())) {
            for (Query q : s.subscriptions) {
                send(p, prefix + "-q", InputRecords.key(q), InputRecords.json(q));
            }
            p.flush();
            await(r, deadline, m -> m.keySet().containsAll(ids(s.subscriptions)));
            for (int i = 0; i < s.mutations.size(); i++) {
                Mutation m = s.mutations.get(i);
                byte[] value = i % 3 == 0 ? InputRecords.binary(m) : InputRecords.json(m);
                send(p, prefix + "-m", InputRecords.key(m), value);
            }
            p.flush();
            for (int b = 0; ; b++) {
                Query probe =
                        Query.knn(
                                "barrier-" + b,
                                PLAIN,
                                new float[] {900, 900, 900, 900},
                                1,
                                0,
                                null);
                send(p, prefix + "-q", InputRecords.key(probe), InputRecords.json(probe));
                p.flush();
                Map<String, ResultRecord> byKey =
                        await(r, deadline, m -> m.containsKey(probe.id()));
                QueryResult res = (QueryResult) byKey.get(probe.id());
                if (res.hitCount() == 1 && res.hitId(0).equals("probe")) {
                    break;
                }
                Thread.sleep(300);
            }
            for (int i = 0; i < s.queries.size(); i++) {
                Query q = s.queries.get(i);
                byte[] value = i % 2 == 0 ? InputRecords.json(q) : InputRecords.binary(q);
                send(p, prefix + "-q", InputRecords.key(q), value);
            }
            p.flush();
            await(r, deadline, m -> m.keySet().containsAll(ids(s.queries)));
            Query stats = Query.stats(STATS_ID, MV);
            send(p, prefix + "-q", InputRecords.key(stats), InputRecords.json(stats));
            p.flush();
            await(r, deadline, m -> m.containsKey(STATS_ID));
        }
    }

    private static List<String> ids(List<Query> qs) {
        return qs.stream().map(Query::id).toList();
    }

    private static Map<String, ResultRecord> await(
            String topic, long deadline, Predicate<Map<String, ResultRecord>> done)
            throws InterruptedException {
        while (true) {
            Map<String, ResultRecord> byKey = new HashMap<>();
            for (ResultRecord rr : read(topic)) {
                byKey.put(rr.key(), rr);
            }
            if (done.test(byKey)) {
                return byKey;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for results in " + topic);
            }
            Thread.sleep(200);
        }
    }

    private static List<ResultRecord> read(String topic) {
        List<ResultRecord> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : committed(topic)) {
            out.add(OutputJson.readResult(r.value()));
        }
        return out;
    }

    private static List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        return KafkaTestClients.readCommitted(
                broker.bootstrapServers(), topic, Duration.ofSeconds(30));
    }

    private static String update(long version, List<SearchHit> hits, String cause) {
        return "v" + version + " " + hits + " cause " + cause;
    }

    private static void send(
            KafkaProducer<byte[], byte[]> p, String topic, byte[] key, byte[] value) {
        p.send(new ProducerRecord<>(topic, key, value));
    }
}
