package org.vectorindex.operators.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.Harnesses.IndexHarness;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;

/**
 * The index operator as a job runs it on some subtasks: each record goes to the subtask that owns
 * the key group of its shard key, and what that subtask emits comes back.
 */
public final class IndexSubtasks implements AutoCloseable {
    private final List<IndexHarness> subtasks;

    private IndexSubtasks(List<IndexHarness> subtasks) {
        this.subtasks = subtasks;
    }

    /** One fresh subtask. */
    public static IndexSubtasks one(ShardIndexFunction fn, Backend backend) throws Exception {
        return new IndexSubtasks(List.of(Harnesses.index(fn, backend, null)));
    }

    /**
     * {@code parallelism} subtasks restored from the snapshot of one, new functions from {@code
     * fn}.
     */
    public static IndexSubtasks scaledOut(
            OperatorSubtaskState snapshotOfOne,
            int parallelism,
            Supplier<ShardIndexFunction> fn,
            Backend backend)
            throws Exception {
        List<IndexHarness> subtasks = new ArrayList<>();
        for (int subtask = 0; subtask < parallelism; subtask++) {
            subtasks.add(
                    Harnesses.index(
                            fn.get(),
                            backend,
                            AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                    snapshotOfOne,
                                    Harnesses.MAX_PARALLELISM,
                                    1,
                                    parallelism,
                                    subtask),
                            parallelism,
                            subtask));
        }
        return new IndexSubtasks(subtasks);
    }

    /** The subtask of {@code parallelism} that owns {@code shardKey}. */
    public static int subtaskOf(String shardKey, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(
                shardKey, Harnesses.MAX_PARALLELISM, parallelism);
    }

    /** What the owner of the mutation's shard emits for it. */
    public List<PartialResult> mutate(ShardMutation m) throws Exception {
        var h = subtasks.get(subtaskOf(m.shardKey(), subtasks.size()));
        h.processElement1(new StreamRecord<>(m));
        return Harnesses.drain(h);
    }

    /** What every shard of the request's collection answers, in shard order. */
    public List<PartialResult> request(ShardQuery q, int shards) throws Exception {
        List<PartialResult> out = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            ShardQuery routed = q.toShard(q.collection(), s, shards);
            var h = subtasks.get(subtaskOf(routed.shardKey(), subtasks.size()));
            h.processElement2(new StreamRecord<>(routed));
            out.addAll(Harnesses.drain(h));
        }
        return out;
    }

    /** A snapshot of the only subtask. */
    public OperatorSubtaskState snapshotOfOne() throws Exception {
        if (subtasks.size() != 1) {
            throw new IllegalStateException(subtasks.size() + " subtasks");
        }
        return subtasks.get(0).snapshot(1, 1);
    }

    @Override
    public void close() throws Exception {
        for (var h : subtasks) {
            h.close();
        }
    }
}
