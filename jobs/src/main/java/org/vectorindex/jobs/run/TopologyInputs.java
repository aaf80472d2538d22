package org.vectorindex.jobs.run;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.vectorindex.operators.ModelAdapter;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;

/**
 * Maps parsed records onto the topology's inputs, for single- and multi-vector collections alike (a
 * multi-vector record's tokens travel as one flat array, see {@link ModelAdapter}).
 */
final class TopologyInputs {
    private TopologyInputs() {}

    /** Routes a mutation to its shard. */
    static final class Mutations extends ProcessFunction<Mutation, ShardMutation> {
        private static final long serialVersionUID = 1L;
        private final CollectionRegistry collections;

        Mutations(CollectionRegistry collections) {
            this.collections = collections;
        }

        @Override
        public void processElement(Mutation m, Context ctx, Collector<ShardMutation> out) {
            out.collect(ModelAdapter.mutation(m, collections.require(m.collection()).shards()));
        }
    }

    /** Stamps a query with its ingest time ({@code tookMs} counts from here). */
    static final class Queries extends ProcessFunction<Query, ShardQuery> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Query q, Context ctx, Collector<ShardQuery> out) {
            out.collect(ModelAdapter.query(q, ctx.timerService().currentProcessingTime()));
        }
    }
}
