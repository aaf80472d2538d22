package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.IndexKind;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;

/** A restore must refuse keyed index state written before shards had placed keys. */
class ShardKeySchemeTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void restoresItsOwnSnapshotsAndRefusesOnesWithoutTheMarker(Backend backend) throws Exception {
        var h = Harnesses.index(ShardIndexFunctionTest.newFunction(IndexKind.HNSW), backend, null);
        h.processElement1(
                new StreamRecord<>(
                        ShardMutation.upsert("c", 3, "d1", new float[] {1, 2, 3, 4}, Map.of())));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored =
                Harnesses.index(
                        ShardIndexFunctionTest.newFunction(IndexKind.HNSW), backend, snapshot);
        restored.processElement2(
                new StreamRecord<>(ShardQuery.stats("s", "c", 0).toShard("c", 0, 3)));
        assertTrue(!Harnesses.drain(restored).isEmpty(), "the restored operator answers");
        restored.close();

        // The keyed state alone is what a checkpoint of the earlier key scheme holds.
        OperatorSubtaskState keyedOnly =
                OperatorSubtaskState.builder()
                        .setManagedKeyedState(snapshot.getManagedKeyedState())
                        .build();
        Exception e =
                assertThrows(
                        Exception.class,
                        () ->
                                Harnesses.index(
                                        ShardIndexFunctionTest.newFunction(IndexKind.HNSW),
                                        backend,
                                        keyedOnly));
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
            cause = cause.getCause();
        }
        assertEquals(IllegalStateException.class, cause.getClass(), e.toString());
        assertTrue(cause.getMessage().contains("without restored state"), cause.getMessage());
    }
}
