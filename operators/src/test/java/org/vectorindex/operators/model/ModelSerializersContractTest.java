package org.vectorindex.operators.model;

import java.lang.reflect.Array;
import java.util.List;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Nested;
import org.vectorindex.state.testing.DeepEquals;

/** Flink's own serializer contract checks for the model serializers besides the mutation's. */
class ModelSerializersContractTest {

    /** One serializer over the shared sample values; immutable values have no empty instance. */
    abstract static class Contract<T> extends SerializerTestBase<T> {
        private final TypeSerializer<T> serializer;
        private final Class<T> type;
        private final List<? extends T> values;

        Contract(TypeSerializer<T> serializer, Class<T> type, List<? extends T> values) {
            super(DeepEquals.checker());
            this.serializer = serializer;
            this.type = type;
            this.values = values;
        }

        @Override
        protected TypeSerializer<T> createSerializer() {
            return serializer;
        }

        @Override
        protected boolean allowNullInstances(TypeSerializer<T> s) {
            return true;
        }

        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected Class<T> getTypeClass() {
            return type;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected T[] getTestData() {
            return values.toArray((T[]) Array.newInstance(type, 0));
        }
    }

    @Nested
    class Queries extends Contract<Query> {
        Queries() {
            super(QuerySerializer.INSTANCE, Query.class, ModelSerializersTest.QUERIES);
        }
    }

    @Nested
    class RawRecords extends Contract<RawRecord> {
        RawRecords() {
            super(RawRecordSerializer.INSTANCE, RawRecord.class, ModelSerializersTest.RAWS);
        }
    }

    @Nested
    class DeadLetters extends Contract<DeadLetter> {
        DeadLetters() {
            super(
                    DeadLetterSerializer.INSTANCE,
                    DeadLetter.class,
                    ModelSerializersTest.DEAD_LETTERS);
        }
    }

    @Nested
    class ResultRecords extends Contract<ResultRecord> {
        ResultRecords() {
            super(
                    ResultRecordSerializer.INSTANCE,
                    ResultRecord.class,
                    ModelSerializersTest.RESULTS);
        }
    }

    @Nested
    class QueryResults extends Contract<QueryResult> {
        QueryResults() {
            super(QueryResultSerializer.INSTANCE, QueryResult.class, results(QueryResult.class));
        }
    }

    @Nested
    class SubscriptionUpdates extends Contract<SubscriptionUpdate> {
        SubscriptionUpdates() {
            super(
                    SubscriptionUpdateSerializer.INSTANCE,
                    SubscriptionUpdate.class,
                    results(SubscriptionUpdate.class));
        }
    }

    @Nested
    class StatsResults extends Contract<StatsResult> {
        StatsResults() {
            super(StatsResultSerializer.INSTANCE, StatsResult.class, results(StatsResult.class));
        }
    }

    /** The sample results of one kind. */
    private static <R> List<R> results(Class<R> type) {
        return ModelSerializersTest.RESULTS.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
