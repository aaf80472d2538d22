package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.testing.JobArgs;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.jobs.testing.RunningJob;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;

/**
 * A job restarted without its state (a new state directory, the same consumer group) rebuilds the
 * whole index from the mutations topic's earliest offset, and reads queries from the group's
 * committed offsets: no query asked of the first job is answered again, and every query sent while
 * no job ran is answered once. The rebuilt shards equal the reference built from every mutation.
 */
class StatelessRestartITCase {
    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.onMiniCluster(1);

    @Test
    void restartWithoutStateRebuildsFromEarliestAndAnswersEachQueryOnce(@TempDir Path dir)
            throws Exception {
        JobScenario s = JobScenario.generate("stateless", 11, 300, 0, 30, 16, false);
        s.createTopics(ENV.broker());
        Path collections = JobScenario.collectionsFile(dir);

        try (RunningJob first = withStateDir(s, collections, dir.resolve("state-a")).start()) {
            s.drive(ENV.broker(), Duration.ofSeconds(120));
            awaitGroupCommitted(s.topic("q"), s.topic("m"), "stateless", Duration.ofSeconds(60));
        }

        List<Query> whileDown = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            whileDown.add(
                    Query.knn(
                            "down-" + i,
                            JobScenario.COLLECTION,
                            s.queries.get(i).vector(),
                            10,
                            16,
                            null));
        }
        try (KafkaProducer<byte[], byte[]> p = KafkaTestClients.producer(ENV.bootstrapServers())) {
            for (Query q : whileDown) {
                p.send(
                        new ProducerRecord<>(
                                s.topic("q"), InputRecords.key(q), InputRecords.json(q)));
            }
        }

        Reference ref = new Reference();
        for (Mutation m : s.mutations) {
            ref.apply(m);
        }
        long expectedSize = ref.live.size();

        JobScenario.Outputs out;
        StatsResult rebuilt;
        try (RunningJob second = withStateDir(s, collections, dir.resolve("state-b")).start()) {
            // Queries do not wait for the replay of the mutations topic: ask until it is done.
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (int i = 0; ; i++) {
                String id = "stats-rebuilt-" + i;
                send(s.topic("q"), Query.stats(id, JobScenario.COLLECTION));
                out = awaitAnswered(s, List.of(id), Duration.ofSeconds(120));
                rebuilt = stats(out, id);
                if (rebuilt.totalSize() == expectedSize || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(500);
            }
            List<String> down = whileDown.stream().map(Query::id).toList();
            out = awaitAnswered(s, down, Duration.ofSeconds(60));
        }

        Map<String, QueryResult> oneShot = out.oneShot(); // fails on a query answered twice
        for (Query q : s.queries) {
            assertTrue(oneShot.containsKey(q.id()), q.id() + " unanswered");
        }
        for (Query q : whileDown) {
            assertTrue(oneShot.containsKey(q.id()), q.id() + " sent while down, unanswered");
        }
        assertEquals(s.queries.size() + whileDown.size(), oneShot.size(), "one-shot answers");
        ref.assertSameShards(rebuilt);
    }

    private static StatsResult stats(JobScenario.Outputs out, String id) {
        List<StatsResult> all =
                out.results().stream()
                        .filter(r -> r instanceof StatsResult st && st.queryId().equals(id))
                        .map(r -> (StatsResult) r)
                        .toList();
        assertEquals(1, all.size(), "answers to " + id);
        return all.get(0);
    }

    private static void send(String topic, Query q) {
        try (KafkaProducer<byte[], byte[]> p = KafkaTestClients.producer(ENV.bootstrapServers())) {
            p.send(new ProducerRecord<>(topic, InputRecords.key(q), InputRecords.json(q)));
        }
    }

    private static JobArgs withStateDir(JobScenario s, Path collections, Path stateDir) {
        return s.jobArgs(ENV.broker(), collections, 1).stateDir(stateDir);
    }

    private static JobScenario.Outputs awaitAnswered(
            JobScenario s, List<String> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobScenario.Outputs out = s.read(ENV.broker());
            List<String> keys = out.results().stream().map(ResultRecord::key).toList();
            if (keys.containsAll(ids)) {
                return out;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + ids);
            }
            Thread.sleep(300);
        }
    }

    /** Waits until the group's committed offsets reach the end of both input topics. */
    private static void awaitGroupCommitted(
            String queries, String mutations, String group, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ENV.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            List<TopicPartition> parts =
                    List.of(new TopicPartition(queries, 0), new TopicPartition(mutations, 0));
            Map<TopicPartition, Long> end = new java.util.HashMap<>();
            for (TopicPartition tp : parts) {
                end.put(
                        tp,
                        admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                                .partitionResult(tp)
                                .get()
                                .offset());
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done =
                        parts.stream()
                                .allMatch(
                                        tp ->
                                                committed.get(tp) != null
                                                        && committed.get(tp).offset()
                                                                >= end.get(tp));
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group offsets not committed: " + committed);
                }
                Thread.sleep(300);
            }
        }
    }
}
