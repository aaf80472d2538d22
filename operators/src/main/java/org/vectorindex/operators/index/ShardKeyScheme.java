package org.vectorindex.operators.index;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * A marker in the index operator's checkpoints that its keyed state sits under placed shard keys
 * ({@code ShardPlacement}). Checkpoints written before placement keep every index under keys this
 * version never reads, so restoring one would serve an empty index while the sources resume past
 * the mutations that built it: such a restore fails with a message instead. Union state, so that
 * every subtask sees the marker at any parallelism.
 */
final class ShardKeyScheme {
    private static final ListStateDescriptor<Integer> DESCRIPTOR =
            new ListStateDescriptor<>("shard-key-scheme", Types.INT);
    private static final int PLACED = 2;

    private final ListState<Integer> marker;

    private ShardKeyScheme(ListState<Integer> marker) {
        this.marker = marker;
    }

    /** Reads the marker; a restore without it fails. */
    static ShardKeyScheme check(FunctionInitializationContext context) throws Exception {
        ListState<Integer> marker = context.getOperatorStateStore().getUnionListState(DESCRIPTOR);
        if (context.isRestored() && !marker.get().iterator().hasNext()) {
            throw new IllegalStateException(
                    "the restored checkpoint or savepoint was written before shards had placed"
                            + " keys, and its index state is under keys this version never reads;"
                            + " start the job without restored state, which rebuilds every index"
                            + " from the mutations topic");
        }
        return new ShardKeyScheme(marker);
    }

    /** Writes the marker into the checkpoint being taken. */
    void mark() throws Exception {
        marker.update(List.of(PLACED));
    }
}
