package org.vectorindex.operators.routing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.types.OperatorTypes;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;

/**
 * Step 3 of the topology: sends every query, subscription and unsubscription to each shard of its
 * collection, as one routed copy per shard, to be keyed by {@link ShardQuery#shardKey}. An
 * unsubscription that names no collection goes to every shard of every collection (only shards that
 * hold the subscription react); a get goes only to the shard that owns its target id. A request for
 * an unknown collection goes to {@link #REJECTED}.
 */
@Internal
public final class ShardFanOut extends ProcessFunction<ShardQuery, ShardQuery> {
    private static final long serialVersionUID = 1L;

    /** Requests that cannot be routed. */
    public static final OutputTag<ShardRejection> REJECTED =
            new OutputTag<>("fan-out-rejected", OperatorTypes.SHARD_REJECTION);

    private final TreeMap<String, Integer> shardsByCollection = new TreeMap<>();

    public ShardFanOut(List<CollectionSpec> collections) {
        if (collections == null || collections.isEmpty()) {
            throw new IllegalArgumentException("ShardFanOut: no collections given");
        }
        for (CollectionSpec c : collections) {
            if (shardsByCollection.put(c.name(), c.shards()) != null) {
                throw new IllegalArgumentException(
                        "ShardFanOut: collection '" + c.name() + "' twice");
            }
        }
    }

    @Override
    public void processElement(ShardQuery query, Context ctx, Collector<ShardQuery> out) {
        if (query.collection() == null) {
            if (query.kind() != ShardQuery.Kind.UNSUBSCRIBE) {
                reject(query, "collection is missing", ctx);
                return;
            }
            for (Map.Entry<String, Integer> e : shardsByCollection.entrySet()) {
                emit(query, e.getKey(), e.getValue(), out);
            }
            return;
        }
        Integer shards = shardsByCollection.get(query.collection());
        if (shards == null) {
            reject(query, "unknown collection '" + query.collection() + "'", ctx);
            return;
        }
        if (query.kind() == ShardQuery.Kind.GET) {
            // only the shard that owns the id holds its vector
            out.collect(
                    query.toShard(
                            query.collection(),
                            ShardKey.shardOf(query.targetId(), shards),
                            shards));
            return;
        }
        emit(query, query.collection(), shards, out);
    }

    private static void emit(
            ShardQuery query, String collection, int shards, Collector<ShardQuery> out) {
        for (int shard = 0; shard < shards; shard++) {
            out.collect(query.toShard(collection, shard, shards));
        }
    }

    private static void reject(ShardQuery query, String reason, Context ctx) {
        ctx.output(REJECTED, ShardRejection.of(query, query.collection(), reason));
    }
}
