package org.vectorindex.operators.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.types.OperatorTypes;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;

/**
 * Keyed by request id, before the fan-out: remembers which collection each open subscriptionId
 * belongs to, and refuses a subscribe that reuses an id open on another collection ({@link
 * #REJECTED}). Re-subscribing on the same collection replaces the subscription, as before; after an
 * unsubscribe the id is free for any collection. Without this, one id would be open on two
 * collections whose shard counts differ, which the merger keys by id alone. Every other request
 * passes through unchanged.
 */
@Internal
public final class SubscriptionIds extends KeyedProcessFunction<String, ShardQuery, ShardQuery> {
    private static final long serialVersionUID = 1L;

    /** Subscribes refused because their id is open on another collection. */
    public static final OutputTag<ShardRejection> REJECTED =
            new OutputTag<>("subscription-id-rejected", OperatorTypes.SHARD_REJECTION);

    private final Set<String> collections = new HashSet<>();
    private transient ValueState<String> openOn;

    public SubscriptionIds(List<CollectionSpec> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new IllegalArgumentException("SubscriptionIds: no collections given");
        }
        specs.forEach(c -> collections.add(c.name()));
    }

    @Override
    public void open(OpenContext openContext) {
        openOn =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "subscription-collection", StringSerializer.INSTANCE));
    }

    @Override
    public void processElement(ShardQuery q, Context ctx, Collector<ShardQuery> out)
            throws Exception {
        if (q.kind() == ShardQuery.Kind.SUBSCRIBE && collections.contains(q.collection())) {
            String open = openOn.value();
            if (open != null && !open.equals(q.collection())) {
                ctx.output(
                        REJECTED,
                        ShardRejection.of(
                                q,
                                q.collection(),
                                "subscriptionId is open on collection '"
                                        + open
                                        + "'; unsubscribe it first or use another id"));
                return;
            }
            openOn.update(q.collection());
        } else if (q.kind() == ShardQuery.Kind.UNSUBSCRIBE
                && (q.collection() == null || q.collection().equals(openOn.value()))) {
            openOn.clear();
        }
        out.collect(q);
    }
}
