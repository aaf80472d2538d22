package org.vectorindex.operators.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.testing.GoldenFixtures;

/** The model types as committed fixtures of each released format still read. */
class GoldenModelFormatsTest {

    @Test
    void mutations() throws IOException {
        List<Mutation> values = new ArrayList<>(ModelSerializersTest.MUTATIONS.subList(0, 4));
        values.add(values.get(0).at(3, 42L));
        check("Mutation", 2, MutationSerializer.INSTANCE, values);
    }

    @Test
    void queries() throws IOException {
        check("Query", 3, QuerySerializer.INSTANCE, ModelSerializersTest.QUERIES);
    }

    @Test
    void rawRecordsAndDeadLetters() throws IOException {
        check("RawRecord", 1, RawRecordSerializer.INSTANCE, ModelSerializersTest.RAWS);
        check("DeadLetter", 1, DeadLetterSerializer.INSTANCE, ModelSerializersTest.DEAD_LETTERS);
    }

    @Test
    void results() throws IOException {
        List<ResultRecord> all = new ArrayList<>(ModelSerializersTest.RESULTS);
        all.add(new VectorResult("g", "c", "d", new float[] {0.5f, -1f}));
        all.add(new VectorResult("g", "c", "d", null));
        check("ResultRecord", 3, ResultRecordSerializer.INSTANCE, all);
        check(
                "QueryResult",
                1,
                QueryResultSerializer.INSTANCE,
                List.of((QueryResult) all.get(0), (QueryResult) all.get(1)));
        check(
                "SubscriptionUpdate",
                1,
                SubscriptionUpdateSerializer.INSTANCE,
                List.of((SubscriptionUpdate) all.get(2), (SubscriptionUpdate) all.get(3)));
        check("StatsResult", 1, StatsResultSerializer.INSTANCE, List.of((StatsResult) all.get(4)));
    }

    /**
     * The last format written without a version byte, and the first written behind one: the same
     * fields, so one list of values fits both.
     */
    private static <T> void check(
            String type, int lastVersionLess, TypeSerializer<T> serializer, List<T> values)
            throws IOException {
        GoldenFixtures.check(type + "-v" + lastVersionLess + ".hex", serializer, values);
        GoldenFixtures.check(type + "-v" + (lastVersionLess + 1) + ".hex", serializer, values);
    }
}
