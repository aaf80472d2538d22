package org.vectorindex.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.testing.Results;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardStats;

/** Stats requests and answers through {@link ModelAdapter}. */
class ModelAdapterStatsTest {

    @Test
    void mapsAStatsRequestAndItsAnswer() {
        ShardQuery q = ModelAdapter.query(Query.stats("st", "c"), 8L);
        assertEquals(ShardQuery.Kind.STATS, q.kind());
        assertEquals("st", q.requestId());
        assertEquals("c", q.collection());
        assertNull(q.vector());
        assertEquals(8L, q.ingestMillis());

        ResultRecord r =
                ModelAdapter.result(
                        Results.mergedStats(
                                "st", "c", new ShardStats(4, 10L), new ShardStats(6, -1L)));
        assertEquals(new StatsResult("st", "c", new long[] {4, 6}, new long[] {10L, -1L}), r);
        assertEquals(10, ((StatsResult) r).totalSize());
        assertEquals("ffffffffffffffff", StatsResult.hex(((StatsResult) r).digest(1)));
    }

    @Test
    void aStatsRequestNeedsACollectionAndCarriesNoVector() {
        assertThrows(NullPointerException.class, () -> Query.stats("st", null));
        assertThrows(IllegalArgumentException.class, () -> ShardQuery.stats("st", "", 0));
    }
}
