package org.vectorindex.jobs.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.vectorindex.connectors.format.FormatSettings;
import org.vectorindex.connectors.format.ParseFunction;
import org.vectorindex.connectors.format.ParseMutationsFunction;
import org.vectorindex.connectors.format.ParseQueriesFunction;
import org.vectorindex.connectors.kafka.KafkaOptions;
import org.vectorindex.connectors.kafka.KafkaWiring;
import org.vectorindex.operators.ShardedIndexTopology;
import org.vectorindex.operators.VectorIndex;
import org.vectorindex.operators.fault.FailureInjection;
import org.vectorindex.operators.index.RecallSampling;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.ModelTypes;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;

/**
 * The streaming job: two KafkaSources, parse and validate (bad records to dead letters), the
 * sharded index topology, results as JSON to an exactly-once KafkaSink, and every dead letter
 * (parse rejections and records the operators refused) to a second exactly-once KafkaSink.
 *
 * <p>Every operator has a fixed uid: a restore maps checkpointed state to operators by uid, so
 * these strings must never change. {@link #flinkConfiguration} turns the job settings into Flink's
 * own (exactly-once checkpoints, state backend, retained checkpoints, resume path).
 */
public final class VectorIndexJob {
    /** Uids of the operators outside {@link VectorIndex} (which has its own). Never change them. */
    static final String MUTATIONS_SOURCE_UID = "vector-index-mutations-source";

    static final String QUERIES_SOURCE_UID = "vector-index-queries-source";
    static final String PARSE_MUTATIONS_UID = "vector-index-parse-mutations";
    static final String PARSE_QUERIES_UID = "vector-index-parse-queries";
    static final String RESULTS_SINK_UID = "vector-index-results-sink";
    static final String DLQ_SINK_UID = "vector-index-dead-letter-sink";

    private VectorIndexJob() {}

    /**
     * Flink settings derived from the job settings in {@code conf} (which is copied), resuming as
     * {@link Resume#decide} chooses from {@code conf} alone.
     */
    public static Configuration flinkConfiguration(Configuration conf) {
        return flinkConfiguration(conf, Resume.decide(conf, conf.get(JobOptions.STATE_DIR)));
    }

    /**
     * Flink settings derived from the job settings in {@code conf} (which is copied): exactly-once
     * checkpointing, the state backend, checkpoints retained in the state directory, and {@code
     * resume}'s path when it comes from the state directory (an explicit one is already where the
     * client put it). No restart strategy is set unless {@link JobOptions#RESTART_ATTEMPTS} is: a
     * cluster's own applies, and locally Flink's default (exponential delay, unbounded).
     */
    public static Configuration flinkConfiguration(Configuration conf, Resume resume) {
        Configuration c = new Configuration(conf);
        c.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        c.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                conf.get(JobOptions.CHECKPOINT_INTERVAL));
        boolean rocks = conf.get(JobOptions.STATE_BACKEND) == JobOptions.StateBackend.ROCKSDB;
        c.set(StateBackendOptions.STATE_BACKEND, rocks ? "rocksdb" : "hashmap");
        c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, rocks);
        conf.getOptional(JobOptions.RESTART_ATTEMPTS)
                .ifPresent(
                        attempts -> {
                            c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
                            c.set(
                                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS,
                                    attempts);
                            c.set(
                                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                                    Duration.ofMillis(500));
                        });
        String stateDir = conf.get(JobOptions.STATE_DIR);
        if (stateDir != null) {
            c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            c.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    CheckpointDirs.localPath(stateDir).toUri().toString());
            c.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (resume.source() == Resume.Source.STATE_DIR) {
            c.set(StateRecoveryOptions.SAVEPOINT_PATH, resume.path());
        }
        return c;
    }

    /**
     * Hands the testing-only failure plans to the operators, which read them from the job's global
     * parameters.
     */
    private static void forwardTestingOptions(StreamExecutionEnvironment env, Configuration conf) {
        Map<String, String> parameters =
                new HashMap<>(env.getConfig().getGlobalJobParameters().toMap());
        for (ConfigOption<String> option :
                List.of(
                        FailureInjection.INDEX_PLAN,
                        FailureInjection.MERGE_PLAN,
                        FailureInjection.MARKER_DIR)) {
            conf.getOptional(option).ifPresent(v -> parameters.put(option.key(), v));
        }
        if (!parameters.isEmpty()) {
            env.getConfig().setGlobalJobParameters(ParameterTool.fromMap(parameters));
        }
    }

    /**
     * Adds the job to {@code env}.
     *
     * @param conf job settings ({@link JobOptions}, {@link KafkaOptions})
     * @param kafkaClient pass-through Kafka client properties (security and others)
     * @param collections the declared collections
     */
    public static void build(
            StreamExecutionEnvironment env,
            Configuration conf,
            Properties kafkaClient,
            CollectionRegistry collections) {
        KafkaWiring kafka =
                KafkaWiring.from(conf, kafkaClient)
                        .boundedSources(conf.get(JobOptions.BOUNDED_INPUT));
        FormatSettings format = kafka.formatSettings();
        String mutationsTopic = conf.get(KafkaOptions.MUTATIONS_TOPIC);
        String queriesTopic = conf.get(KafkaOptions.QUERIES_TOPIC);

        SingleOutputStreamOperator<Mutation> mutations =
                env.fromSource(
                                kafka.mutationsSource(),
                                WatermarkStrategy.noWatermarks(),
                                "mutations")
                        .uid(MUTATIONS_SOURCE_UID)
                        .process(
                                new ParseMutationsFunction(collections, format),
                                ModelTypes.MUTATION)
                        .name("parse mutations")
                        .uid(PARSE_MUTATIONS_UID);
        SingleOutputStreamOperator<Query> queries =
                env.fromSource(kafka.queriesSource(), WatermarkStrategy.noWatermarks(), "queries")
                        .uid(QUERIES_SOURCE_UID)
                        .process(new ParseQueriesFunction(collections, format), ModelTypes.QUERY)
                        .name("parse queries")
                        .uid(PARSE_QUERIES_UID);

        forwardTestingOptions(env, conf);
        VectorIndex.Outputs out =
                VectorIndex.builder()
                        .collections(collections)
                        .recallSampleFraction(conf.get(RecallSampling.SAMPLE_FRACTION))
                        .queryBufferTimeout(conf.get(ShardedIndexTopology.QUERY_BUFFER_TIMEOUT))
                        .sourceNames(mutationsTopic, queriesTopic)
                        .build()
                        .apply(mutations, queries);

        out.records().sinkTo(kafka.resultsSink()).name("results sink").uid(RESULTS_SINK_UID);
        DataStream<DeadLetter> rejected = out.rejections();
        mutations
                .getSideOutput(ParseFunction.DEAD_LETTERS)
                .union(queries.getSideOutput(ParseFunction.DEAD_LETTERS), rejected)
                .sinkTo(kafka.deadLetterSink())
                .name("dead-letter sink")
                .uid(DLQ_SINK_UID);
    }
}
