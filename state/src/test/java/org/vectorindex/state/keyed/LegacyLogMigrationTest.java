package org.vectorindex.state.keyed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.testing.ClusteredData;

/**
 * State written by earlier layouts still restores. They kept one log entry per state value, first
 * in one state for every key ({@code hnsw-log}), then in a state of each key's own ({@code
 * hnsw-log@<key>}). The first load reads the earlier log, and the next persist moves the index to
 * the key's chunked log and clears the earlier one, so that a later restore, which reads only the
 * chunks, still gets the whole index.
 */
class LegacyLogMigrationTest {
    /** Writes each key's index as an earlier layout held it: an entry log, meta and length. */
    static final class LegacyWriter extends KeyedProcessFunction<String, IndexCommand, String> {
        private final Map<String, HnswIndex> indexes = new HashMap<>();
        private final boolean logPerKey;
        private transient ValueState<org.vectorindex.state.hnsw.IndexMeta> meta;
        private transient ValueState<Long> length;

        LegacyWriter(boolean logPerKey) {
            this.logPerKey = logPerKey;
        }

        @Override
        public void open(OpenContext openContext) {
            var context = getRuntimeContext();
            meta =
                    context.getState(
                            new ValueStateDescriptor<>("hnsw-meta", IndexMetaSerializer.INSTANCE));
            length =
                    context.getState(
                            new ValueStateDescriptor<>("hnsw-log-length", LongSerializer.INSTANCE));
        }

        @Override
        public void processElement(IndexCommand c, Context ctx, Collector<String> out)
                throws Exception {
            HnswIndex index =
                    indexes.computeIfAbsent(
                            ctx.getCurrentKey(), k -> new HnswIndex(KeyedHnswStateTest.CONFIG));
            switch (c.op()) {
                case "upsert" -> index.upsert(c.id(), c.vector());
                case "delete" -> index.delete(c.id());
                case "digest" -> {
                    MapState<Long, LogRecord> log =
                            getRuntimeContext()
                                    .getMapState(
                                            new MapStateDescriptor<>(
                                                    logPerKey
                                                            ? "hnsw-log@" + ctx.getCurrentKey()
                                                            : "hnsw-log",
                                                    LongSerializer.INSTANCE,
                                                    LogRecordSerializer.INSTANCE));
                    long seq = 0;
                    log.clear();
                    for (int o = 0; o < index.meta().ordinalLimit(); o++) {
                        if (index.nodeRecord(o) != null) {
                            log.put(seq++, LogRecord.node(o, index.nodeRecord(o)));
                            log.put(seq++, LogRecord.links(o, index.links(o)));
                        }
                    }
                    meta.update(index.meta());
                    length.update(seq);
                    out.collect(
                            ctx.getCurrentKey()
                                    + "|digest|"
                                    + index.graphDigest()
                                    + "|"
                                    + index.size());
                }
                default -> throw new IllegalArgumentException(c.op());
            }
        }
    }

    /**
     * Full RocksDB snapshots: the second snapshot is taken by a restored harness, and an
     * incremental one would refer to the restored files through placeholders that only a checkpoint
     * coordinator resolves.
     */
    static Stream<Arguments> layouts() {
        Supplier<StateBackend> heap = HashMapStateBackend::new;
        Supplier<StateBackend> rocksdb = () -> new EmbeddedRocksDBStateBackend(false);
        return Stream.of(
                Arguments.of("heap, shared log", heap, false),
                Arguments.of("rocksdb, shared log", rocksdb, false),
                Arguments.of("heap, a log per key", heap, true),
                Arguments.of("rocksdb, a log per key", rocksdb, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void anEarlierLogIsReadThenMovedToChunks(
            String name, Supplier<StateBackend> backend, boolean logPerKey) throws Exception {
        float[][] data = ClusteredData.generate(900, KeyedHnswStateTest.DIM, 8, 5);
        List<String> keys = KeyedHnswStateTest.KEYS;
        OperatorSubtaskState legacy;
        List<String> written;
        try (var h = new CommandRuns.Harness(new LegacyWriter(logPerKey), backend.get(), 1, 0)) {
            h.open();
            CommandRuns.feed(h, KeyedHnswStateTest.mutations(data, 0, 600));
            for (String key : keys) {
                h.processElement(IndexCommand.digest(key), 0L);
            }
            written = h.extractOutputValues();
            legacy = h.snapshot(1L, 1L);
        }
        OperatorSubtaskState migrated;
        List<String> afterMore;
        try (var h = KeyedHnswStateTest.harness(backend.get(), 1, 0)) {
            h.initializeState(legacy);
            h.open();
            assertEquals(written, digests(h, keys), "read from the earlier log");
            CommandRuns.feed(h, KeyedHnswStateTest.mutations(data, 600, 900));
            afterMore = digests(h, keys);
            for (String key : keys) {
                String[] log = logEntries(h, key);
                assertEquals("0", log[1], key + ": entries left in its own entry log");
                assertEquals("0", log[2], key + ": entries left in the shared log");
                assertTrue(Long.parseLong(log[0]) > 0, key + ": nothing in the chunked log");
            }
            migrated = h.snapshot(2L, 2L);
        }
        try (var h = KeyedHnswStateTest.harness(backend.get(), 1, 0)) {
            h.initializeState(migrated);
            h.open();
            assertEquals(afterMore, digests(h, keys), "read from the chunks alone");
        }
    }

    /** The fields after "key|log|" of the harness's answer to a log command. */
    static String[] logEntries(CommandRuns.Harness h, String key) throws Exception {
        h.processElement(IndexCommand.log(key), 0L);
        List<String> out = h.extractOutputValues();
        String last = out.get(out.size() - 1);
        return last.substring((key + "|log|").length()).split("\\|");
    }

    private static List<String> digests(CommandRuns.Harness h, List<String> keys) throws Exception {
        int seen = h.extractOutputValues().size();
        for (String key : keys) {
            h.processElement(IndexCommand.digest(key), 0L);
        }
        List<String> all = h.extractOutputValues();
        return all.subList(seen, all.size());
    }
}
