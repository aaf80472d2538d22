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
import org.apache.flink.runtime.util.LongArrayList;
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

    static final int MIN_ENTRIES_BEFORE_REWRITE = 1024;

    /**
     * Entries per stored chunk: about 0.6 MB of 128-d float vectors, few enough values that a
     * rewrite deletes a handful, small enough that a chunk is a modest RocksDB value.
     */
    static final int CHUNK_ENTRIES = 1024;

    private final RuntimeContext runtimeContext;
    private final String name;
    private final MapState<Long, LogRecord> legacyLog;
    private final Map<Object, MapState<Long, LogChunk>> logs = new HashMap<>();
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
        this.legacyLog = runtimeContext.getMapState(entryLogDescriptor(name + "-log"));
        this.meta =
                runtimeContext.getState(
                        new ValueStateDescriptor<>(name + "-meta", IndexMetaSerializer.INSTANCE));
        this.logLength =
                runtimeContext.getState(
                        new ValueStateDescriptor<>(name + "-log-length", LongSerializer.INSTANCE));
    }

    private static MapStateDescriptor<Long, LogRecord> entryLogDescriptor(String stateName) {
        return new MapStateDescriptor<>(
                stateName, LongSerializer.INSTANCE, LogRecordSerializer.INSTANCE);
    }

    /**
     * The current key's log: a state of its own per key, so that on RocksDB (one column family per
     * state) each log's keys only ever grow, even when several shards share an instance.
     * Interleaved in one column family, every shard's new tail would overlap every other shard's
     * files, and each compaction, and so each incremental checkpoint, would rewrite them all.
     */
    private MapState<Long, LogChunk> logOf(Object currentKey) {
        return logs.computeIfAbsent(
                currentKey,
                k ->
                        runtimeContext.getMapState(
                                new MapStateDescriptor<>(
                                        name + "-chunks@" + k,
                                        LongSerializer.INSTANCE,
                                        LogChunkSerializer.INSTANCE)));
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
        MapState<Long, LogChunk> log = logOf(currentKey);
        Long length = logLength.value();
        Working w = new Working(log, length == null ? 0 : length);
        if (stored == null) {
            w.index = new HnswIndex(config);
            return w;
        }
        List<Map.Entry<Long, LogChunk>> chunks = inSequence(log);
        Replay replay = new Replay();
        if (chunks.isEmpty()) {
            w.migrateFrom = earlierLog(currentKey);
            for (Map.Entry<Long, LogRecord> e : inSequence(w.migrateFrom)) {
                replay.apply(e.getValue());
            }
        }
        for (Map.Entry<Long, LogChunk> e : chunks) {
            w.chunkStarts.add(e.getKey());
            for (LogRecord r : e.getValue().records()) {
                replay.apply(r);
            }
        }
        w.firstSequence = chunks.isEmpty() ? w.nextSequence : chunks.get(0).getKey();
        w.index = HnswIndex.restore(config, stored, replay.nodes, replay.int8Nodes, replay.links);
        return w;
    }

    /**
     * Where state written by earlier releases keeps the key's log, one entry per value: in a state
     * of the key's own, or before that in one state shared by all keys. It is read once and moved
     * to chunks at the next persist.
     */
    private MapState<Long, LogRecord> earlierLog(Object currentKey) throws Exception {
        MapState<Long, LogRecord> own = ownEntryLog(currentKey);
        return own.isEmpty() && !legacyLog.isEmpty() ? legacyLog : own;
    }

    private MapState<Long, LogRecord> ownEntryLog(Object currentKey) {
        return runtimeContext.getMapState(entryLogDescriptor(name + "-log@" + currentKey));
    }

    /** RocksDB iterates in key order, the heap backend does not: replay in sequence order. */
    private static <V> List<Map.Entry<Long, V>> inSequence(MapState<Long, V> log) throws Exception {
        List<Map.Entry<Long, V>> entries = new ArrayList<>();
        for (Map.Entry<Long, V> e : log.entries()) {
            entries.add(Map.entry(e.getKey(), e.getValue()));
        }
        entries.sort(Map.Entry.comparingByKey());
        return entries;
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
        int ordinals = index.meta().ordinalLimit();
        if (w.migrateFrom != null
                || w.nextSequence - w.firstSequence
                        > (long) REWRITE_ENTRIES_PER_ORDINAL * ordinals
                                + MIN_ENTRIES_BEFORE_REWRITE) {
            rewrite(w);
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
     * The image goes after the old chunks, so the log's keys keep growing, then the old chunks are
     * deleted: one delete per chunk.
     */
    private void rewrite(Working w) throws Exception {
        long[] old = w.chunkStarts.toArray();
        w.chunkStarts.clear();
        w.firstSequence = w.nextSequence;
        int limit = w.index.meta().ordinalLimit();
        for (int ordinal = 0; ordinal < limit; ordinal++) {
            LogRecord node = nodeEntry(w.index, ordinal);
            if (node.kind() != LogRecord.Kind.FREE) {
                w.add(node);
                w.add(LogRecord.links(ordinal, w.index.links(ordinal)));
            }
        }
        w.flush();
        for (long start : old) {
            w.log.remove(start);
        }
        if (w.migrateFrom != null) {
            w.migrateFrom.clear();
            w.migrateFrom = null;
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
        ownEntryLog(currentKey).clear();
        legacyLog.clear();
        meta.clear();
        logLength.clear();
    }

    /** The latest payload and links of each ordinal, as a log in sequence order sets them. */
    private static final class Replay {
        final Map<Integer, NodeRecord> nodes = new HashMap<>();
        final Map<Integer, Int8NodeRecord> int8Nodes = new HashMap<>();
        final Map<Integer, int[][]> links = new HashMap<>();

        void apply(LogRecord r) {
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
    }

    /**
     * A key's index, its log's chunks and the next free sequence number. Sequence numbers count
     * entries and never restart, so a chunk's key is the sequence of its first entry and the log
     * holds {@code nextSequence - firstSequence} entries.
     */
    private static final class Working {
        HnswIndex index;
        final MapState<Long, LogChunk> log;
        final LongArrayList chunkStarts = new LongArrayList(16);
        long nextSequence;
        long firstSequence;
        MapState<Long, LogRecord> migrateFrom;
        private final List<LogRecord> pending = new ArrayList<>();
        private Exception failure;

        Working(MapState<Long, LogChunk> log, long nextSequence) {
            this.log = log;
            this.nextSequence = nextSequence;
            this.firstSequence = nextSequence;
        }

        void appendChanges() throws Exception {
            index.drainChanges(this::appendNode, this::appendLinks);
            if (failure != null) {
                Exception e = failure;
                failure = null;
                pending.clear();
                throw e;
            }
            flush();
        }

        private void appendNode(int ordinal) {
            addQuietly(nodeEntry(index, ordinal));
        }

        private void appendLinks(int ordinal) {
            int[][] links = index.links(ordinal);
            addQuietly(links == null ? LogRecord.free(ordinal) : LogRecord.links(ordinal, links));
        }

        private void addQuietly(LogRecord record) {
            if (failure != null) {
                return;
            }
            try {
                add(record);
            } catch (Exception e) {
                failure = e;
            }
        }

        void add(LogRecord record) throws Exception {
            pending.add(record);
            if (pending.size() == CHUNK_ENTRIES) {
                flush();
            }
        }

        /** Writes the pending entries as one chunk. */
        void flush() throws Exception {
            if (pending.isEmpty()) {
                return;
            }
            log.put(nextSequence, new LogChunk(pending));
            chunkStarts.add(nextSequence);
            nextSequence += pending.size();
            pending.clear();
        }
    }
}
