package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.jobs.client.ClientOutput.lastJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.testing.JobArgs;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.jobs.testing.RunningJob;
import org.vectorindex.operators.shard.ShardKey;

/**
 * What the clients tell a user against a running job: {@code load} goes through the shard
 * partitioner and reports the dead letters its records caused, {@code query} reports rejected
 * queries instead of timing out, {@code query --stats} prints sizes and digests, and {@code
 * deadletters} prints the topic readably.
 */
class ClientDeadLettersITCase {
    private static final int DIM = 4;
    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.kafka();
    private final ClientOutput client = new ClientOutput(ENV, "mutations", "queries", "results");

    @TempDir Path tmp;

    @Test
    void clientsReportDeadLettersAndStats() throws Exception {
        Path good = tmp.resolve("good.fvecs");
        Path bad = tmp.resolve("bad.fvecs");
        VectorFiles.writeFvecs(good, ClusteredData.generate(40, DIM, 3, 0.1, 1));
        VectorFiles.writeFvecs(bad, ClusteredData.generate(10, DIM - 1, 2, 0.1, 2));
        Path collections =
                JobEnvironment.collectionsFile(
                        tmp,
                        "collections:\n  - name: c\n    dimension: "
                                + DIM
                                + "\n    metric: l2\n"
                                + "    shards: 4\n");
        String bs = ENV.bootstrapServers();
        client.run(
                new TopicsCommand(client.printer()),
                "--bootstrap-servers",
                bs,
                "--partitions",
                "4");
        JobArgs args =
                ENV.job(collections)
                        .topics("mutations", "queries", "results", "dlq")
                        .parallelism(2)
                        .stateBackend("heap")
                        .checkpointInterval("500ms");
        try (RunningJob job = args.start()) {
            String loaded =
                    client.load(
                            "c",
                            "--collections",
                            collections.toString(),
                            "--fvecs",
                            good.toString(),
                            "--await-applied",
                            "90s");
            assertTrue(loaded.contains("the job applied the load; 0 dead-lettered"), loaded);
            JsonNode summary = lastJson(loaded);
            assertEquals(40, summary.get("upserts").asLong(), loaded);
            assertTrue(summary.get("applied").asBoolean(), loaded);
            assertEquals(0, summary.get("deadLettered").asLong(), loaded);
            for (ConsumerRecord<byte[], byte[]> r :
                    KafkaTestClients.readCommitted(bs, "mutations", Duration.ofSeconds(30))) {
                String id = new String(r.key(), StandardCharsets.UTF_8);
                assertEquals(ShardKey.shardOf(id, 4) % 4, r.partition(), "partition of " + id);
            }

            String rejected =
                    client.loadExpecting(
                            1,
                            "c",
                            "--shards",
                            "4",
                            "--ids-from",
                            "1000",
                            "--fvecs",
                            bad.toString(),
                            "--await-applied",
                            "90s");
            assertTrue(
                    rejected.contains(
                            "10 of 10 records dead-lettered: 10 × wrong_dimension ('vector'"
                                    + " has 3 components"),
                    rejected);
            assertEquals(10, lastJson(rejected).get("deadLettered").asLong(), rejected);

            long start = System.nanoTime();
            String badQueries =
                    client.queryExpecting(
                            1,
                            "c",
                            "--fvecs",
                            bad.toString(),
                            "--limit",
                            "2",
                            "--id-prefix",
                            "bad",
                            "--timeout",
                            "60s");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 45, "waited for the timeout: " + seconds + " s");
            assertTrue(
                    badQueries.contains("2 of 2 queries dead-lettered: 2 × wrong_dimension"),
                    badQueries);
            assertTrue(badQueries.contains("dead-lettered wrong_dimension queries/"), badQueries);
            assertEquals(2, lastJson(badQueries).get("deadLettered").asLong(), badQueries);
            assertEquals(0, lastJson(badQueries).get("answered").asLong(), badQueries);

            String stats = client.query("c", "--stats", "--id-prefix", "st", "--timeout", "60s");
            assertTrue(stats.contains("stats st-stats 'c': 40 vectors in 4 shards"), stats);
            assertEquals(
                    4,
                    stats.lines()
                            .filter(l -> l.matches("  shard \\d: size \\d+, digest [0-9a-f]{16}"))
                            .count(),
                    stats);

            String letters =
                    client.run(
                            new DeadLettersCommand(client.printer()),
                            "--bootstrap-servers",
                            bs,
                            "--from-beginning",
                            "--max",
                            "12",
                            "--timeout",
                            "30s");
            assertEquals(
                    12,
                    letters.lines().filter(l -> l.startsWith("wrong_dimension ")).count(),
                    letters);
            assertTrue(letters.contains("wrong_dimension mutations/"), letters);
            assertTrue(letters.contains(" key=1000: "), letters);
            assertTrue(letters.contains("| {\"op\":\"upsert\",\"collection\":\"c\""), letters);
            assertEquals(12, lastJson(letters).get("deadLetters").asLong(), letters);
            assertEquals(12, lastJson(letters).get("byReason").get("wrong_dimension").asLong());
        }
    }
}
