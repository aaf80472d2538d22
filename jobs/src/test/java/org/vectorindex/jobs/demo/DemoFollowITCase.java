package org.vectorindex.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.testing.ChildJvm;

/**
 * {@code demo --follow} from the packaged jar, as a user starts it: it prints {@code dashboard:
 * http://127.0.0.1:PORT/}, {@code /api/snapshot} there answers with every contract key and the
 * demo's collection with its shards, and a SIGTERM (Ctrl-C) ends it cleanly.
 */
class DemoFollowITCase {
    private static final Path JAR = ChildJvm.JAR;
    private static final Pattern DASHBOARD =
            Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:(\\d+)/)");

    @TempDir Path tmp;

    @Test
    void followPrintsTheDashboardAndServesTheSnapshot() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run in mvn verify, after package: " + JAR);
        Path file = tmp.resolve("clustered.fvecs");
        VectorFiles.writeFvecs(file, ClusteredData.generate(230, 16, 8, 0.1, 9));
        Process p =
                ChildJvm.start(
                        "-Xmx1g",
                        "-jar",
                        JAR.toString(),
                        "demo",
                        "--follow",
                        "--dashboard-port",
                        "0",
                        "--fvecs",
                        file.toString(),
                        "--metric",
                        "l2",
                        "--docs",
                        "200",
                        "--queries",
                        "20",
                        "--subscriptions",
                        "2",
                        "--state-backend",
                        "heap");
        StringBuilder output = new StringBuilder();
        CompletableFuture<Matcher> line = new CompletableFuture<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    p.getInputStream(), StandardCharsets.UTF_8))) {
                                for (String s; (s = r.readLine()) != null; ) {
                                    synchronized (output) {
                                        output.append(s).append('\n');
                                    }
                                    Matcher m = DASHBOARD.matcher(s);
                                    if (m.find()) {
                                        line.complete(m);
                                    }
                                }
                            } catch (Exception e) {
                                line.completeExceptionally(e);
                            }
                            line.completeExceptionally(new AssertionError("no dashboard line"));
                        },
                        "demo-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Matcher m = line.get(3, TimeUnit.MINUTES);
            assertTrue(Integer.parseInt(m.group(2)) > 0, m.group());
            JsonNode s = awaitStats(m.group(1) + "api/snapshot");
            for (String key :
                    List.of(
                            "collections",
                            "rates",
                            "latencyMs",
                            "checkpoints",
                            "recall",
                            "subscriptions",
                            "deadLetters")) {
                assertTrue(s.has(key), key + " missing in " + s);
            }
            JsonNode c = s.get("collections").get(0);
            assertEquals("demo", c.get("name").asText());
            assertTrue(c.has("liveVectors"), c.toString());
            JsonNode shard = c.get("shards").get(0);
            for (String key : List.of("shard", "size", "digest")) {
                assertTrue(shard.has(key), key + " missing in " + shard);
            }
            for (String key :
                    List.of(
                            "upsertsPerSecond",
                            "deletesPerSecond",
                            "queriesPerSecond",
                            "subscriptionUpdatesPerSecond")) {
                assertTrue(s.get("rates").has(key), key);
            }
            for (String w : List.of("inJob", "endToEnd")) {
                assertTrue(s.get("latencyMs").get(w).has("p50"), w);
                assertTrue(s.get("latencyMs").get(w).has("p99"), w);
            }
            for (String key : List.of("lastCompletedId", "lastDurationMs", "lastSizeBytes")) {
                assertTrue(s.get("checkpoints").has(key), key);
            }
            assertTrue(s.get("recall").has("sampledAtK") && s.get("recall").has("samples"));
            assertTrue(s.get("deadLetters").has("total") && s.get("deadLetters").has("byReason"));
        } finally {
            p.destroy(); // SIGTERM, as Ctrl-C: the demo stops its job and broker
            boolean ended = p.waitFor(90, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            synchronized (output) {
                assertTrue(ended, "demo did not end on SIGTERM:\n" + output);
            }
        }
    }

    /** The snapshot once it holds the demo collection's per-shard stats. */
    private static JsonNode awaitStats(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            var r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url)).build(),
                            BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode s = new ObjectMapper().readTree(r.body());
            JsonNode c = s.path("collections").path(0);
            if (c.path("shards").size() > 0) {
                return s;
            }
            assertTrue(System.nanoTime() < deadline, "no stats on the page: " + r.body());
            Thread.sleep(500);
        }
    }
}
