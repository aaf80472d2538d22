package org.vectorindex.operators.index;

import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;

/**
 * Runs {@link ShardIndexFunction} and, at every snapshot, writes the shards it changed since the
 * last one to keyed state before the keyed state is snapshotted. A function cannot do this itself:
 * keyed state is written under the current key, and only the operator can set it.
 */
@Internal
public final class ShardIndexOperator
        extends KeyedCoProcessOperator<String, ShardMutation, ShardQuery, PartialResult> {
    private static final long serialVersionUID = 1L;

    public ShardIndexOperator(ShardIndexFunction function) {
        super(function);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        ((ShardIndexFunction) getUserFunction()).persistChanges(this::setCurrentKey);
        super.snapshotState(context);
    }
}
