package org.vectorindex.jobs.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Takes each record, and whether it was in the topic before the tail started. */
    public interface HistoryHandler {
        void accept(ConsumerRecord<byte[], byte[]> record, boolean history);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Integer, Long> historyEnd;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;

    private TopicTail(
            KafkaConsumer<byte[], byte[]> consumer,
            String topic,
            Map<Integer, Long> historyEnd,
            HistoryHandler handler) {
        this.consumer = consumer;
        this.historyEnd = historyEnd;
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
        return start(
                bootstrap,
                clientProperties,
                topic,
                timeout,
                fromBeginning,
                (r, history) -> handler.accept(r));
    }

    /**
     * As above, telling the handler which records were already in the topic when the tail started
     * (all before its committed end then), so that history can be replayed into state without
     * counting as live.
     */
    public static TopicTail startWithHistory(
            String bootstrap,
            Properties clientProperties,
            String topic,
            Duration timeout,
            HistoryHandler handler) {
        return start(bootstrap, clientProperties, topic, timeout, true, handler);
    }

    private static TopicTail start(
            String bootstrap,
            Properties clientProperties,
            String topic,
            Duration timeout,
            boolean fromBeginning,
            HistoryHandler handler) {
        Map<Integer, Long> historyEnd = new HashMap<>();
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
                c.endOffsets(parts, timeout)
                        .forEach((tp, end) -> historyEnd.put(tp.partition(), end));
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
        TopicTail tail = new TopicTail(c, topic, historyEnd, handler);
        tail.thread.start();
        return tail;
    }

    private void loop(HistoryHandler handler) {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    handler.accept(r, r.offset() < historyEnd.getOrDefault(r.partition(), 0L));
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
