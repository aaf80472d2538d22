package org.vectorindex.state.keyed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.IndexMeta;
import org.vectorindex.state.hnsw.Int8NodeRecord;
import org.vectorindex.state.hnsw.NodeRecord;

/**
 * The HNSW indexes of a keyed operator: an in-memory working form per key, with Flink keyed state
 * as its durable image, written as an append-only change log. See the package documentation for
 * why.
 *
 * <p>Use from a keyed function: create in {@code open()}, call {@link #current} in {@code
 * processElement} to get the index of the current key, mutate it, then call {@link #persist} so the
 * changed nodes reach keyed state before the next checkpoint.
 */
@Internal
public final class KeyedHnswState {
    /** The log is rewritten as a fresh image once it holds this many entries per ordinal. */
    static final int REWRITE_ENTRIES_PER_ORDINAL = 4;

    private static final int MIN_ENTRIES_BEFORE_REWRITE = 1024;

    private final RuntimeContext runtimeContext;
    private final String name;
    private final MapState<Long, LogRecord> legacyLog;
    private final Map<Object, MapState<Long, LogRecord>> logs = new HashMap<>();
    private final ValueState<IndexMeta> meta;
    private final ValueState<Long> logLength;
    private final Map<Object, Working> working = new HashMap<>();

    /** Registers the keyed state this needs; call from {@code open()}. */
    public KeyedHnswState(RuntimeContext runtimeContext) {
        this(runtimeContext, "hnsw");
    }

    /** As above, with a state-name prefix so one operator can hold several index families. */
    public KeyedHnswState(RuntimeContext runtimeContext, String name) {
        this.runtimeContext = runtimeContext;
        this.name = name;
        this.legacyLog = runtimeContext.getMapState(logDescriptor(name + "-log"));
        this.meta =
                runtimeContext.getState(
                        new ValueStateDescriptor<>(name + "-meta", IndexMetaSerializer.INSTANCE));
        this.logLength =
                runtimeContext.getState(
                        new ValueStateDescriptor<>(name + "-log-length", LongSerializer.INSTANCE));
    }

    private static MapStateDescriptor<Long, LogRecord> logDescriptor(String stateName) {
        return new MapStateDescriptor<>(
                stateName, LongSerializer.INSTANCE, LogRecordSerializer.INSTANCE);
    }

    /**
     * The current key's log: a state of its own per key, so that on RocksDB (one column family per
     * state) each log's keys only ever grow, even when several shards share an instance.
     * Interleaved in one column family, every shard's new tail would overlap every other shard's
     * files, and each compaction, and so each incremental checkpoint, would rewrite them all.
     */
    private MapState<Long, LogRecord> logOf(Object currentKey) {
        return logs.computeIfAbsent(
                currentKey, k -> runtimeContext.getMapState(logDescriptor(name + "-log@" + k)));
    }

    /**
     * The index of the current key, loaded from keyed state on first use after a restore or
     * rescale, or created empty with {@code config}.
     */
    public HnswIndex current(Object currentKey, HnswConfig config) throws Exception {
        Working w = working.get(currentKey);
        if (w == null) {
            w = load(currentKey, config);
            working.put(currentKey, w);
        }
        return w.index;
    }

    private Working load(Object currentKey, HnswConfig config) throws Exception {
        IndexMeta stored = meta.value();
        if (stored == null) {
            return new Working(new HnswIndex(config), logOf(currentKey), 0);
        }
        MapState<Long, LogRecord> log = logOf(currentKey);
        // State written before logs had a state per key is in the shared log: read it, and
        // move it to the key's own log at the next persist.
        boolean legacy = log.isEmpty() && !legacyLog.isEmpty();
        List<Map.Entry<Long, LogRecord>> entries = new ArrayList<>();
        for (Map.Entry<Long, LogRecord> e : (legacy ? legacyLog : log).entries()) {
            entries.add(Map.entry(e.getKey(), e.getValue()));
        }
        // RocksDB iterates in key order, the heap backend does not: replay in sequence order.
        entries.sort(Map.Entry.comparingByKey());
        Map<Integer, NodeRecord> nodes = new HashMap<>();
        Map<Integer, Int8NodeRecord> int8Nodes = new HashMap<>();
        Map<Integer, int[][]> links = new HashMap<>();
        for (Map.Entry<Long, LogRecord> e : entries) {
            LogRecord r = e.getValue();
            switch (r.kind()) {
                case NODE -> nodes.put(r.ordinal(), r.node());
                case INT8_NODE -> int8Nodes.put(r.ordinal(), r.int8Node());
                case LINKS -> links.put(r.ordinal(), r.links());
                case FREE -> {
                    nodes.remove(r.ordinal());
                    int8Nodes.remove(r.ordinal());
                    links.remove(r.ordinal());
                }
            }
        }
        Long length = logLength.value();
        Working w =
                new Working(
                        HnswIndex.restore(config, stored, nodes, int8Nodes, links),
                        log,
                        length == null ? 0 : length);
        w.migrate = legacy;
        return w;
    }

