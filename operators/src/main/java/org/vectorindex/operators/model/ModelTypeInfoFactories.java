package org.vectorindex.operators.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The {@code @TypeInfo} factories named on the model classes; each returns its {@link ModelTypes}
 * entry. Flink creates a factory by its no-argument constructor, hence one small class per type.
 */
@Internal
public final class ModelTypeInfoFactories {
    private ModelTypeInfoFactories() {}

    /** Answers with one fixed type information, whatever the generic parameters. */
    public abstract static class Fixed<T> extends TypeInfoFactory<T> {
        private final TypeInformation<T> type;

        protected Fixed(TypeInformation<T> type) {
            this.type = type;
        }

        @Override
        public final TypeInformation<T> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return type;
        }
    }

    public static final class MutationInfo extends Fixed<Mutation> {
        public MutationInfo() {
            super(ModelTypes.MUTATION);
        }
    }

    public static final class QueryInfo extends Fixed<Query> {
        public QueryInfo() {
            super(ModelTypes.QUERY);
        }
    }

    public static final class RawRecordInfo extends Fixed<RawRecord> {
        public RawRecordInfo() {
            super(ModelTypes.RAW_RECORD);
        }
    }

    public static final class DeadLetterInfo extends Fixed<DeadLetter> {
        public DeadLetterInfo() {
            super(ModelTypes.DEAD_LETTER);
        }
    }

    public static final class QueryResultInfo extends Fixed<QueryResult> {
        public QueryResultInfo() {
            super(ModelTypes.QUERY_RESULT);
        }
    }

    public static final class SubscriptionUpdateInfo extends Fixed<SubscriptionUpdate> {
        public SubscriptionUpdateInfo() {
            super(ModelTypes.SUBSCRIPTION_UPDATE);
        }
    }

    public static final class ResultRecordInfo extends Fixed<ResultRecord> {
        public ResultRecordInfo() {
            super(ModelTypes.RESULT_RECORD);
        }
    }

    public static final class StatsResultInfo extends Fixed<StatsResult> {
        public StatsResultInfo() {
            super(ModelTypes.STATS_RESULT);
        }
    }
}
