package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.jobs.client.ClientOutput.awaitText;
import static org.vectorindex.jobs.client.ClientOutput.lastJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.kafka.KafkaOptions;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.jobs.multivector.JsonlTokenCorpus;
import org.vectorindex.jobs.multivector.TokenCorpus.Doc;
import org.vectorindex.jobs.run.RunCommand;
import org.vectorindex.operators.ModelAdapter;
import org.vectorindex.operators.index.TokenRows;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.state.multivector.MaxSim;
import org.vectorindex.state.multivector.MultiVectorIndex;
import org.vectorindex.state.testing.ClusteredData;

/**
 * {@code load --jsonl} and {@code query --jsonl} against a running job serving a multi-vector
 * collection: loads clustered token sets (binary envelope) with a seeded fraction deleted, waits
 * until the job applied them, then checks that every query is answered exactly once, that no
 * deleted id comes back, and that the hits and scores equal exact MaxSim over the pooled documents.
 * The collection reranks more candidates than it holds documents, so the job's search is exact; the
 * pooled vectors come from a {@link MultiVectorIndex} with the collection's configuration (pooling
 * is per document, so one index holds the same pooled vectors as the job's shards together).
 * Finally {@code query --jsonl --subscribe} prints the initial top-k, equal to exact MaxSim, and an
 * update when a document with a subscription's own tokens is loaded.
 */
class LoadQueryMultiVectorITCase {
    private final ClientOutput client = new ClientOutput();
    private static final Duration UPDATE_WAIT = Duration.ofSeconds(60);
    private static final int DIM = 8;
    private static final int POOLED = 4;
    private static final String COLLECTIONS_YAML =
            "collections:\n"
                    + "  - name: mv\n"
                    + "    type: multivector\n"
                    + "    dimension: 8\n"
                    + "    metric: cosine\n"
                    + "    shards: 3\n"
                    + "    m: 8\n"
                    + "    efConstruction: 40\n"
                    + "    seed: 5\n"
                    + "    multivector: {pooledVectors: "
                    + POOLED
                    + ", fdeRepetitions: 4, fdeSimhashBits: 2, fdeProjectionDim: 4,"
                    + " candidates: 400, maxTokens: 32}\n";

    @TempDir Path tmp;

