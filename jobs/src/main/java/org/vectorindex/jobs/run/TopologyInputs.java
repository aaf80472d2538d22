package org.vectorindex.jobs.run;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.vectorindex.operators.ModelAdapter;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.serde.ModelTypes;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;

/**
 * Maps parsed records onto the HNSW topology's inputs. Records the topology cannot take
 * (multi-vector collections, until their operator exists) become dead letters on {@link
 * #UNSUPPORTED} instead of failing the job; that side output is the seam where a multi-vector
 * branch will attach.
 */
final class TopologyInputs {
    private TopologyInputs() {}

    /** Records the HNSW topology does not handle. */
    static final OutputTag<DeadLetter> UNSUPPORTED =
            new OutputTag<>("unsupported-records", ModelTypes.DEAD_LETTER);

    /** Routes a mutation to its shard. */
    static final class Mutations extends ProcessFunction<Mutation, ShardMutation> {
        private static final long serialVersionUID = 1L;
        private final CollectionRegistry collections;
        private final String topic;

        Mutations(CollectionRegistry collections, String topic) {
            this.collections = collections;
            this.topic = topic;
        }

        @Override
        public void processElement(Mutation m, Context ctx, Collector<ShardMutation> out) {
            if (m.isMultivector()) {
                ctx.output(
                        UNSUPPORTED,
                        DeadLetter.fromOperator(topic, m.id(), unsupported(m.collection())));
                return;
            }
            out.collect(ModelAdapter.mutation(m, collections.require(m.collection()).shards()));
        }
    }

    /** Stamps a query with its ingest time ({@code tookMs} counts from here). */
    static final class Queries extends ProcessFunction<Query, ShardQuery> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        Queries(String topic) {
            this.topic = topic;
        }

        @Override
        public void processElement(Query q, Context ctx, Collector<ShardQuery> out) {
            if (q.isMultivector()) {
                ctx.output(
                        UNSUPPORTED,
                        DeadLetter.fromOperator(topic, q.id(), unsupported(q.collection())));
                return;
            }
            out.collect(ModelAdapter.query(q, ctx.timerService().currentProcessingTime()));
        }
    }

    private static String unsupported(String collection) {
        return "multi-vector collection '"
                + collection
                + "' is not served by this job yet (HNSW collections only)";
    }
}
