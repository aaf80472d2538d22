package org.vectorindex.state.keyed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Commands through a minimal keyed operator ({@link CommandFunction}) before and after a snapshot;
 * then the answers of a fresh operator restored from it, and of the two subtasks it rescales to,
 * must equal the never-restored operator's.
 */
final class CommandRuns {
    static final int MAX_PARALLELISM = 128;

    /** A harness of the operator, subtask {@code subtask} of {@code parallelism}, not yet open. */
    interface Harnesses {
        Harness create(int parallelism, int subtask) throws Exception;
    }

    /** Asks {@code h} about {@code keys}; returns the new output only. */
    interface Questions {
        List<String> ask(Harness h, List<String> keys) throws Exception;
    }

    /** The harness every command run uses. */
    static final class Harness
            extends KeyedOneInputStreamOperatorTestHarness<String, IndexCommand, String> {
        Harness(
                KeyedProcessFunction<String, IndexCommand, String> fn,
                StateBackend backend,
                int parallelism,
                int subtask)
                throws Exception {
            super(
                    new KeyedProcessOperator<>(fn),
                    IndexCommand::key,
                    Types.STRING,
                    MAX_PARALLELISM,
                    parallelism,
                    subtask);
            setStateBackend(backend);
        }
    }

    /** What the original operator answered before the snapshot and after more commands. */
    record Answers(OperatorSubtaskState snapshot, List<String> before, List<String> afterMore) {}

    private final Harnesses harnesses;
    private final List<String> keys;
    private final Questions questions;

    CommandRuns(Harnesses harnesses, List<String> keys, Questions questions) {
        this.harnesses = harnesses;
        this.keys = keys;
        this.questions = questions;
    }

    static void feed(Harness h, List<IndexCommand> commands) throws Exception {
        for (IndexCommand c : commands) {
            h.processElement(c, 0L);
        }
    }

    /** Feeds {@code first}, asks, snapshots, then feeds {@code more} and asks again. */
    Answers original(List<IndexCommand> first, List<IndexCommand> more) throws Exception {
        try (var original = harnesses.create(1, 0)) {
            original.open();
            feed(original, first);
            List<String> before = questions.ask(original, keys);
            OperatorSubtaskState snapshot = original.snapshot(1L, 1L);
            feed(original, more);
            return new Answers(snapshot, before, questions.ask(original, keys));
        }
    }

    /** A fresh operator restored from the snapshot answers as before, and after {@code more}. */
    void assertRestoredCarriesOn(Answers answers, List<IndexCommand> more) throws Exception {
        try (var restored = harnesses.create(1, 0)) {
            restored.initializeState(answers.snapshot());
            restored.open();
            assertEquals(
                    answers.before(),
                    questions.ask(restored, keys),
                    "fresh operator after restore");
            feed(restored, more);
            assertEquals(
                    answers.afterMore(),
                    questions.ask(restored, keys),
                    "carrying on after restore");
        }
    }

    /** Each of two subtasks restored from the snapshot answers as before for the keys it owns. */
    void assertRescaledAnswersAsBefore(Answers answers) throws Exception {
        for (int subtask = 0; subtask < 2; subtask++) {
            OperatorSubtaskState part =
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            answers.snapshot(), MAX_PARALLELISM, 1, 2, subtask);
            List<String> owned = new ArrayList<>();
            for (String key : keys) {
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, 2)
                        == subtask) {
                    owned.add(key);
                }
            }
            try (var rescaled = harnesses.create(2, subtask)) {
                rescaled.initializeState(part);
                rescaled.open();
                List<String> expected =
                        answers.before().stream()
                                .filter(s -> owned.contains(s.split("\\|")[0]))
                                .toList();
                assertEquals(
                        expected, questions.ask(rescaled, owned), "rescaled subtask " + subtask);
            }
        }
    }
}
