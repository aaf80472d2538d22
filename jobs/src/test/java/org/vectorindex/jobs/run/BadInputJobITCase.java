package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;

/**
 * Bad records of many kinds interleaved with good ones through the whole job: each bad record is
 * dead-lettered once with its reason, bytes and coordinates; every good query is answered once and
 * every good mutation is applied (a final k=1000 query returns exactly the live ids). Among them
 * are the {@link CrashRecords} that once restarted the job for ever; the job must not restart at
 * all.
 */
class BadInputJobITCase {
    private static final String REUSED_QUERY_ID = "reused-query";

    // the topic accepts the 2 MB record, as a topic with a raised max.message.bytes would
    @RegisterExtension
    static final JobEnvironment ENV =
            JobEnvironment.onMiniCluster(2).brokerProperty("message.max.bytes", "8388608");

    @Test
    void everyBadRecordIsDeadLetteredAndEveryGoodOneProcessed(
            @TempDir Path dir, @InjectClusterClient RestClusterClient<?> cluster) throws Exception {
        JobScenario s = JobScenario.generate("bad", 3, 300, 0, 40, 16, true);
        // the job runs with the default 1 MiB record limit, so the 2 MB record stands for oversized
        s.bad.removeIf(b -> b.reason().equals("oversized"));
        Map<BadRecords.Bad, String> details = new IdentityHashMap<>();
        for (CrashRecords.Crash c : CrashRecords.all(JobScenario.DIM)) {
            s.bad.add(c.bad());
            details.put(c.bad(), c.detail());
        }
        s.subscriptions.add(
                Query.subscribe(
                        CrashRecords.REUSED_ID,
                        CrashRecords.OTHER_COLLECTION,
                        JobScenario.probe(0),
                        3,
                        64,
                        null));
        s.producerProperties.setProperty("max.request.size", CrashRecords.MAX_REQUEST_SIZE);
        s.queries.add(
                Query.knn(
                        "all-live",
                        JobScenario.COLLECTION,
                        JobScenario.probe(0),
                        1000,
                        10_000,
                        null));
        Set<String> kinds = new HashSet<>();
        s.bad.forEach(b -> kinds.add(b.reason()));
        assertTrue(kinds.size() >= 12, "only " + kinds.size() + " kinds: " + kinds);
        s.createTopics(ENV.broker());
        Path collections = JobEnvironment.collectionsFile(dir, CrashRecords.COLLECTIONS_YAML);
        String[] args = s.runArgs(ENV.broker(), collections, 2);
        args[args.length - 1] = "vectorindex.format.max-record-bytes=1048576";
        JobClient job = RunCommand.start(args);
        JobScenario.Outputs out;
        List<QueryResult> reused;
        long restarts;
        try {
            out = s.drive(ENV.broker(), Duration.ofSeconds(120));
            reused = sendReusedQueryId(s);
            restarts = numRestarts(cluster, job);
        } finally {
            job.cancel().get();
        }
        assertEquals(0, restarts, "numRestarts through the REST API");
        // two requests in flight under one queryId, on collections of 4 and 2 shards: both answered
        assertEquals(2, reused.size(), "answers to the reused queryId: " + reused);
        Map<String, QueryResult> byCollection = new LinkedHashMap<>();
        reused.forEach(r -> byCollection.put(r.collection(), r));
        assertEquals(
                Set.of(JobScenario.COLLECTION, CrashRecords.OTHER_COLLECTION),
                byCollection.keySet());
        assertEquals(3, byCollection.get(JobScenario.COLLECTION).hitIds().length);
        assertEquals(0, byCollection.get(CrashRecords.OTHER_COLLECTION).hitIds().length);
        assertEquals(
                out.deadLetters().size(),
                KafkaTestClients.readCommitted(
                                ENV.bootstrapServers(), s.topic("d"), Duration.ofSeconds(30))
                        .size(),
                "a reused queryId is no dead letter");

        Map<String, String> got = new LinkedHashMap<>();
        Map<String, byte[]> letters = new LinkedHashMap<>();
        for (String json : out.deadLetters()) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            DeadLetter d = OutputJson.readDeadLetter(bytes);
            String where = d.sourceTopic() + "-" + d.partition() + "-" + d.offset();
            assertEquals(null, got.put(where, d.reason().code()), "dead-lettered twice: " + where);
            assertTrue(!d.detail().isEmpty(), where);
            letters.put(where, bytes);
        }
        // the reused subscriptionId is refused after parsing, by the id check, and still names the
        // coordinates of the record
        assertEquals(s.sentBad, got, "dead letters (where -> reason)");
        int i = 0;
        int crashes = 0;
        for (String where : s.sentBad.keySet()) {
            BadRecords.Bad bad = s.bad.get(indexOf(s, where));
            byte[] json = letters.get(where);
            DeadLetter d = OutputJson.readDeadLetter(json);
            if (details.containsKey(bad)) {
                crashes++;
                assertTrue(
                        d.detail().contains(details.get(bad)),
                        d.detail() + " lacks " + details.get(bad));
            }
            i++;
            if (bad.reason().equals("invalid")) {
                assertEquals(CrashRecords.REUSED_ID, new String(d.key(), StandardCharsets.UTF_8));
                continue;
            }
            byte[] sent = bad.value();
            int length = OutputJson.deadLetterValueLength(json);
            assertEquals(sent == null ? -1 : sent.length, length, where);
            byte[] copy = emptyToNull(d.value());
            if (sent != null && OutputJson.deadLetterTruncated(json)) {
                assertTrue(copy.length < sent.length, where);
                assertArrayEquals(Arrays.copyOf(sent, copy.length), copy, where);
            } else {
                assertArrayEquals(sent, copy, where);
            }
        }
        assertEquals(s.bad.size(), i);
        assertEquals(8, crashes, "each of the eight crash records dead-lettered once");

