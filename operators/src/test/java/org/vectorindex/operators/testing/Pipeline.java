package org.vectorindex.operators.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.merge.ResultMergeFunction;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.routing.ShardFanOut;
import org.vectorindex.operators.routing.SubscriptionIds;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardQuerySerializer;
import org.vectorindex.operators.types.ShardRejection;

/**
 * Steps 2 to 4 of the topology wired by hand through test harnesses: subscription-id check,
 * fan-out, index operator, merger. Every record is pushed through to the end before the next, which
 * is the order a real job reaches when the input pauses; {@link #restart} snapshots all operators
 * and restores them into fresh instances, as after a failure.
 */
public final class Pipeline implements AutoCloseable {
    private final List<CollectionSpec> collections;
    private final Supplier<ShardIndexFunction> indexFunctions;
    private KeyedOneInputStreamOperatorTestHarness<String, ShardQuery, ShardQuery> ids;
    private OneInputStreamOperatorTestHarness<ShardQuery, ShardQuery> fanOut;
    private KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
            index;
    private KeyedOneInputStreamOperatorTestHarness<String, PartialResult, MergedResult> merge;
    private long checkpointId;

    public Pipeline(
            List<CollectionSpec> collections,
            Supplier<ShardIndexFunction> indexFunctions,
            Harnesses.Backend backend)
            throws Exception {
        this.collections = collections;
        this.indexFunctions = indexFunctions;
        start(backend, null, null, null, null);
    }

    private void start(
            Harnesses.Backend backend,
            OperatorSubtaskState idsState,
            OperatorSubtaskState fanOutState,
            OperatorSubtaskState indexState,
            OperatorSubtaskState mergeState)
            throws Exception {
        ids = Harnesses.subscriptionIds(new SubscriptionIds(collections), backend, idsState);
        fanOut =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new ShardFanOut(collections)));
        ((SerializerConfigImpl) fanOut.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
        fanOut.setup(ShardQuerySerializer.INSTANCE);
        if (fanOutState != null) {
            fanOut.initializeState(fanOutState);
        }
        fanOut.open();
        index = Harnesses.index(indexFunctions.get(), backend, indexState);
        merge = Harnesses.merge(new ResultMergeFunction(), backend, mergeState);
    }

    /** Applies a mutation; returns the merged outputs it caused. */
    public List<MergedResult> mutate(ShardMutation m) throws Exception {
        index.processElement1(new StreamRecord<>(m));
        return mergeAll(Harnesses.drain(index));
    }

    /** Sends a query, subscription or unsubscription; returns the merged outputs it caused. */
    public List<MergedResult> request(ShardQuery q) throws Exception {
        ids.processElement(new StreamRecord<>(q));
        for (ShardQuery checked : Harnesses.drain(ids)) {
            fanOut.processElement(new StreamRecord<>(checked));
        }
        for (ShardQuery routed : Harnesses.drain(fanOut)) {
            index.processElement2(new StreamRecord<>(routed));
        }
        return mergeAll(Harnesses.drain(index));
    }

    private List<MergedResult> mergeAll(List<PartialResult> partials) throws Exception {
        for (PartialResult p : partials) {
            merge.processElement(new StreamRecord<>(p));
        }
        return new ArrayList<>(Harnesses.drain(merge));
    }

    /**
     * The requests refused so far by the id check, the fan-out and the index; then forgets them.
     */
    public List<ShardRejection> rejections() {
        List<ShardRejection> out = new ArrayList<>();
        drainSide(ids, SubscriptionIds.REJECTED, out);
        drainSide(fanOut, ShardFanOut.REJECTED, out);
        drainSide(index, ShardIndexFunction.REJECTED, out);
        return out;
    }

    private static void drainSide(
            AbstractStreamOperatorTestHarness<?> h,
            OutputTag<ShardRejection> tag,
            List<ShardRejection> out) {
        var q = h.getSideOutput(tag);
        if (q != null) {
            q.forEach(r -> out.add(r.getValue()));
            q.clear();
        }
    }

    /** Snapshots every operator and restores them into fresh instances on {@code backend}. */
    public void restart(Harnesses.Backend backend) throws Exception {
        checkpointId++;
        OperatorSubtaskState s = ids.snapshot(checkpointId, checkpointId);
        OperatorSubtaskState f = fanOut.snapshot(checkpointId, checkpointId);
        OperatorSubtaskState i = index.snapshot(checkpointId, checkpointId);
        OperatorSubtaskState m = merge.snapshot(checkpointId, checkpointId);
        close();
        start(backend, s, f, i, m);
    }

    @Override
    public void close() throws Exception {
        ids.close();
        fanOut.close();
        index.close();
        merge.close();
    }
}
