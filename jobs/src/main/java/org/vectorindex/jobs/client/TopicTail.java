package org.vectorindex.jobs.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows a topic on a background thread, reading {@code read_committed} from the offsets that are
 * current when {@link #start} returns, and hands each record to a callback. Starting at the end
 * (rather than the beginning) means a client sees only answers to what it sends after starting, not
 * the topic's history.
 */
public final class TopicTail implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;

    private TopicTail(
            KafkaConsumer<byte[], byte[]> consumer,
            String topic,
            Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        this.consumer = consumer;
        this.thread = new Thread(() -> loop(handler), "tail-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * Positions a reader at the current end of every partition of {@code topic}, then starts
     * polling. The callback runs on the tail's thread; it must not block for long.
     */
    public static TopicTail start(
            String bootstrap,
            Properties clientProperties,
            String topic,
            Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        return start(bootstrap, clientProperties, topic, timeout, false, handler);
    }

    /** As above; {@code fromBeginning} reads the topic's whole retained history first. */
    public static TopicTail start(
            String bootstrap,
            Properties clientProperties,
            String topic,
            Duration timeout,
            boolean fromBeginning,
            Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        KafkaConsumer<byte[], byte[]> c = KafkaClients.committedReader(bootstrap, clientProperties);
        try {
            List<PartitionInfo> infos = c.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic '" + topic + "' does not exist");
            }
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : infos) {
                parts.add(new TopicPartition(topic, info.partition()));
            }
            c.assign(parts);
            if (fromBeginning) {
                c.seekToBeginning(parts);
            } else {
                c.seekToEnd(parts);
            }
            for (TopicPartition p : parts) {
                c.position(p, timeout); // resolve now, so later records are never skipped
            }
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        TopicTail tail = new TopicTail(c, topic, handler);
        tail.thread.start();
        return tail;
    }

    private void loop(Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    handler.accept(r);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (Throwable t) {
            failure = t;
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    /** The error that stopped the reader, or null. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
