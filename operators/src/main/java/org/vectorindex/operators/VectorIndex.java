package org.vectorindex.operators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.vectorindex.operators.index.KeyedShardIndexStore;
import org.vectorindex.operators.index.RecallSampling;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.ModelTypes;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.types.OperatorTypes;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;

/**
 * The vector index as a piece of a user's own DataStream job: streams of {@link Mutation}s and
 * {@link Query}s in (ids, vectors and attributes; the shard of a record is this class's business),
 * results, subscription updates and rejected records out.
 *
 * <pre>{@code
 * VectorIndex.Outputs out =
 *         VectorIndex.builder().collections(Path.of("collections.yaml")).build()
 *                 .apply(mutations, queries);
 * out.results().sinkTo(...);
 * out.rejections().sinkTo(...);
 * }</pre>
 *
 * <p>Every operator it adds has a fixed uid, so a job built on it restores its checkpoints after
 * changes elsewhere in the job. Shard indexes live in keyed state: the job's state backend (RocksDB
 * or heap) holds them.
 */
@PublicEvolving
public final class VectorIndex {
    /** Uids of the operators around the sharded topology (which has its own). Never change them. */
    public static final String ROUTE_MUTATIONS_UID = "vector-index-route-mutations";

    public static final String ADAPT_QUERIES_UID = "vector-index-adapt-queries";
    public static final String RESULTS_UID = "vector-index-results-to-records";
    public static final String REJECTIONS_UID = "vector-index-rejections-to-dead-letters";
    public static final String ONE_SHOT_RESULTS_UID = "vector-index-one-shot-results";
    public static final String SUBSCRIPTION_UPDATES_UID = "vector-index-subscription-updates";

    private final CollectionRegistry collections;
    private final double recallSampleFraction;
    private final Duration queryBufferTimeout;
    private final String mutationsSource;
    private final String queriesSource;

