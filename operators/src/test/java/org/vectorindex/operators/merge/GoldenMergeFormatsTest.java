package org.vectorindex.operators.merge;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.testing.GoldenFixtures;

/** The merger's states as committed fixtures of each released format still read. */
class GoldenMergeFormatsTest {

    @Test
    void oneShotStates() throws IOException {
        OneShotState partial = OneShotState.start("c\u20ac", 3, 5, 42L);
        Bits.set(partial.answered, 1);
        partial.ranked =
                new TopKMerger.Ranked(new String[] {"a", "b\u20ac"}, new float[] {0.5f, 0.25f});
        GoldenFixtures.check(
                "OneShotState-v2.hex",
                OneShotStateSerializer.INSTANCE,
                List.of(partial, OneShotState.start("c", 1, 1, 0L)));
    }

    @Test
    void statsStates() throws IOException {
        StatsState partial = StatsState.start("c", 2);
        Bits.set(partial.answered, 0);
        partial.sizes[0] = 7;
        partial.digests[0] = -3L;
        GoldenFixtures.check("StatsState-v2.hex", StatsStateSerializer.INSTANCE, List.of(partial));
    }

    @Test
    void subscriptionStates() throws IOException {
        SubscriptionState s = SubscriptionState.start("c", 2, 3);
        s.version = 4;
        Bits.set(s.reported, 1);
        s.shardIds[1] = new String[] {"x", "y"};
        s.shardScores[1] = new float[] {1f, 0.5f};
        s.current = new TopKMerger.Ranked(new String[] {"x"}, new float[] {1f});
        SubscriptionState closing = SubscriptionState.start("d", 1, 1);
        closing.closing = true;
        Bits.set(closing.closed, 0);
        GoldenFixtures.check(
                "SubscriptionState-v2.hex",
                SubscriptionStateSerializer.INSTANCE,
                List.of(s, closing));
    }
}
