package org.vectorindex.jobs.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.operators.model.DeadLetter;

/**
 * Follows the dead-letter topic ({@code read_committed}, from its end when started) and keeps the
 * dead letters whose source is one topic, so a client can report which of its own records the job
 * rejected and why. A record is one of ours when its source partition and offset are among the ones
 * we sent; dead letters raised by operators have no offset and are matched by key instead.
 */
public final class DeadLetterWatch implements AutoCloseable {
    private final TopicTail tail;
    private final String sourceTopic;
    private final List<DeadLetter> seen = new ArrayList<>();

    private DeadLetterWatch(
            String bootstrap, Properties props, String dlqTopic, String sourceTopic) {
        this.sourceTopic = sourceTopic;
        Consumer<ConsumerRecord<byte[], byte[]>> handler = this::accept;
        this.tail = TopicTail.start(bootstrap, props, dlqTopic, Duration.ofSeconds(10), handler);
    }

    /** A watch, or null when the dead-letter topic does not exist (nothing to report from). */
    public static DeadLetterWatch startOrNull(
            String bootstrap, Properties props, String dlqTopic, String sourceTopic) {
        try {
            return new DeadLetterWatch(bootstrap, props, dlqTopic, sourceTopic);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        DeadLetter d;
        try {
            d = OutputJson.readDeadLetter(r.value());
        } catch (RuntimeException e) {
            return; // not a dead letter of this job's format
        }
        if (sourceTopic.equals(d.sourceTopic())) {
            synchronized (seen) {
                seen.add(d);
            }
        }
    }

    /** The dead letters so far that our records caused. */
    public List<DeadLetter> ours(SentOffsets sent, Set<String> keys) {
        List<DeadLetter> out = new ArrayList<>();
        synchronized (seen) {
            for (DeadLetter d : seen) {
                boolean mine =
                        d.offset() >= 0
                                ? sent.contains(d.sourceTopic(), d.partition(), d.offset())
                                : d.key() != null
                                        && keys.contains(
                                                new String(
                                                        d.key(),
                                                        java.nio.charset.StandardCharsets.UTF_8));
                if (mine) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        tail.close();
    }
}
