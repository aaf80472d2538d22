package org.vectorindex.operators.merge;

import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;

/**
 * Runs {@link ResultMergeFunction} and, at every snapshot, writes the subscription states it
 * changed since the last one to keyed state before the keyed state is snapshotted (only the
 * operator can set the current key outside an element).
 */
@Internal
public final class ResultMergeOperator
        extends KeyedProcessOperator<String, PartialResult, MergedResult> {
    private static final long serialVersionUID = 1L;

    public ResultMergeOperator(ResultMergeFunction function) {
        super(function);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        ((ResultMergeFunction) getUserFunction()).persistChanges(this::setCurrentKey);
        super.snapshotState(context);
    }
}
