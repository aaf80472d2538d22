package org.vectorindex.operators.types;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Type information of every type that flows between this module's operators. */
@Internal
public final class OperatorTypes {
    private OperatorTypes() {}

    public static final TypeInformation<ShardMutation> SHARD_MUTATION =
            new ExplicitTypeInfo<>(ShardMutation.class, ShardMutationSerializer.INSTANCE);
    public static final TypeInformation<ShardQuery> SHARD_QUERY =
            new ExplicitTypeInfo<>(ShardQuery.class, ShardQuerySerializer.INSTANCE);
    public static final TypeInformation<PartialResult> PARTIAL_RESULT =
            new ExplicitTypeInfo<>(PartialResult.class, PartialResultSerializer.INSTANCE);
    public static final TypeInformation<MergedResult> MERGED_RESULT =
            new ExplicitTypeInfo<>(MergedResult.class, MergedResultSerializer.INSTANCE);
    public static final TypeInformation<ShardRejection> SHARD_REJECTION =
            new ExplicitTypeInfo<>(ShardRejection.class, ShardRejectionSerializer.INSTANCE);
}
