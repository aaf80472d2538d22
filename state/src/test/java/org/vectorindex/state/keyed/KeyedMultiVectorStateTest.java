package org.vectorindex.state.keyed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.CandidateSearch;
import org.vectorindex.state.multivector.FdeConfig;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.PruningCriterion;
import org.vectorindex.state.multivector.QueryPruning;
import org.vectorindex.state.testing.ClusteredData;

/**
 * Multi-vector collections through a minimal keyed operator: inserts, deletes and re-inserts over
 * several keys, a snapshot, a restore into a fresh operator (and rescaled to two subtasks), then
 * more mutations. Every digest and every search answer (distinctiveness-pruned, some filtered) must
 * equal the never-restored operator's, on the heap and RocksDB backends, for HNSW and EXACT
 * candidate search.
 */
class KeyedMultiVectorStateTest {
    static final int DIM = 16;
    static final int TOKENS_PER_SLOT = 10;
    static final List<String> KEYS = List.of("mv#0", "mv#1", "mv#2");

    static Stream<Arguments> cases() {
        Supplier<StateBackend> heap = HashMapStateBackend::new;
        Supplier<StateBackend> rocks = () -> new EmbeddedRocksDBStateBackend(true);
        return Stream.of(
                Arguments.of("heap", heap, CandidateSearch.HNSW, StoredEncoding.FLOAT32),
                Arguments.of("rocksdb", rocks, CandidateSearch.HNSW, StoredEncoding.FLOAT32),
                Arguments.of("heap", heap, CandidateSearch.EXACT, StoredEncoding.FLOAT32),
                Arguments.of("rocksdb", rocks, CandidateSearch.EXACT, StoredEncoding.FLOAT32),
                Arguments.of("rocksdb", rocks, CandidateSearch.HNSW, StoredEncoding.INT8),
                Arguments.of("heap", heap, CandidateSearch.EXACT, StoredEncoding.INT8));
    }

    static MultiVectorConfig config(CandidateSearch search) {
        return config(search, StoredEncoding.FLOAT32);
    }

    static MultiVectorConfig config(CandidateSearch search, StoredEncoding encoding) {
        return MultiVectorConfig.builder()
                .storedEncoding(encoding)
                .dimension(DIM)
                .maxTokens(32)
                .pooledTokens(4)
                .fde(FdeConfig.builder().dimension(DIM).repetitions(4).kSim(3).dProj(4).build())
                .candidateSearch(search)
                .hnswM(8)
                .efConstruction(48)
                .defaultCandidates(15)
                .pruning(new QueryPruning(0.5, 0.5, PruningCriterion.DISTINCTIVENESS))
                .build();
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("cases")
    void restoredCollectionsAnswerExactlyAsBefore(
            String name,
            Supplier<StateBackend> backend,
            CandidateSearch search,
            StoredEncoding encoding)
            throws Exception {
        MultiVectorConfig config = config(search, encoding);
        float[] tokens = flatten(ClusteredData.generate(400 * TOKENS_PER_SLOT, DIM, 12, 31));
        var runs =
                new CommandRuns(
                        (parallelism, subtask) ->
                                harness(config, backend.get(), parallelism, subtask),
                        KEYS,
                        (h, keys) -> ask(h, tokens, keys));
        CommandRuns.Answers answers =
                runs.original(mutations(tokens, 0, 300), moreMutations(tokens));
        List<String> before = answers.before();
        List<String> afterMore = answers.afterMore();
        assertEquals(KEYS.size(), before.stream().filter(s -> s.contains("|digest|")).count());
        assertTrue(
                before.stream()
                        .filter(s -> s.contains("|even"))
                        .allMatch(KeyedMultiVectorStateTest::allEven),
                "filtered answers hold only accepted ids");
        assertNotEquals(before, afterMore, "later mutations must change the answers");

        runs.assertRestoredCarriesOn(answers, moreMutations(tokens));
        runs.assertRescaledAnswersAsBefore(answers);
    }

    private static boolean allEven(String answer) {
        String hits = answer.split("\\|", 3)[2];
        return hits.isEmpty()
                || Arrays.stream(hits.split(","))
                        .allMatch(h -> Integer.parseInt(h.substring(1, h.indexOf(':'))) % 2 == 0);
    }

    static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * DIM];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * DIM, DIM);
        }
        return flat;
    }

    /** Document (or query) {@code slot}: 2 to 10 consecutive clustered tokens. */
    static float[] doc(float[] tokens, int slot) {
        int n = 2 + (slot * 5) % 9;
        int from = slot * TOKENS_PER_SLOT * DIM;
        return Arrays.copyOfRange(tokens, from, from + n * DIM);
    }

    static CommandRuns.Harness harness(
            MultiVectorConfig config, StateBackend backend, int parallelism, int subtask)
            throws Exception {
        return new CommandRuns.Harness(
                CommandFunction.multiVector(config), backend, parallelism, subtask);
    }

    /**
     * Upserts docs [from, to) round-robin over the keys, deletes every 7th, re-inserts half of
     * those with other tokens, replaces every 11th, and deletes an id that was never there.
     */
    static List<IndexCommand> mutations(float[] tokens, int from, int to) {
        List<IndexCommand> commands = new ArrayList<>();
        for (int i = from; i < to; i++) {
            commands.add(IndexCommand.upsert(key(i), "d" + i, doc(tokens, i)));
        }
        for (int i = from; i < to; i += 7) {
            commands.add(IndexCommand.delete(key(i), "d" + i));
        }
        for (int i = from; i < to; i += 14) {
            commands.add(IndexCommand.upsert(key(i), "d" + i, doc(tokens, (i * 13) % to)));
        }
        for (int i = from + 3; i < to; i += 11) {
            commands.add(IndexCommand.upsert(key(i), "d" + i, doc(tokens, (i * 31) % to)));
        }
        commands.add(IndexCommand.delete(key(from), "d-never"));
        return commands;
    }

    /** After the snapshot: more churn, and one key's collection cleared and rebuilt. */
    static List<IndexCommand> moreMutations(float[] tokens) {
        List<IndexCommand> commands = new ArrayList<>(mutations(tokens, 300, 360));
        commands.add(IndexCommand.clear(KEYS.get(2)));
        for (int i = 362; i < 400; i += 3) {
            commands.add(IndexCommand.upsert(KEYS.get(2), "d" + i, doc(tokens, i)));
        }
        return commands;
    }

    static String key(int doc) {
        return KEYS.get(doc % KEYS.size());
    }

    /** Digest of each key's collection and 12 searches per key; returns the new output only. */
    static List<String> ask(CommandRuns.Harness h, float[] tokens, List<String> keys)
            throws Exception {
        int seen = h.extractOutputValues().size();
        for (String key : keys) {
            h.processElement(IndexCommand.digest(key), 0L);
            for (int q = 0; q < 12; q++) {
                String tag = (q % 2 == 0 ? "even-q" : "q") + q;
                h.processElement(IndexCommand.search(key, tag, doc(tokens, (q * 37) % 400), 5), 0L);
            }
        }
        List<String> all = h.extractOutputValues();
        return new ArrayList<>(all.subList(seen, all.size()));
    }
}
