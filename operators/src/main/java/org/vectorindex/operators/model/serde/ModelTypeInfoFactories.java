package org.vectorindex.operators.model.serde;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;

/** The {@code @TypeInfo} factories named on the model classes; each returns {@link ModelTypes}. */
public final class ModelTypeInfoFactories {
    private ModelTypeInfoFactories() {}

    public static final class MutationInfo extends TypeInfoFactory<Mutation> {
        @Override
        public TypeInformation<Mutation> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return ModelTypes.MUTATION;
        }
    }

    public static final class QueryInfo extends TypeInfoFactory<Query> {
        @Override
        public TypeInformation<Query> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return ModelTypes.QUERY;
        }
    }

    public static final class RawRecordInfo extends TypeInfoFactory<RawRecord> {
        @Override
        public TypeInformation<RawRecord> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return ModelTypes.RAW_RECORD;
        }
    }

    public static final class DeadLetterInfo extends TypeInfoFactory<DeadLetter> {
        @Override
        public TypeInformation<DeadLetter> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return ModelTypes.DEAD_LETTER;
        }
    }

    public static final class QueryResultInfo extends TypeInfoFactory<QueryResult> {
        @Override
        public TypeInformation<QueryResult> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return ModelTypes.QUERY_RESULT;
        }
    }

    public static final class SubscriptionUpdateInfo extends TypeInfoFactory<SubscriptionUpdate> {
        @Override
        public TypeInformation<SubscriptionUpdate> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return ModelTypes.SUBSCRIPTION_UPDATE;
        }
    }

    public static final class ResultRecordInfo extends TypeInfoFactory<ResultRecord> {
        @Override
        public TypeInformation<ResultRecord> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return ModelTypes.RESULT_RECORD;
        }
    }

    public static final class StatsResultInfo extends TypeInfoFactory<StatsResult> {
        @Override
        public TypeInformation<StatsResult> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return ModelTypes.STATS_RESULT;
        }
    }
}
