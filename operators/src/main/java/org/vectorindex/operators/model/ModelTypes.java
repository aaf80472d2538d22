package org.vectorindex.operators.model;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.vectorindex.operators.types.ExplicitTypeInfo;

/**
 * Type information of every model type, for {@code returns(...)}, {@code OutputTag}s and state
 * descriptors. The model classes also carry {@code @TypeInfo}, so Flink's type extraction finds
 * these on its own.
 */
@PublicEvolving
public final class ModelTypes {
    private ModelTypes() {}

    public static final TypeInformation<Mutation> MUTATION =
            new ExplicitTypeInfo<>(Mutation.class, MutationSerializer.INSTANCE);
    public static final TypeInformation<Query> QUERY =
            new ExplicitTypeInfo<>(Query.class, QuerySerializer.INSTANCE);
    public static final TypeInformation<RawRecord> RAW_RECORD =
            new ExplicitTypeInfo<>(RawRecord.class, RawRecordSerializer.INSTANCE);
    public static final TypeInformation<DeadLetter> DEAD_LETTER =
            new ExplicitTypeInfo<>(DeadLetter.class, DeadLetterSerializer.INSTANCE);
    public static final TypeInformation<QueryResult> QUERY_RESULT =
            new ExplicitTypeInfo<>(QueryResult.class, QueryResultSerializer.INSTANCE);
    public static final TypeInformation<SubscriptionUpdate> SUBSCRIPTION_UPDATE =
            new ExplicitTypeInfo<>(SubscriptionUpdate.class, SubscriptionUpdateSerializer.INSTANCE);
    public static final TypeInformation<StatsResult> STATS_RESULT =
            new ExplicitTypeInfo<>(StatsResult.class, StatsResultSerializer.INSTANCE);
    public static final TypeInformation<ResultRecord> RESULT_RECORD =
            new ExplicitTypeInfo<>(ResultRecord.class, ResultRecordSerializer.INSTANCE);
}