    /** Writes what changed in the current key's index since the last call to keyed state. */
    public void persist(Object currentKey) throws Exception {
        Working w = working.get(currentKey);
        if (w == null) {
            return;
        }
        HnswIndex index = w.index;
        boolean metaChanged = index.metaChanged();
        long before = w.nextSequence;
        w.appendChanges();
        if (w.failure != null) {
            Exception failure = w.failure;
            w.failure = null;
            throw failure;
        }
        int ordinals = index.meta().ordinalLimit();
        if (w.migrate
                || w.nextSequence
                        > (long) REWRITE_ENTRIES_PER_ORDINAL * ordinals
                                + MIN_ENTRIES_BEFORE_REWRITE) {
            rewrite(w);
            if (w.migrate) {
                legacyLog.clear();
                w.migrate = false;
            }
        }
        if (metaChanged) {
            meta.update(index.meta());
        }
        if (w.nextSequence != before) {
            logLength.update(w.nextSequence);
        }
    }

    /**
     * Replaces the log by a fresh image of the index. It costs one write of the whole index, paid
     * once per {@link #REWRITE_ENTRIES_PER_ORDINAL} entries per ordinal of changes, so the bytes
     * written stay proportional to the changes, and a restore replays at most that many entries.
     */
    private void rewrite(Working w) throws Exception {
        MapState<Long, LogRecord> log = w.log;
        log.clear();
        w.nextSequence = 0;
        int limit = w.index.meta().ordinalLimit();
        for (int ordinal = 0; ordinal < limit; ordinal++) {
            LogRecord node = nodeEntry(w.index, ordinal);
            if (node.kind() != LogRecord.Kind.FREE) {
                log.put(w.nextSequence++, node);
                log.put(w.nextSequence++, LogRecord.links(ordinal, w.index.links(ordinal)));
            }
        }
    }

    /** The log entry of an ordinal's payload in the index's encoding, FREE if it is free. */
    private static LogRecord nodeEntry(HnswIndex index, int ordinal) {
        if (index.int8()) {
            Int8NodeRecord node = index.int8NodeRecord(ordinal);
            return node == null ? LogRecord.free(ordinal) : LogRecord.int8Node(ordinal, node);
        }
        NodeRecord node = index.nodeRecord(ordinal);
        return node == null ? LogRecord.free(ordinal) : LogRecord.node(ordinal, node);
    }

    /** Drops the current key's index and its state, e.g. when a collection is removed. */
    public void clear(Object currentKey) {
        working.remove(currentKey);
        logOf(currentKey).clear();
        legacyLog.clear();
        meta.clear();
        logLength.clear();
    }

    /** A key's index with the next free log sequence number. */
    private final class Working {
        final HnswIndex index;
        final MapState<Long, LogRecord> log;
        long nextSequence;
        Exception failure;
        boolean migrate;

        Working(HnswIndex index, MapState<Long, LogRecord> log, long nextSequence) {
            this.index = index;
            this.log = log;
            this.nextSequence = nextSequence;
        }

        void appendChanges() {
            index.drainChanges(this::appendNode, this::appendLinks);
        }

        private void appendNode(int ordinal) {
            append(nodeEntry(index, ordinal));
        }

        private void appendLinks(int ordinal) {
            int[][] links = index.links(ordinal);
            append(links == null ? LogRecord.free(ordinal) : LogRecord.links(ordinal, links));
        }

        private void append(LogRecord record) {
            if (failure != null) {
                return;
            }
            try {
                log.put(nextSequence++, record);
            } catch (Exception e) {
                failure = e;
            }
        }
    }
}
