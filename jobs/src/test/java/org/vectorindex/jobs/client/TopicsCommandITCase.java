package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;

/** {@code topics} against a real broker: creates, is idempotent, reports short topics. */
class TopicsCommandITCase {
    private static String run(String... args) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc =
                new TopicsCommand(new PrintStream(buf, true, StandardCharsets.UTF_8))
                        .run(List.of(args));
        assertEquals(0, rc);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void createsTheFourTopicsOnceAndReportsWhatExisted() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bs = broker.bootstrapServers();
            broker.createTopics(1, "queries");
            String first =
                    run(
                            "--bootstrap-servers", bs,
                            "--partitions", "3",
                            "--config", "retention.ms=-1",
                            "--kafka-property", "client.id=topics-test");
            assertTrue(first.contains("created mutations (3 partitions)"), first);
            assertTrue(first.contains("created results (3 partitions)"), first);
            assertTrue(first.contains("created dlq (3 partitions)"), first);
            assertTrue(
                    first.contains("exists  queries (1 partitions); WARNING: fewer than the 3"),
                    first);
            assertTrue(
                    first.contains(
                            "{\"created\":[\"mutations\",\"results\",\"dlq\"],"
                                    + "\"existed\":[\"queries\"],\"fewerPartitions\":[\"queries\"]}"),
                    first);

            String second = run("--bootstrap-servers", bs, "--partitions", "3");
            assertTrue(
                    second.contains(
                            "{\"created\":[],\"existed\":[\"mutations\",\"queries\",\"results\","
                                    + "\"dlq\"],\"fewerPartitions\":[\"queries\"]}"),
                    second);
            assertTrue(second.contains("exists  mutations (3 partitions)\n"), second);

            String renamed =
                    run(
                            "--bootstrap-servers", bs,
                            "--partitions", "1",
                            "--mutations-topic", "m2",
                            "--replication-factor", "1");
            assertTrue(renamed.contains("created m2 (1 partitions)"), renamed);

            try (Admin admin = broker.admin()) {
                var desc =
                        admin.describeTopics(List.of("mutations", "queries"))
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS);
                assertEquals(3, desc.get("mutations").partitions().size());
                assertEquals(1, desc.get("queries").partitions().size());
                ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, "mutations");
                String retention =
                        admin.describeConfigs(List.of(r))
                                .all()
                                .get(30, TimeUnit.SECONDS)
                                .get(r)
                                .get("retention.ms")
                                .value();
                assertEquals("-1", retention, "--config reaches new topics");
            }
        }
    }
}
