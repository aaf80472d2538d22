package org.vectorindex.operators;

import java.util.Locale;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.types.OperatorTypes;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;

/**
 * Maps users' records onto the topology's inputs, for single- and multi-vector collections alike (a
 * multi-vector record's tokens travel as one flat array, see {@link ModelAdapter}). A record that
 * cannot be mapped (an undeclared collection, ragged tokens) goes to {@link #REJECTED}, so one bad
 * record never fails the job.
 */
final class TopologyInputs {
    static final OutputTag<ShardRejection> REJECTED =
            new OutputTag<>("input-rejected", OperatorTypes.SHARD_REJECTION);

    private TopologyInputs() {}

    /** Routes a mutation to its shard; the shard count comes from the declared collection. */
    static final class Mutations extends ProcessFunction<Mutation, ShardMutation> {
        private static final long serialVersionUID = 1L;
        private final CollectionRegistry collections;

        Mutations(CollectionRegistry collections) {
            this.collections = collections;
        }

        @Override
        public void processElement(Mutation m, Context ctx, Collector<ShardMutation> out) {
            ShardMutation routed;
            try {
                routed = ModelAdapter.mutation(m, collections.require(m.collection()).shards());
            } catch (IllegalArgumentException e) {
                ctx.output(
                        REJECTED,
                        new ShardRejection(
                                m.collection(),
                                m.op().name().toLowerCase(Locale.ROOT),
                                m.id(),
                                String.valueOf(e.getMessage()),
                                m.sourcePartition(),
                                m.sourceOffset()));
                return;
            }
            out.collect(routed);
        }
    }

    /** Stamps a query with its ingest time ({@code tookMs} counts from here). */
    static final class Queries extends ProcessFunction<Query, ShardQuery> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Query q, Context ctx, Collector<ShardQuery> out) {
            ShardQuery adapted;
            try {
                adapted = ModelAdapter.query(q, ctx.timerService().currentProcessingTime());
            } catch (IllegalArgumentException e) {
                ctx.output(
                        REJECTED,
                        new ShardRejection(
                                q.collection(),
                                q.type().name().toLowerCase(Locale.ROOT),
                                q.id(),
                                String.valueOf(e.getMessage()),
                                q.sourcePartition(),
                                q.sourceOffset()));
                return;
            }
            out.collect(adapted);
        }
    }
}
