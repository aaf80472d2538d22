package org.vectorindex.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.annotation.Internal;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics idempotently: missing ones are created, existing ones are left as they are and
 * reported with their partition count, so running it twice is harmless and a topic with fewer
 * partitions than asked is visible rather than silently accepted.
 */
@Internal
public final class TopicCreator {
    private TopicCreator() {}

    /** What happened to one topic. */
    public record Outcome(String topic, boolean created, int partitions, int requested) {
        /** An existing topic has fewer partitions than were asked for. */
        public boolean fewerThanRequested() {
            return !created && requested > 0 && partitions < requested;
        }

        /** One line for a person. */
        public String describe() {
            if (created) {
                return "created " + topic + " (" + partitions + " partitions)";
            }
            return "exists  "
                    + topic
                    + " ("
                    + partitions
                    + " partitions)"
                    + (fewerThanRequested()
                            ? "; WARNING: fewer than the "
                                    + requested
                                    + " asked for, left unchanged (kafka-topics --alter"
                                    + " --partitions can add partitions, which moves keys)"
                            : "");
        }
    }

    /**
     * @param partitions partitions of new topics (at least 1)
     * @param replicationFactor replication factor of new topics; -1 for the broker's default
     * @param configs topic configs of new topics (e.g. retention.ms); existing topics keep theirs
     */
    public static List<Outcome> create(
            Admin admin,
            List<String> topics,
            int partitions,
            int replicationFactor,
            Map<String, String> configs,
            Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        List<NewTopic> requests = new ArrayList<>();
        for (String t : topics) {
            requests.add(
                    new NewTopic(
                                    t,
                                    Optional.of(partitions),
                                    replicationFactor < 0
                                            ? Optional.empty()
                                            : Optional.of((short) replicationFactor))
                            .configs(configs));
        }
        Map<String, Boolean> created = new LinkedHashMap<>();
        try {
            for (var e : admin.createTopics(requests).values().entrySet()) {
                try {
                    e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.put(e.getKey(), true);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topic " + e.getKey() + ": " + ex.getCause(), ex);
                    }
                    created.put(e.getKey(), false);
                }
            }
            List<String> existing = new ArrayList<>();
            created.forEach(
                    (t, c) -> {
                        if (!c) {
                            existing.add(t);
                        }
                    });
            // only existing topics are described: a just-created one may not be in metadata yet
            Map<String, TopicDescription> described =
                    existing.isEmpty()
                            ? Map.of()
                            : admin.describeTopics(existing)
                                    .allTopicNames()
                                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<Outcome> out = new ArrayList<>();
            for (String t : topics) {
                boolean c = created.get(t);
                out.add(
                        new Outcome(
                                t,
                                c,
                                c ? partitions : described.get(t).partitions().size(),
                                partitions));
            }
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        }
    }
}
