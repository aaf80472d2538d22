package org.vectorindex.operators.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.types.GoldenBytes;

/** The merge states of format 1 (strings in writeUTF) still read; format 2 has no length limit. */
class MergeStateFormatsTest {
    private static final String HUGE = "\u20ac".repeat(30_000);
    private static final String ONE_SHOT_V1 =
            "01000463e282ac0000000300000005000000000000002a000000010000000000000002"
                    + "00000002000161000462e282ac000000023f0000003e800000";
    private static final String STATS_V1 =
            "0100016300000002000000010000000000000001000000020000000000000007000000"
                    + "000000000000000002fffffffffffffffd0000000000000000";
    private static final String SUBSCRIPTION_V1 =
            "0100016300000002000000030000000000000004000000000100000000000000020000"
                    + "00010000000000000000000100000002000178000179000000023f8000003f0000"
                    + "0000000001000178000000013f800000";

    @Test
    void oneShotState() throws IOException {
        OneShotState o = GoldenBytes.read(OneShotStateSerializer.INSTANCE, ONE_SHOT_V1);
        assertEquals("c\u20ac", o.collection);
        assertEquals(3, o.shardCount);
        assertEquals(42L, o.ingestMillis);
        assertTrue(Bits.get(o.answered, 1));
        assertArrayEquals(new String[] {"a", "b\u20ac"}, o.ranked.ids());

        OneShotState big = OneShotState.start(HUGE, 2, 1, 0L);
        big.ranked = new TopKMerger.Ranked(new String[] {HUGE}, new float[] {1f});
        OneShotState back = reread(OneShotStateSerializer.INSTANCE, big);
        assertEquals(HUGE, back.collection);
        assertArrayEquals(new String[] {HUGE}, back.ranked.ids());
    }

    @Test
    void statsState() throws IOException {
        StatsState st = GoldenBytes.read(StatsStateSerializer.INSTANCE, STATS_V1);
        assertEquals("c", st.collection);
        assertEquals(7L, st.sizes[0]);
        assertEquals(-3L, st.digests[0]);
        assertEquals(
                HUGE, reread(StatsStateSerializer.INSTANCE, StatsState.start(HUGE, 1)).collection);
    }

    @Test
    void subscriptionState() throws IOException {
        SubscriptionState s =
                GoldenBytes.read(SubscriptionStateSerializer.INSTANCE, SUBSCRIPTION_V1);
        assertEquals(4L, s.version);
        assertArrayEquals(new String[] {"x", "y"}, s.shardIds[1]);
        assertArrayEquals(new String[] {"x"}, s.current.ids());

        SubscriptionState big = SubscriptionState.start("c", 1, 1);
        big.shardIds[0] = new String[] {HUGE};
        big.shardScores[0] = new float[] {1f};
        assertArrayEquals(
                new String[] {HUGE}, reread(SubscriptionStateSerializer.INSTANCE, big).shardIds[0]);
    }

    private static <T> T reread(
            org.apache.flink.api.common.typeutils.TypeSerializer<T> serializer, T value)
            throws IOException {
        return GoldenBytes.read(serializer, GoldenBytes.hex(serializer, value));
    }
}
