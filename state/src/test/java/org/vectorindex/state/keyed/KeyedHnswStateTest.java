package org.vectorindex.state.keyed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.testing.ClusteredData;

/**
 * Builds indexes through a minimal keyed operator, snapshots, restores into fresh operators (also
 * rescaled to two subtasks) and checks that every search answer and every graph digest is the same,
 * on the heap and on the RocksDB backend.
 */
class KeyedHnswStateTest {
    static final int DIM = 16;
    static final int MAX_PARALLELISM = 128;
    static final List<String> KEYS = List.of("docs#0", "docs#1", "docs#2");
    static final HnswConfig CONFIG =
            HnswConfig.builder().dimension(DIM).metric(Metric.L2).m(8).efConstruction(64).build();

    /** The same index with INT8 vectors (affine codes under L2), restored through its own image. */
    static final HnswConfig INT8_CONFIG =
            HnswConfig.builder()
                    .dimension(DIM)
                    .metric(Metric.L2)
                    .m(8)
                    .efConstruction(64)
                    .storedEncoding(StoredEncoding.INT8)
                    .build();

    static Stream<Arguments> backends() {
        Supplier<StateBackend> heap = HashMapStateBackend::new;
        Supplier<StateBackend> rocks = () -> new EmbeddedRocksDBStateBackend(true);
        return Stream.of(
                Arguments.of("heap", heap, CONFIG),
                Arguments.of("rocksdb", rocks, CONFIG),
                Arguments.of("heap int8", heap, INT8_CONFIG),
                Arguments.of("rocksdb int8", rocks, INT8_CONFIG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void restoredIndexAnswersExactlyAsBefore(
            String name, Supplier<StateBackend> backend, HnswConfig config) throws Exception {
        float[][] data = ClusteredData.generate(1300, DIM, 12, 21);
        OperatorSubtaskState snapshot;
        List<String> before;
        List<String> afterMore;
        try (var original = harness(backend.get(), config, 1, 0)) {
            original.open();
            feed(original, mutations(data, 0, 1200));
            before = ask(original, data, KEYS);
            snapshot = original.snapshot(1L, 1L);
            feed(original, mutations(data, 1200, 1300));
            afterMore = ask(original, data, KEYS);
        }
        assertTrue(before.stream().filter(s -> s.contains("|digest|")).count() == KEYS.size());
        assertFalse(before.equals(afterMore), "later mutations must change the answers");

        try (var restored = harness(backend.get(), config, 1, 0)) {
            restored.initializeState(snapshot);
            restored.open();
            assertEquals(before, ask(restored, data, KEYS), "fresh operator after restore");
            feed(restored, mutations(data, 1200, 1300));
            assertEquals(afterMore, ask(restored, data, KEYS), "carrying on after restore");
        }

        for (int subtask = 0; subtask < 2; subtask++) {
            OperatorSubtaskState part =
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            snapshot, MAX_PARALLELISM, 1, 2, subtask);
            List<String> owned = new ArrayList<>();
            for (String key : KEYS) {
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, 2)
                        == subtask) {
                    owned.add(key);
                }
            }
            try (var rescaled = harness(backend.get(), config, 2, subtask)) {
                rescaled.initializeState(part);
                rescaled.open();
                List<String> expected =
                        before.stream().filter(s -> owned.contains(s.split("\\|")[0])).toList();
                assertEquals(expected, ask(rescaled, data, owned), "rescaled subtask " + subtask);
            }
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, IndexCommand, String> harness(
            StateBackend backend, int parallelism, int subtask) throws Exception {
        return harness(backend, CONFIG, parallelism, subtask);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, IndexCommand, String> harness(
            StateBackend backend, HnswConfig config, int parallelism, int subtask)
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new IndexingFunction(config)),
                        IndexCommand::key,
                        Types.STRING,
                        MAX_PARALLELISM,
                        parallelism,
                        subtask);
        h.setStateBackend(backend);
        return h;
    }

    /** Upserts rows [from, to) round-robin over the keys, then deletes and replaces a few. */
    static List<IndexCommand> mutations(float[][] data, int from, int to) {
        List<IndexCommand> commands = new ArrayList<>();
        for (int i = from; i < to; i++) {
            commands.add(IndexCommand.upsert(KEYS.get(i % KEYS.size()), "d" + i, data[i]));
        }
        for (int i = from; i < to; i += 7) {
            commands.add(IndexCommand.delete(KEYS.get(i % KEYS.size()), "d" + i));
        }
        for (int i = from + 3; i < to; i += 11) {
            commands.add(
                    IndexCommand.upsert(KEYS.get(i % KEYS.size()), "d" + i, data[(i * 31) % to]));
        }
        return commands;
    }

    static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, IndexCommand, String> h,
            List<IndexCommand> commands)
            throws Exception {
        for (IndexCommand c : commands) {
            h.processElement(c, 0L);
        }
    }

    /** Digest of each key's graph and 20 searches per key; returns the new output only. */
    static List<String> ask(
            KeyedOneInputStreamOperatorTestHarness<String, IndexCommand, String> h,
            float[][] data,
            List<String> keys)
            throws Exception {
        int seen = h.extractOutputValues().size();
        for (String key : keys) {
            h.processElement(IndexCommand.digest(key), 0L);
            for (int q = 0; q < 20; q++) {
                h.processElement(
                        IndexCommand.search(key, "q" + q, data[q * 37 % data.length], 10), 0L);
            }
        }
        List<String> all = h.extractOutputValues();
        return new ArrayList<>(all.subList(seen, all.size()));
    }
}
