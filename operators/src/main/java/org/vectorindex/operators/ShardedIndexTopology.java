package org.vectorindex.operators;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.vectorindex.operators.fault.FailureInjection;
import org.vectorindex.operators.index.RecallSampling;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.index.ShardIndexOperator;
import org.vectorindex.operators.index.ShardIndexStore;
import org.vectorindex.operators.merge.ResultMergeFunction;
import org.vectorindex.operators.merge.ResultMergeOperator;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.routing.ShardFanOut;
import org.vectorindex.operators.routing.ShardPlacement;
import org.vectorindex.operators.routing.SubscriptionIds;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.OperatorTypes;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;

/**
 * Wires the sharded topology onto two streams of the topology's own types: keyBy shard for
 * mutations; keyBy request id (the subscription-id check), fan-out and keyBy shard for queries
 * (both shard keyBys by the placed key of {@link ShardPlacement}); the index operator, keyBy merge
 * key ({@link PartialResult#mergeKey}), the merger. Every edge uses this module's explicit
 * serializers, and every operator has a stable uid so savepoints survive job changes. Users go
 * through {@link VectorIndex}, which maps their records onto these inputs.
 */
@Internal
public final class ShardedIndexTopology {
    /** Uids of the stateful operators, stable across releases. */
    public static final String FAN_OUT_UID = "vector-index-fan-out";

    public static final String SUBSCRIPTION_IDS_UID = "vector-index-subscription-ids";

    public static final String INDEX_UID = "vector-index-shards";
    public static final String MERGE_UID = "vector-index-merge";

    /** Name of the index operator's vertex, as the web UI and the REST API show it. */
    public static final String INDEX_NAME = "shard index";

    /**
     * Buffer timeout of the query path's network edges. A one-shot query crosses three of them (to
     * the subscription-id check, to the shards, to the merger); at Flink's default of 100 ms per
     * edge a lightly loaded job answered in about 160 ms at the median, at 5 ms in 15 ms. The
     * mutation path keeps {@code execution.buffer-timeout.interval}, where full buffers matter.
     */
    public static final ConfigOption<Duration> QUERY_BUFFER_TIMEOUT =
            ConfigOptions.key("vectorindex.query-buffer-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMillis(5))
                    .withDescription(
                            "How long a network buffer on the query path (queries to the shards,"
                                    + " partial results and subscription updates to the merger)"
                                    + " waits to fill before it is sent; 0 sends every record at"
                                    + " once. Mutations keep execution.buffer-timeout.interval.");

    private ShardedIndexTopology() {}

    /** The topology's outputs. */
    public record Outputs(
            DataStream<MergedResult> results, DataStream<ShardRejection> rejections) {}

    /**
     * @param mutations parsed, valid mutations (see {@link ShardMutation#upsert})
     * @param queries parsed, valid, unrouted requests (see {@link ShardQuery#knn})
     * @param store where shard indexes live; {@code ShardIndexFunction.withHnsw} uses {@link
     *     org.vectorindex.operators.index.KeyedShardIndexStore}
     */
    public static Outputs apply(
            DataStream<ShardMutation> mutations,
            DataStream<ShardQuery> queries,
            List<CollectionSpec> collections,
            ShardIndexStore store) {
        return apply(
                mutations,
                queries,
                collections,
                store,
                new RecallSampling(RecallSampling.SAMPLE_FRACTION.defaultValue()));
    }

    /** As below, with the default {@link #QUERY_BUFFER_TIMEOUT}. */
    public static Outputs apply(
            DataStream<ShardMutation> mutations,
            DataStream<ShardQuery> queries,
            List<CollectionSpec> collections,
            ShardIndexStore store,
            RecallSampling recall) {
        return apply(
                mutations,
                queries,
                collections,
                store,
                recall,
                QUERY_BUFFER_TIMEOUT.defaultValue());
    }

    /**
     * As above, choosing which one-shot queries the shards also answer by exact scan and the query
     * path's buffer timeout. Recovery tests make the index operator or the merger throw through the
     * job's global parameters ({@link FailureInjection#INDEX_PLAN}, {@link
     * FailureInjection#MERGE_PLAN}).
     */
    public static Outputs apply(
            DataStream<ShardMutation> mutations,
            DataStream<ShardQuery> queries,
            List<CollectionSpec> collections,
            ShardIndexStore store,
            RecallSampling recall,
            Duration queryBufferTimeout) {
        if (mutations == null || queries == null) {
            throw new IllegalArgumentException("ShardedIndexTopology: an input stream is missing");
        }
        Map<String, String> parameters =
                mutations.getExecutionEnvironment().getConfig().getGlobalJobParameters().toMap();
        FailureInjection indexFailures =
                FailureInjection.fromJobParameters(
                        "index", FailureInjection.INDEX_PLAN, parameters);
        FailureInjection mergeFailures =
                FailureInjection.fromJobParameters(
                        "merge", FailureInjection.MERGE_PLAN, parameters);
        int maxParallelism = mutations.getExecutionEnvironment().getMaxParallelism();
        ShardPlacement placement =
                new ShardPlacement(
                        collections,
                        maxParallelism > 0
                                ? maxParallelism
                                : ShardPlacement.DEFAULT_MAX_PARALLELISM);
        SingleOutputStreamOperator<ShardQuery> checked =
                queries.keyBy(ShardQuery::requestId, Types.STRING)
                        .process(new SubscriptionIds(collections), OperatorTypes.SHARD_QUERY)
                        .name("check subscription ids")
                        .uid(SUBSCRIPTION_IDS_UID);
        SingleOutputStreamOperator<ShardQuery> routed =
                checked.process(new ShardFanOut(collections), OperatorTypes.SHARD_QUERY)
                        .name("fan-out to shards")
                        .uid(FAN_OUT_UID)
                        .setBufferTimeout(queryBufferTimeout.toMillis());
        SingleOutputStreamOperator<PartialResult> partials =
                mutations
                        .keyBy(m -> placement.keyOf(m.shardKey()), Types.STRING)
                        .connect(routed.keyBy(q -> placement.keyOf(q.shardKey()), Types.STRING))
                        .transform(
                                INDEX_NAME,
                                OperatorTypes.PARTIAL_RESULT,
                                new ShardIndexOperator(
                                        new ShardIndexFunction(collections, store)
                                                .withFailureInjection(indexFailures)
                                                .withRecallSampling(recall)))
                        .uid(INDEX_UID)
                        .setBufferTimeout(queryBufferTimeout.toMillis())
                        // The placement holds for this value only.
                        .setMaxParallelism(placement.maxParallelism());
        SingleOutputStreamOperator<MergedResult> merged =
                partials.keyBy(PartialResult::mergeKey, Types.STRING)
                        .transform(
                                "merge partial results",
                                OperatorTypes.MERGED_RESULT,
                                new ResultMergeOperator(
                                        new ResultMergeFunction()
                                                .withFailureInjection(mergeFailures)))
                        .uid(MERGE_UID);
        DataStream<MergedResult> results =
                merged.union(partials.getSideOutput(ShardIndexFunction.VECTORS));
        DataStream<ShardRejection> rejections =
                checked.getSideOutput(SubscriptionIds.REJECTED)
                        .union(
                                routed.getSideOutput(ShardFanOut.REJECTED),
                                partials.getSideOutput(ShardIndexFunction.REJECTED));
        return new Outputs(results, rejections);
    }
}
