package org.vectorindex.jobs.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when the job has applied everything that is now in an input topic, from outside the job.
 *
 * <p>The job's Kafka source commits its offsets to its consumer group when a checkpoint completes.
 * A completed checkpoint whose source position is past a record means the checkpoint barrier, which
 * follows that record on every channel, has passed every operator (checkpoints are aligned and
 * exactly-once), so the record's mutation is in the index. Waiting until the committed offsets
 * reach the end offsets taken now therefore waits until every record sent so far is applied.
 *
 * <p>Cost: Flink's Kafka reader commits from its fetch thread, which waits up to 10 s in {@code
 * poll} when the topic is idle, so on an idle topic this takes up to about 10 s more than the
 * processing itself.
 */
public final class AppliedOffsets {
    private AppliedOffsets() {}

    /**
     * @return true once group {@code groupId} has committed at least the current end offset of
     *     every partition of {@code topic}; false if {@code timeout} passed first
     */
    public static boolean await(Admin admin, String groupId, String topic, Duration timeout)
            throws Exception {
        var description =
                admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description
                .get(topic)
                .partitions()
                .forEach(
                        p ->
                                latest.put(
                                        new TopicPartition(topic, p.partition()),
                                        OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest)
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> end.put(tp, info.offset()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId)
                            .partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS);
            if (reached(end, committed)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
    }

    static boolean reached(
            Map<TopicPartition, Long> end, Map<TopicPartition, OffsetAndMetadata> committed) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (e.getValue() > 0 && (c == null || c.offset() < e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
