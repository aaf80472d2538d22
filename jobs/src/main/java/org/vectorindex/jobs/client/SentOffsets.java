package org.vectorindex.jobs.client;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka coordinates (topic, partition, offset) of the records one client sent, so dead letters,
 * which carry their source coordinates, can be attributed to this run and not to another producer.
 */
public final class SentOffsets {
    private record Partition(String topic, int partition) {}

    /** Offsets per partition, as bits relative to the first offset acknowledged there. */
    private static final class Offsets {
        final long base;
        final BitSet bits = new BitSet();

        Offsets(long base) {
            this.base = base;
        }
    }

    private final Map<Partition, Offsets> sent = new HashMap<>();

    /** Records an acknowledged send. */
    public synchronized void add(String topic, int partition, long offset) {
        Partition p = new Partition(topic, partition);
        Offsets o = sent.get(p);
        if (o == null || offset < o.base) {
            Offsets grown = new Offsets(offset);
            if (o != null) {
                Offsets old = o;
                old.bits.stream().forEach(b -> grown.bits.set((int) (old.base + b - offset)));
            }
            sent.put(p, grown);
            o = grown;
        }
        o.bits.set((int) (offset - o.base));
    }

    /** Whether this client sent the record at these coordinates. */
    public synchronized boolean contains(String topic, int partition, long offset) {
        Offsets o = sent.get(new Partition(topic, partition));
        return o != null && offset >= o.base && o.bits.get((int) (offset - o.base));
    }

    /** How many acknowledged records were recorded. */
    public synchronized long count() {
        long n = 0;
        for (Offsets o : sent.values()) {
            n += o.bits.cardinality();
        }
        return n;
    }
}
