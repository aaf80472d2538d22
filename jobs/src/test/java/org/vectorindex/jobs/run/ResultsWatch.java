package org.vectorindex.jobs.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.operators.model.ResultRecord;

/**
 * Reads a results topic with read_committed as results are committed, in a background thread, so a
 * test can see when output arrives (after a kill, after a resume) without re-reading the topic.
 */
final class ResultsWatch implements AutoCloseable {
    private final Map<String, ResultRecord> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong firstAfterKill = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean open = true;
    private final Thread thread;
    private final Consumer<ResultRecord> listener;

    ResultsWatch(String bootstrap, String topic) {
        this(bootstrap, topic, r -> {});
    }

    /** As above, also handing every committed record to {@code listener}, on the reader thread. */
    ResultsWatch(String bootstrap, String topic, Consumer<ResultRecord> listener) {
        this.listener = listener;
        thread = new Thread(() -> read(bootstrap, topic), "results-watch-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Sleeps a little; false when interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void read(String bootstrap, String topic) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // a topic created moments ago may have no partition metadata yet
            while (parts.isEmpty() && open && System.nanoTime() < deadline) {
                for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                    parts.add(new TopicPartition(topic, info.partition()));
                }
                if (parts.isEmpty() && !pause()) {
                    return;
                }
            }
            if (parts.isEmpty()) {
                return; // closed, or the topic never appeared: the awaits fail with their counts
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            while (open) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    ResultRecord rr = OutputJson.readResult(r.value());
                    byKey.put(rr.key(), rr);
                    listener.accept(rr);
                    count.incrementAndGet();
                    if (now > killedAt.get()) {
                        firstAfterKill.compareAndSet(Long.MAX_VALUE, now);
                    }
                }
            }
        }
    }

    /** From now on, {@link #awaitFirstAfterKill} waits for a record that arrives after this. */
    void markKill() {
        firstAfterKill.set(Long.MAX_VALUE);
        killedAt.set(System.nanoTime());
    }

    /** The {@code System.nanoTime()} at which the first record committed after the kill arrived. */
    long awaitFirstAfterKill(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (firstAfterKill.get() == Long.MAX_VALUE) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no result committed after the kill");
            }
            Thread.sleep(20);
        }
        return firstAfterKill.get();
    }

    void awaitCount(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count.get() + " results, waited for " + n);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until every key has a committed result, and returns the latest result by key. */
    Map<String, Object> awaitKeys(List<String> keys, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!byKey.keySet().containsAll(keys)) {
            if (System.nanoTime() > deadline) {
                List<String> missing = keys.stream().filter(k -> !byKey.containsKey(k)).toList();
                throw new AssertionError("no committed result for " + missing);
            }
            Thread.sleep(20);
        }
        return Map.copyOf(byKey);
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        thread.join(5_000);
    }
}
