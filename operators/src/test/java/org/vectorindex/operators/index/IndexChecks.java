package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.IndexHarness;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;

/** Checks that the index operator's harness tests share. */
final class IndexChecks {
    private IndexChecks() {}

    /**
     * The partials that one mutation of {@code id} made {@code h} emit: at most one, caused by that
     * mutation, from the shard of {@code id}.
     */
    static List<PartialResult> partialsOfOneMutation(
            IndexHarness h, Cause cause, String id, int shards) {
        List<PartialResult> out = Harnesses.drain(h);
        assertTrue(out.size() <= 1, out.toString());
        for (PartialResult p : out) {
            assertEquals(cause, p.cause());
            assertEquals(id, p.causeId());
            assertEquals(ShardKey.shardOf(id, shards), p.shard());
        }
        return out;
    }
}
