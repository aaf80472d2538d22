package org.vectorindex.operators.model.serde;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;

/**
 * Type information of every model type, for {@code returns(...)}, {@code OutputTag}s and state
 * descriptors. The model classes also carry {@code @TypeInfo}, so Flink's type extraction finds
 * these on its own.
 */
public final class ModelTypes {
    private ModelTypes() {}

    public static final TypeInformation<Mutation> MUTATION =
            new ModelTypeInfo<>(Mutation.class, MutationSerializer.INSTANCE);
    public static final TypeInformation<Query> QUERY =
            new ModelTypeInfo<>(Query.class, QuerySerializer.INSTANCE);
    public static final TypeInformation<RawRecord> RAW_RECORD =
            new ModelTypeInfo<>(RawRecord.class, RawRecordSerializer.INSTANCE);
    public static final TypeInformation<DeadLetter> DEAD_LETTER =
            new ModelTypeInfo<>(DeadLetter.class, DeadLetterSerializer.INSTANCE);
    public static final TypeInformation<QueryResult> QUERY_RESULT =
            new ModelTypeInfo<>(QueryResult.class, QueryResultSerializer.INSTANCE);
    public static final TypeInformation<SubscriptionUpdate> SUBSCRIPTION_UPDATE =
            new ModelTypeInfo<>(SubscriptionUpdate.class, SubscriptionUpdateSerializer.INSTANCE);
    public static final TypeInformation<ResultRecord> RESULT_RECORD =
            new ModelTypeInfo<>(ResultRecord.class, ResultRecordSerializer.INSTANCE);
}
