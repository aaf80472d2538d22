package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

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
}
