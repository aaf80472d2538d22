package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.jobs.client.ClientOutput.lastJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.multivector.JsonlTokenCorpus;
import org.vectorindex.jobs.multivector.TokenCorpus.Doc;
import org.vectorindex.jobs.testing.JobArgs;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.jobs.testing.RunningJob;
import org.vectorindex.jobs.testing.TestCollections;
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
    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.kafka();
    private final ClientOutput client = new ClientOutput(ENV);
    private static final Duration UPDATE_WAIT = Duration.ofSeconds(60);
    private static final int DIM = 8;
    private static final int POOLED = TestCollections.MV_POOLED;
    private static final String COLLECTIONS_YAML =
            "collections:\n" + TestCollections.MULTIVECTOR_MV;

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
        Path collections = JobEnvironment.collectionsFile(tmp, COLLECTIONS_YAML);

        JobArgs args =
                ENV.jobOnNewTopics(2, collections)
                        .parallelism(1)
                        .stateBackend("heap")
                        .checkpointInterval("500ms")
                        .stateDir(tmp.resolve("state"));
        try (RunningJob job = args.start()) {
            String out = client.loadWithDeletes("mv", "--jsonl", docsFile, 0.2, 9);
            JsonNode loaded = lastJson(out);
            assertEquals(200, loaded.get("upserts").asLong(), out);
            assertEquals(40, loaded.get("deletes").asLong(), out);
            assertTrue(out.startsWith("loaded 200 upserts ("), out);

            MultiVectorIndex reference =
                    new MultiVectorIndex(
                            CollectionsFile.parse(COLLECTIONS_YAML, false, "test")
                                    .require("mv")
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
            assertTrue(ENV.applied("m", Duration.ofSeconds(60)), "the job did not apply the load");

            Map<String, QueryResult> results = client.queryEachOnce("mv", "--jsonl", queryFile, 20);
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

            subscriptionsPrintExactUpdates(queryFile, queries, reference);
            assertTrue(
                    KafkaTestClients.readCommitted(
                                    ENV.bootstrapServers(), "d", Duration.ofSeconds(5))
                            .isEmpty(),
                    "dead letters");
        }
    }

    /**
     * Subscribes to the first two queries: their version-1 update must be the exact top-5; then a
     * document made of a subscription's own tokens is loaded (JSON this time) and must enter it.
     */
    private void subscriptionsPrintExactUpdates(
            Path queryFile, List<Doc> queries, MultiVectorIndex reference) throws Exception {
        ClientOutput.Subscription sub =
                client.subscribe(
                        "mv",
                        "--jsonl",
                        queryFile.toString(),
                        "--limit",
                        "2",
                        "--k",
                        "5",
                        "--id-prefix",
                        "s");
        try (sub) {
            sub.awaitText("update s-0 v1", UPDATE_WAIT);
            sub.awaitText("update s-1 v1", UPDATE_WAIT);
            Path extra = tmp.resolve("extra.jsonl");
            JsonlTokenCorpus.write(extra, List.of(new Doc("extra-0", queries.get(0).vectors())));
            client.load("mv", "--jsonl", extra.toString());
            sub.awaitText("update s-0 v2 (upsert extra-0) +[extra-0]", UPDATE_WAIT);
        }
        String printed = sub.printed();
        assertEquals(0, sub.exitCode(), printed);
        assertTrue(printed.contains("{\"subscriptions\":2,"), printed);

        Map<String, SubscriptionUpdate> first = new HashMap<>();
        for (ResultRecord r : ENV.results("r")) {
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
}
