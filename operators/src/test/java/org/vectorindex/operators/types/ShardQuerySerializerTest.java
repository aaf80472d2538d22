package org.vectorindex.operators.types;

import java.util.Map;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.vectorindex.state.testing.DeepEquals;

/** Flink's own serializer contract checks for the queries crossing the keyBy to the shards. */
class ShardQuerySerializerTest extends SerializerTestBase<ShardQuery> {

    ShardQuerySerializerTest() {
        super(DeepEquals.checker());
    }

    @Override
    protected TypeSerializer<ShardQuery> createSerializer() {
        return ShardQuerySerializer.INSTANCE;
    }

    /** Immutable values: there is no empty instance to reuse. */
    @Override
    protected boolean allowNullInstances(TypeSerializer<ShardQuery> serializer) {
        return true;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<ShardQuery> getTypeClass() {
        return ShardQuery.class;
    }

    @Override
    protected ShardQuery[] getTestData() {
        return new ShardQuery[] {
            ShardQuery.knn("q", "c", new float[] {1f, 2f}, 3, 0, Map.of("a", "b"), 5L)
                    .at(1, 2L)
                    .toShard("c", 0, 2),
            ShardQuery.unsubscribe("s", null, 0L),
            ShardQuery.stats("st", "c", 1L),
            ShardQuery.get("g", "c", "\u20ac".repeat(30_000), 1L).toShard("c", 1, 2)
        };
    }
}