    private VectorIndex(Builder b) {
        this.collections = b.collections;
        this.recallSampleFraction = b.recallSampleFraction;
        this.queryBufferTimeout = b.queryBufferTimeout;
        this.mutationsSource = b.mutationsSource;
        this.queriesSource = b.queriesSource;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The declared collections. */
    public CollectionRegistry collections() {
        return collections;
    }

    /**
     * Adds the index to the job of {@code mutations}. Both streams must belong to the same
     * execution environment; their order within a collection's shard is the order the index sees.
     */
    public Outputs apply(DataStream<Mutation> mutations, DataStream<Query> queries) {
        if (mutations == null) {
            throw new IllegalArgumentException(
                    "VectorIndex.apply: the mutations stream is missing");
        }
        if (queries == null) {
            throw new IllegalArgumentException("VectorIndex.apply: the queries stream is missing");
        }
        SingleOutputStreamOperator<ShardMutation> shardMutations =
                mutations
                        .process(
                                new TopologyInputs.Mutations(collections),
                                OperatorTypes.SHARD_MUTATION)
                        .name("route mutations")
                        .uid(ROUTE_MUTATIONS_UID);
        SingleOutputStreamOperator<ShardQuery> shardQueries =
                queries.process(new TopologyInputs.Queries(), OperatorTypes.SHARD_QUERY)
                        .name("adapt queries")
                        .uid(ADAPT_QUERIES_UID)
                        .setBufferTimeout(queryBufferTimeout.toMillis());

        ShardedIndexTopology.Outputs out =
                ShardedIndexTopology.apply(
                        shardMutations,
                        shardQueries,
                        collections.all(),
                        new KeyedShardIndexStore(),
                        new RecallSampling(recallSampleFraction),
                        queryBufferTimeout);

        DataStream<ResultRecord> results =
                out.results()
                        .map(ModelAdapter::result, ModelTypes.RESULT_RECORD)
                        .name("results to records")
                        .uid(RESULTS_UID);
        String mutationsTopic = mutationsSource;
        String queriesTopic = queriesSource;
        DataStream<DeadLetter> rejections =
                out.rejections()
                        .union(
                                shardMutations.getSideOutput(TopologyInputs.REJECTED),
                                shardQueries.getSideOutput(TopologyInputs.REJECTED))
                        .map(
                                r -> ModelAdapter.deadLetter(r, mutationsTopic, queriesTopic),
                                ModelTypes.DEAD_LETTER)
                        .name("rejections to dead letters")
                        .uid(REJECTIONS_UID);
        return new Outputs(results, rejections);
    }

    /**
     * What the index emits. {@link #records()} is every answer in one stream, as one results topic
     * would carry it; {@link #results()} and {@link #subscriptionUpdates()} split it by kind (each
     * adds its filter to the job on first use).
     */
    @PublicEvolving
    public static final class Outputs {
        private final DataStream<ResultRecord> records;
        private final DataStream<DeadLetter> rejections;
        private DataStream<ResultRecord> results;
        private DataStream<SubscriptionUpdate> updates;

        private Outputs(DataStream<ResultRecord> records, DataStream<DeadLetter> rejections) {
            this.records = records;
            this.rejections = rejections;
        }

        /**
         * One-shot answers, statistics, stored vectors and subscription updates, keyed by key().
         */
        public DataStream<ResultRecord> records() {
            return records;
        }

        /** Answers of one-shot requests: k-NN results, statistics and stored vectors. */
        public DataStream<ResultRecord> results() {
            if (results == null) {
                results =
                        records.filter(r -> !(r instanceof SubscriptionUpdate))
                                .name("one-shot results")
                                .uid(ONE_SHOT_RESULTS_UID);
            }
            return results;
        }

        /** Changes of standing queries' top-k, each with the version and the mutation behind it. */
        public DataStream<SubscriptionUpdate> subscriptionUpdates() {
            if (updates == null) {
                updates =
                        records.flatMap(
                                        (ResultRecord r, Collector<SubscriptionUpdate> c) -> {
                                            if (r instanceof SubscriptionUpdate u) {
                                                c.collect(u);
                                            }
                                        },
                                        ModelTypes.SUBSCRIPTION_UPDATE)
                                .name("subscription updates")
                                .uid(SUBSCRIPTION_UPDATES_UID);
            }
            return updates;
        }

        /**
         * Records the index refused (undeclared collection, wrong dimension, bad k...), each with
         * the reason; none of them fails the job.
         */
        public DataStream<DeadLetter> rejections() {
            return rejections;
        }
    }

    /** Builds a {@link VectorIndex}; {@link #build} names whatever is missing. */
    @PublicEvolving
    public static final class Builder {
        private CollectionRegistry collections;
        private double recallSampleFraction = RecallSampling.SAMPLE_FRACTION.defaultValue();
        private Duration queryBufferTimeout =
                ShardedIndexTopology.QUERY_BUFFER_TIMEOUT.defaultValue();
        private String mutationsSource;
        private String queriesSource;

        private Builder() {}

        /** The collections declared in a collections file (YAML, or JSON for {@code .json}). */
        public Builder collections(Path collectionsFile) {
            Objects.requireNonNull(collectionsFile, "collections: the collections file is null");
            return collections(CollectionsFile.load(collectionsFile));
        }

        /** The given collections, in this order. */
        public Builder collections(CollectionSpec... specs) {
            Objects.requireNonNull(specs, "collections: the specs are null");
            return collections(List.of(specs));
        }

        /** The given collections, in this order. */
        public Builder collections(List<CollectionSpec> specs) {
            Objects.requireNonNull(specs, "collections: the specs are null");
            if (specs.isEmpty()) {
                throw new IllegalArgumentException("collections: no collection is given");
            }
            return collections(CollectionRegistry.of(specs));
        }

        /** The collections of a registry (as {@link CollectionsFile#load} returns). */
        public Builder collections(CollectionRegistry registry) {
            Objects.requireNonNull(registry, "collections: the registry is null");
            if (collections != null) {
                throw new IllegalStateException(
                        "collections are already set to " + collections.asMap().keySet());
            }
            collections = registry;
            return this;
        }

        /**
         * Share of one-shot k-NN queries that the shards also answer by exact scan, to report
         * recall as a metric (0 turns it off).
         */
        public Builder recallSampleFraction(double fraction) {
            new RecallSampling(fraction); // fails here, naming the range, not at build()
            recallSampleFraction = fraction;
            return this;
        }

        /**
         * How long a network buffer on the query path waits to fill before it is sent (default 5
         * ms; {@link ShardedIndexTopology#QUERY_BUFFER_TIMEOUT}); 0 sends every record at once.
         */
        public Builder queryBufferTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "queryBufferTimeout: the duration is null");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(
                        "queryBufferTimeout must not be negative, got " + timeout);
            }
            queryBufferTimeout = timeout;
            return this;
        }

        /**
         * Names of the sources the two input streams come from (Kafka topics, say), written into
         * each dead letter so it points at the refused record; unset, dead letters carry none.
         */
        public Builder sourceNames(String mutations, String queries) {
            mutationsSource = mutations;
            queriesSource = queries;
            return this;
        }

        public VectorIndex build() {
            if (collections == null) {
                throw new IllegalStateException(
                        "VectorIndex.builder(): the collections are missing; call"
                                + " collections(Path collectionsFile) or"
                                + " collections(CollectionSpec...) before build()");
            }
            return new VectorIndex(this);
        }
    }
}