        Map<String, QueryResult> results = out.oneShot();
        assertEquals(s.queries.size(), results.size(), "good queries answered");
        Reference ref = new Reference();
        s.mutations.forEach(ref::apply);
        assertEquals(ref.live.keySet(), Set.of(results.get("all-live").hitIds()), "live ids");
    }

    /**
     * Sends two knn queries under one queryId back to back, to collections of different shard
     * counts, and returns the answers under that id once two have arrived.
     */
    private static List<QueryResult> sendReusedQueryId(JobScenario s) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = KafkaTestClients.producer(ENV.bootstrapServers())) {
            for (String collection :
                    List.of(JobScenario.COLLECTION, CrashRecords.OTHER_COLLECTION)) {
                Query q = Query.knn(REUSED_QUERY_ID, collection, JobScenario.probe(1), 3, 64, null);
                p.send(
                        new ProducerRecord<>(
                                s.topic("q"),
                                REUSED_QUERY_ID.getBytes(StandardCharsets.UTF_8),
                                InputRecords.json(q)));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answersTo(s).size() < 2) {
            assertTrue(
                    System.nanoTime() < deadline, "answers to the reused queryId: " + answersTo(s));
            Thread.sleep(200);
        }
        Thread.sleep(1_000); // a third answer would be a bug: give it time to show
        return answersTo(s);
    }

    private static List<QueryResult> answersTo(JobScenario s) {
        List<QueryResult> answers = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestClients.readCommitted(
                        ENV.bootstrapServers(), s.topic("r"), Duration.ofSeconds(30))) {
            if (OutputJson.readResult(r.value()) instanceof QueryResult q
                    && q.queryId().equals(REUSED_QUERY_ID)) {
                answers.add(q);
            }
        }
        return answers;
    }

    /** The bad record sent to {@code where}, by send order within its topic. */
    private static int indexOf(JobScenario s, String where) {
        boolean mutation = where.startsWith(s.topic("m") + "-");
        int nth = 0;
        for (String w : s.sentBad.keySet()) {
            if (w.equals(where)) {
                break;
            }
            if (w.startsWith(s.topic("m") + "-") == mutation) {
                nth++;
            }
        }
        for (int i = 0; i < s.bad.size(); i++) {
            if (s.bad.get(i).mutation() == mutation && nth-- == 0) {
                return i;
            }
        }
        throw new AssertionError("no bad record for " + where);
    }

    /** The job's numRestarts metric; the REST metric fetcher may need a few polls to have it. */
    private static long numRestarts(RestClusterClient<?> cluster, JobClient job) throws Exception {
        URI uri =
                URI.create(
                        cluster.getWebInterfaceURL()
                                + "/jobs/"
                                + job.getJobID()
                                + "/metrics?get=numRestarts");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> r =
                    http.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode metric = new ObjectMapper().readTree(r.body()).path(0);
            if (metric.path("id").asText().equals("numRestarts")) {
                return metric.path("value").asLong(-1);
            }
            assertTrue(System.nanoTime() < deadline, "no numRestarts metric: " + r.body());
            Thread.sleep(500);
        }
    }

    private static byte[] emptyToNull(byte[] v) {
        return v == null || v.length == 0 ? null : v;
    }
}
