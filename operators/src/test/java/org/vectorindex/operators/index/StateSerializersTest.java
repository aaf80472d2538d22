package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.types.GoldenBytes;

class StateSerializersTest {

    static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void subscriptionSpecAndLocalTopKRoundTrip() throws IOException {
        SubscriptionSpec spec =
                new SubscriptionSpec(new float[] {0.6f, 0.8f}, 5, 64, Map.of("lang", "en"), 4);
        SubscriptionSpec back = roundTrip(SubscriptionSpecSerializer.INSTANCE, spec);
        assertArrayEquals(spec.vector(), back.vector());
        assertEquals(5, back.k());
        assertEquals(64, back.ef());
        assertEquals(spec.filter(), back.filter());
        assertEquals(4, back.shardCount());

        LocalTopK topK = new LocalTopK(new String[] {"x", "y"}, new float[] {-1f, -2f});
        LocalTopK tb = roundTrip(LocalTopKSerializer.INSTANCE, topK);
        assertArrayEquals(topK.ids(), tb.ids());
        assertArrayEquals(topK.scores(), tb.scores());
    }

    @Test
    void formatOneStillReadsAndLongStringsRoundTrip() throws IOException {
        SubscriptionSpec spec =
                GoldenBytes.read(
                        SubscriptionSpecSerializer.INSTANCE,
                        "01000000023f8000004000000000000003000000100000000100046c616e670005656ee282"
                                + "ac00000004");
        assertEquals(Map.of("lang", "en\u20ac"), spec.filter());
        assertEquals(4, spec.shardCount());
        LocalTopK topK =
                GoldenBytes.read(
                        LocalTopKSerializer.INSTANCE,
                        "01000000020001610002c3bc000000023f0000003e800000");
        assertArrayEquals(new String[] {"a", "\u00fc"}, topK.ids());

        String huge = "\u20ac".repeat(30_000);
        assertEquals(
                Map.of(huge, huge),
                roundTrip(
                                SubscriptionSpecSerializer.INSTANCE,
                                new SubscriptionSpec(new float[] {1}, 1, 1, Map.of(huge, huge), 1))
                        .filter());
        assertArrayEquals(
                new String[] {huge},
                roundTrip(
                                LocalTopKSerializer.INSTANCE,
                                new LocalTopK(new String[] {huge}, new float[] {1}))
                        .ids());
    }
}
