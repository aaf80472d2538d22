package org.vectorindex.state.keyed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
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
        var runs =
                new CommandRuns(
                        (parallelism, subtask) ->
                                harness(backend.get(), config, parallelism, subtask),
                        KEYS,
                        (h, keys) -> ask(h, data, keys));
        CommandRuns.Answers answers =
                runs.original(mutations(data, 0, 1200), mutations(data, 1200, 1300));
        List<String> before = answers.before();
        List<String> afterMore = answers.afterMore();
        assertTrue(before.stream().filter(s -> s.contains("|digest|")).count() == KEYS.size());
        assertFalse(before.equals(afterMore), "later mutations must change the answers");

        runs.assertRestoredCarriesOn(answers, mutations(data, 1200, 1300));
        runs.assertRescaledAnswersAsBefore(answers);
    }

    /**
     * Re-upserting every vector six times appends far more entries than the log may hold, so the
     * bound holds only if each rewrite deletes the chunks it replaces. A restore in the middle
     * carries on to the same graph and the same log.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void churnRewritesTheLogWithinItsBoundAndRestoresMidway(
            String name, Supplier<StateBackend> backend, HnswConfig config) throws Exception {
        String key = KEYS.get(0);
        int n = 300;
        int rounds = 6;
        float[][] data = ClusteredData.generate(n * rounds, DIM, 12, 33);
        OperatorSubtaskState midway = null;
        List<String> uninterrupted = new ArrayList<>();
        try (var h = harness(backend.get(), config, 1, 0)) {
            h.open();
            for (int round = 0; round < rounds; round++) {
                churn(h, key, data, n, round);
                String[] log = LegacyLogMigrationTest.logEntries(h, key);
                long entries = Long.parseLong(log[0]);
                long ordinals = Long.parseLong(log[3]);
                assertTrue(
                        entries
                                <= KeyedHnswState.REWRITE_ENTRIES_PER_ORDINAL * ordinals
                                        + KeyedHnswState.MIN_ENTRIES_BEFORE_REWRITE,
                        name
                                + " round "
                                + round
                                + ": "
                                + entries
                                + " entries, "
                                + ordinals
                                + " ordinals");
                assertTrue(entries >= 2L * n, "every live node's payload and links are kept");
                if (round == 2) {
                    midway = h.snapshot(1L, 1L);
                } else if (round > 2) {
                    uninterrupted.add(String.join("|", log));
                    uninterrupted.addAll(ask(h, data, List.of(key)));
                }
            }
        }
        try (var h = harness(backend.get(), config, 1, 0)) {
            h.initializeState(midway);
            h.open();
            List<String> restored = new ArrayList<>();
            for (int round = 3; round < rounds; round++) {
                churn(h, key, data, n, round);
                restored.add(String.join("|", LegacyLogMigrationTest.logEntries(h, key)));
                restored.addAll(ask(h, data, List.of(key)));
            }
            assertEquals(uninterrupted, restored);
        }
    }

    private static void churn(CommandRuns.Harness h, String key, float[][] data, int n, int round)
            throws Exception {
        for (int i = 0; i < n; i++) {
            h.processElement(IndexCommand.upsert(key, "d" + i, data[round * n + i]), 0L);
        }
    }

    static CommandRuns.Harness harness(StateBackend backend, int parallelism, int subtask)
            throws Exception {
        return harness(backend, CONFIG, parallelism, subtask);
    }

    static CommandRuns.Harness harness(
            StateBackend backend, HnswConfig config, int parallelism, int subtask)
            throws Exception {
        return new CommandRuns.Harness(CommandFunction.hnsw(config), backend, parallelism, subtask);
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

    /** Digest of each key's graph and 20 searches per key; returns the new output only. */
    static List<String> ask(CommandRuns.Harness h, float[][] data, List<String> keys)
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
