package org.vectorindex.operators.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.testing.GoldenFixtures;

/** The model types as committed fixtures of each released format still read. */
class GoldenModelFormatsTest {

    @Test
    void mutations() throws IOException {
        List<Mutation> values = new ArrayList<>(ModelSerializersTest.MUTATIONS.subList(0, 4));
        values.add(values.get(0).at(3, 42L));
        GoldenFixtures.check("Mutation-v2.hex", MutationSerializer.INSTANCE, values);
    }

    @Test
    void queries() throws IOException {
        GoldenFixtures.check(
                "Query-v3.hex", QuerySerializer.INSTANCE, ModelSerializersTest.QUERIES);
    }

    @Test
    void rawRecordsAndDeadLetters() throws IOException {
        GoldenFixtures.check(
                "RawRecord-v1.hex", RawRecordSerializer.INSTANCE, ModelSerializersTest.RAWS);
        GoldenFixtures.check(
                "DeadLetter-v1.hex",
                DeadLetterSerializer.INSTANCE,
                ModelSerializersTest.DEAD_LETTERS);
    }

    @Test
    void results() throws IOException {
        List<ResultRecord> all = new ArrayList<>(ModelSerializersTest.RESULTS);
        all.add(new VectorResult("g", "c", "d", new float[] {0.5f, -1f}));
        all.add(new VectorResult("g", "c", "d", null));
        GoldenFixtures.check("ResultRecord-v3.hex", ResultRecordSerializer.INSTANCE, all);
        GoldenFixtures.check(
                "QueryResult-v1.hex",
                QueryResultSerializer.INSTANCE,
                List.of((QueryResult) all.get(0), (QueryResult) all.get(1)));
        GoldenFixtures.check(
                "SubscriptionUpdate-v1.hex",
                SubscriptionUpdateSerializer.INSTANCE,
                List.of((SubscriptionUpdate) all.get(2), (SubscriptionUpdate) all.get(3)));
        GoldenFixtures.check(
                "StatsResult-v1.hex",
                StatsResultSerializer.INSTANCE,
                List.of((StatsResult) all.get(4)));
    }
}
