package org.vectorindex.operators.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.operators.types.PartialResult.Kind;

/**
 * One subscriptionId on a collection of 2 shards, unsubscribed, then on one of 4 shards whose
 * partials overtake the old one's closes: no partial is applied to the state of the other layout.
 */
class SubscriptionLayoutChangeTest {

    private static StreamRecord<PartialResult> part(
            Kind kind, String collection, int shard, int shards, String hit) {
        String[] ids = hit == null ? new String[0] : new String[] {hit};
        float[] scores = hit == null ? new float[0] : new float[] {1f};
        return new StreamRecord<>(
                kind == Kind.CONTINUOUS
                        ? PartialResult.continuous(
                                "s",
                                collection,
                                shard,
                                shards,
                                1,
                                ids,
                                scores,
                                Cause.SUBSCRIBE,
                                "s")
                        : PartialResult.closed("s", collection, shard, shards, 1, 0L));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSubscriptionMovesToACollectionWithMoreShards(Backend backend) throws Exception {
        var h = Harnesses.merge(new ResultMergeFunction(), backend, null);
        h.processElement(part(Kind.CONTINUOUS, "a", 0, 2, "a0"));
        h.processElement(part(Kind.CONTINUOUS, "a", 1, 2, null));
        List<MergedResult> first = Harnesses.drain(h);
        assertEquals(1, first.size());
        assertEquals("a", first.get(0).collection());
        // the new subscription's shards 2 and 3 answer before the old one's closes
        h.processElement(part(Kind.CONTINUOUS, "b", 2, 4, "b2"));
        h.processElement(part(Kind.CONTINUOUS, "b", 3, 4, null));
        h.processElement(part(Kind.CLOSED, "a", 0, 2, null));
        h.processElement(part(Kind.CONTINUOUS, "b", 0, 4, null));
        h.processElement(part(Kind.CLOSED, "a", 1, 2, null));
        assertEquals(List.of(), Harnesses.drain(h), "b is not complete yet");
        h.processElement(part(Kind.CONTINUOUS, "b", 1, 4, null));
        List<MergedResult> second = Harnesses.drain(h);
        assertEquals(1, second.size());
        assertEquals("b", second.get(0).collection());
        assertEquals(1, second.get(0).version());
        assertArrayEquals(new String[] {"b2"}, second.get(0).ids());
        // and back to fewer shards
        for (int s = 0; s < 4; s++) {
            h.processElement(part(Kind.CLOSED, "b", s, 4, null));
        }
        h.processElement(part(Kind.CONTINUOUS, "a", 1, 2, "x"));
        h.processElement(part(Kind.CONTINUOUS, "a", 0, 2, null));
        List<MergedResult> third = Harnesses.drain(h);
        assertEquals(1, third.size());
        assertArrayEquals(new String[] {"x"}, third.get(0).ids());
        h.close();
    }
}