    @Test
    void loadThenQueryAMultiVectorCollection() throws Exception {
        float[][] pool = ClusteredData.generate(3000, DIM, 6, 31);
        SplittableRandom rnd = new SplittableRandom(32);
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            docs.add(new Doc("doc-" + i, tokens(pool, rnd, 2 + rnd.nextInt(11))));
        }
        List<Doc> queries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // The first two become subscriptions; at most POOLED tokens, so a document made of
            // exactly their tokens is stored unpooled and is their best possible match.
            queries.add(new Doc("query-" + i, tokens(pool, rnd, i < 2 ? 3 : 2 + rnd.nextInt(9))));
        }
        Path docsFile = tmp.resolve("docs.jsonl");
        Path queryFile = tmp.resolve("queries.jsonl");
        JsonlTokenCorpus.write(docsFile, docs);
        JsonlTokenCorpus.write(queryFile, queries);
        // What the clients send is what the file reads back as: the reference uses the same.
        docs = JsonlTokenCorpus.read(docsFile, 0);
        queries = JsonlTokenCorpus.read(queryFile, 0);
        Path collections = tmp.resolve("collections.yaml");
        Files.writeString(collections, COLLECTIONS_YAML);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bs = broker.bootstrapServers();
            broker.createTopics(2, "m", "q", "r", "d");
            JobClient job =
                    RunCommand.start(
                            new String[] {
                                "--bootstrap-servers", bs,
                                "--mutations-topic", "m",
                                "--queries-topic", "q",
                                "--results-topic", "r",
                                "--dlq-topic", "d",
                                "--collections", collections.toString(),
                                "--parallelism", "1",
                                "--state-backend", "heap",
                                "--checkpoint-interval", "500ms",
                                "--state-dir", tmp.resolve("state").toString()
                            });
            try {
                String out =
                        client.run(
                                new LoadCommand(client.printer()),
                                "--bootstrap-servers",
                                bs,
                                "--topic",
                                "m",
                                "--collection",
                                "mv",
                                "--jsonl",
                                docsFile.toString(),
                                "--binary",
                                "--delete-fraction",
                                "0.2",
                                "--seed",
                                "9");
                JsonNode loaded = lastJson(out);
                assertEquals(200, loaded.get("upserts").asLong(), out);
                assertEquals(40, loaded.get("deletes").asLong(), out);
                assertTrue(out.startsWith("loaded 200 upserts ("), out);

                MultiVectorIndex reference =
                        new MultiVectorIndex(
                                ModelAdapter.layout(
                                                CollectionsFile.parse(
                                                                COLLECTIONS_YAML, false, "test")
                                                        .require("mv"))
                                        .multiVectorConfig());
                for (Doc d : docs) {
                    reference.upsert(d.id(), d.vectors());
                }
                Set<String> deleted = new HashSet<>();
                for (int r : LoadCommand.deleteSelection(docs.size(), 0.2, 9)) {
                    assertTrue(reference.delete(docs.get(r).id()));
                    deleted.add(docs.get(r).id());
                }
                assertEquals(160, reference.size());
                try (Admin admin = broker.admin()) {
                    assertTrue(
                            AppliedOffsets.await(
                                    admin,
                                    KafkaOptions.GROUP_ID.defaultValue(),
                                    "m",
                                    Duration.ofSeconds(60)),
                            "the job did not apply the load");
                }

                String answers =
                        client.run(
                                new QueryCommand(client.printer()),
                                "--bootstrap-servers",
                                bs,
                                "--topic",
                                "q",
                                "--results-topic",
                                "r",
                                "--collection",
                                "mv",
                                "--jsonl",
                                queryFile.toString(),
                                "--k",
                                "10",
                                "--id-prefix",
                                "t",
                                "--timeout",
                                "60s");
                assertEquals(20, answers.lines().filter(l -> l.startsWith("result t-")).count());
                assertEquals(20, lastJson(answers).get("answered").asLong(), answers);
                assertEquals(0, lastJson(answers).get("duplicates").asLong(), answers);

                Map<String, QueryResult> results = new HashMap<>();
                for (ResultRecord r : committed(bs)) {
                    if (r instanceof QueryResult q && q.queryId().startsWith("t-")) {
                        assertNull(results.put(q.queryId(), q), "twice: " + q.queryId());
                    }
                }
                assertEquals(20, results.size());
                Set<String> pooledHits = new HashSet<>();
                Set<List<String>> distinctAnswers = new HashSet<>();
                for (int i = 0; i < queries.size(); i++) {
                    QueryResult q = results.get("t-" + i);
                    for (String id : q.hitIds()) {
                        assertFalse(deleted.contains(id), "deleted id " + id + " in " + q);
                        if (reference.pooled(id).length < rawTokens(docs, id)) {
                            pooledHits.add(id);
                        }
                    }
                    Ranked want = exact(reference, queries.get(i).vectors(), 10);
                    assertEquals(10, want.ids().length);
                    assertArrayEquals(want.ids(), q.hitIds(), "t-" + i);
                    assertArrayEquals(want.scores(), q.hitScores(), "t-" + i);
                    distinctAnswers.add(List.of(q.hitIds()));
                }
                assertTrue(pooledHits.size() >= 10, "pooled documents among the hits");
                assertTrue(distinctAnswers.size() >= 10, "queries differ: " + distinctAnswers);

                subscriptionsPrintExactUpdates(bs, queryFile, queries, reference);
                assertTrue(
                        KafkaTestClients.readCommitted(bs, "d", Duration.ofSeconds(5)).isEmpty(),
                        "dead letters");
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Subscribes to the first two queries: their version-1 update must be the exact top-5; then a
     * document made of a subscription's own tokens is loaded (JSON this time) and must enter it.
     */
    private void subscriptionsPrintExactUpdates(
            String bs, Path queryFile, List<Doc> queries, MultiVectorIndex reference)
            throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        CountDownLatch stop = new CountDownLatch(1);
        int[] code = {-1};
        Thread t =
                new Thread(
                        () -> {
                            try {
                                code[0] =
                                        new QueryCommand(ps, stop)
                                                .run(
                                                        List.of(
                                                                "--bootstrap-servers",
                                                                bs,
                                                                "--topic",
                                                                "q",
                                                                "--results-topic",
                                                                "r",
                                                                "--collection",
                                                                "mv",
                                                                "--jsonl",
                                                                queryFile.toString(),
                                                                "--limit",
                                                                "2",
                                                                "--k",
                                                                "5",
                                                                "--subscribe",
                                                                "--id-prefix",
                                                                "s",
                                                                "--timeout",
                                                                "0s"));
                            } catch (Exception e) {
                                e.printStackTrace(ps);
                            }
                        });
        t.start();
        try {
            awaitText(buf, "update s-0 v1", UPDATE_WAIT);
            awaitText(buf, "update s-1 v1", UPDATE_WAIT);
            Path extra = tmp.resolve("extra.jsonl");
            JsonlTokenCorpus.write(extra, List.of(new Doc("extra-0", queries.get(0).vectors())));
            client.run(
                    new LoadCommand(client.printer()),
                    "--bootstrap-servers",
                    bs,
                    "--topic",
                    "m",
                    "--collection",
                    "mv",
                    "--jsonl",
                    extra.toString());
            awaitText(buf, "update s-0 v2 (upsert extra-0) +[extra-0]", UPDATE_WAIT);
        } finally {
            stop.countDown();
            t.join(30_000);
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code[0], printed);
        assertTrue(printed.contains("{\"subscriptions\":2,"), printed);

        Map<String, SubscriptionUpdate> first = new HashMap<>();
        for (ResultRecord r : committed(bs)) {
            if (r instanceof SubscriptionUpdate u && u.version() == 1) {
                assertNull(first.put(u.subscriptionId(), u), "v1 twice: " + u.subscriptionId());
            }
        }
        for (int i = 0; i < 2; i++) {
            SubscriptionUpdate u = first.get("s-" + i);
            Ranked want = exact(reference, queries.get(i).vectors(), 5);
            String[] ids = new String[u.hitCount()];
            float[] scores = new float[u.hitCount()];
            for (int h = 0; h < ids.length; h++) {
                ids[h] = u.hitId(h);
                scores[h] = u.hitScore(h);
            }
            assertArrayEquals(want.ids(), ids, "s-" + i + " v1");
            assertArrayEquals(want.scores(), scores, "s-" + i + " v1");
        }
    }

    private static float[][] tokens(float[][] pool, SplittableRandom rnd, int n) {
        float[][] out = new float[n][];
        for (int t = 0; t < n; t++) {
            out[t] = pool[rnd.nextInt(pool.length)].clone();
        }
        return out;
    }

    private static int rawTokens(List<Doc> docs, String id) {
        return docs.get(Integer.parseInt(id.substring("doc-".length()))).vectors().length;
    }

    private record Ranked(String[] ids, float[] scores) {}

    /**
     * Exact MaxSim top-k of the query (normalised, as the job does) over every live document's
     * pooled vectors; score descending, then id ascending.
     */
    private static Ranked exact(MultiVectorIndex index, float[][] query, int k) {
        float[] q = ModelAdapter.flatten(query);
        TokenRows.normalizeInPlace(q, DIM);
        record Hit(String id, float score) {}
        List<Hit> hits = new ArrayList<>();
        for (String id : index.ids()) {
            float[] d = index.pooledFlat(id);
            hits.add(new Hit(id, MaxSim.score(q, q.length / DIM, d, d.length / DIM, DIM)));
        }
        hits.sort(
                (a, b) ->
                        a.score() != b.score()
                                ? Float.compare(b.score(), a.score())
                                : a.id().compareTo(b.id()));
        int n = Math.min(k, hits.size());
        String[] ids = new String[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = hits.get(i).id();
            scores[i] = hits.get(i).score();
        }
        return new Ranked(ids, scores);
    }

    private static List<ResultRecord> committed(String bs) throws Exception {
        List<ResultRecord> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> rec :
                KafkaTestClients.readCommitted(bs, "r", Duration.ofSeconds(30))) {
            out.add(OutputJson.readResult(rec.value()));
        }
        return out;
    }
}
