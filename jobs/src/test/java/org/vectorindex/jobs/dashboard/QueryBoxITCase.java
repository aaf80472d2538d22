package org.vectorindex.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.jobs.client.RecordSender;
import org.vectorindex.jobs.client.TopicTail;
import org.vectorindex.jobs.embed.LazySentenceEmbedder;
import org.vectorindex.jobs.testing.JobArgs;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.jobs.testing.RunningJob;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.VectorResult;

/**
 * The query box end to end, against the job on a MiniCluster and a real broker: "more like this" by
 * a stored id (a get answered by the id's shard with its stored vector, then the query with it), an
 * id the collection does not hold, and a text embedded with the demo's model (all-MiniLM-L6-v2) on
 * a collection of embedded sentences.
 */
class QueryBoxITCase {
    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.kafka();
    private static final int DIM = 16;
    private static final int DOCS = 300;
    private static final List<String> SENTENCES =
            List.of(
                    "The cat sleeps on the warm mat by the fire.",
                    "Parliament adopted the budget for next year.",
                    "Fishermen demand new quotas for the North Sea.",
                    "The train to Brussels was late again this morning.");

    private static final String COLLECTIONS_YAML =
            "collections:\n"
                    + "  - {name: c, dimension: 16, metric: l2, shards: 4, ef: 32}\n"
                    + "  - {name: s, dimension: 384, metric: cosine, shards: 2, ef: 32}\n";

    @TempDir Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ResultRecord> results = new ConcurrentHashMap<>();

    @Test
    void queriesByIdAndByText() throws Exception {
        Path collections = JobEnvironment.collectionsFile(tmp, COLLECTIONS_YAML);
        float[][] data = ClusteredData.generate(DOCS, DIM, 8, 0.5, 3);
        JobArgs args =
                ENV.jobOnNewTopics(1, collections)
                        .parallelism(2)
                        .stateBackend("heap")
                        .checkpointInterval("300ms");
        try (LazySentenceEmbedder model = LazySentenceEmbedder.miniLm();
                RunningJob job = args.start();
                Dashboard dash = ENV.startDashboard("http://127.0.0.1:1", collections);
                TopicTail reader = ENV.tailResults("r", this::read);
                RecordSender client = ENV.sender()) {
            dash.embedTextWith("s", model);
            for (int i = 0; i < DOCS; i++) {
                client.upsert("m", "c", "v" + i, data[i], null);
            }
            for (int i = 0; i < SENTENCES.size(); i++) {
                client.upsert("m", "s", "t" + i, model.apply(SENTENCES.get(i)), null);
            }
            client.flush();
            awaitApplied(client, "c", DOCS);
            awaitApplied(client, "s", SENTENCES.size());

            String like = post(dash, "{\"collection\":\"c\",\"k\":5,\"likeId\":\"v7\"}");
            QueryResult similar = await(like, QueryResult.class);
            assertEquals("v7", similar.hitId(0), "a stored vector is its own nearest");
            assertEquals(1f, similar.hitScore(0), 1e-6f);
            assertEquals(5, similar.hitCount());
            VectorResult stored = await(like + "-get", VectorResult.class);
            assertArrayEquals(data[7], stored.vector(), "the get answers the stored vector");

            String absent = post(dash, "{\"collection\":\"c\",\"k\":5,\"likeId\":\"nope\"}");
            assertNull(await(absent + "-get", VectorResult.class).vector());
            Thread.sleep(1_000);
            assertTrue(!results.containsKey(absent), "no query for an id that is not stored");

            String text = post(dash, "{\"collection\":\"s\",\"k\":2,\"text\":\"a cat on a mat\"}");
            assertEquals("t0", await(text, QueryResult.class).hitId(0));
            String refused = postStatus(dash, "{\"collection\":\"c\",\"k\":2,\"text\":\"x\"}");
            assertTrue(refused.startsWith("400"), refused);
        }
    }

    private void read(ResultRecord rr) {
        results.put(rr.key(), rr);
    }

    /** Until a k=1000 query on {@code collection} finds {@code n} vectors. */
    private void awaitApplied(RecordSender client, String collection, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (int round = 0; ; round++) {
            String id = "probe-" + collection + "-" + round;
            float[] probe = new float[collection.equals("c") ? DIM : 384];
            probe[0] = 1;
            client.send("q", Query.knn(id, collection, probe, 1000, 1000, null));
            client.flush();
            if (await(id, QueryResult.class).hitCount() == n) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, collection + " never held " + n + " vectors");
            Thread.sleep(300);
        }
    }

    private <T> T await(String key, Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!type.isInstance(results.get(key))) {
            assertTrue(System.nanoTime() < deadline, "no " + type.getSimpleName() + " " + key);
            Thread.sleep(50);
        }
        return type.cast(results.get(key));
    }

    private String post(Dashboard dash, String body) throws Exception {
        String reply = postStatus(dash, body);
        assertTrue(reply.startsWith("200 "), reply);
        return json.readTree(reply.substring(4)).get("queryId").asText();
    }

    /** "status body" of a POST /api/query. */
    private static String postStatus(Dashboard dash, String body) throws Exception {
        var r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(dash.url() + "api/query"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
