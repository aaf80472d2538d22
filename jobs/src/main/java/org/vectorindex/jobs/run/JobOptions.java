package org.vectorindex.jobs.run;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.vectorindex.operators.fault.FailureInjection;

/**
 * Settings of the streaming job beyond the Kafka plumbing ({@link
 * org.vectorindex.connectors.kafka.KafkaOptions}). {@code RunCommand} fills them from flags; a
 * cluster deployment may set them in its configuration too.
 */
public final class JobOptions {
    private JobOptions() {}

    public static final ConfigOption<String> COLLECTIONS_FILE =
            ConfigOptions.key("vectorindex.collections-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "YAML or JSON file declaring the collections (see"
                                    + " connectors/FORMATS.md); read once when the job is built.");

    public static final ConfigOption<StateBackend> STATE_BACKEND =
            ConfigOptions.key("vectorindex.state-backend")
                    .enumType(StateBackend.class)
                    .defaultValue(StateBackend.ROCKSDB)
                    .withDescription(
                            "Where keyed state (the indexes) lives: RocksDB with incremental"
                                    + " checkpoints, or the heap (faster, bounded by memory,"
                                    + " full checkpoints).");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("vectorindex.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "Exactly-once checkpoint interval. Output becomes visible to"
                                    + " read_committed consumers when a checkpoint completes, so"
                                    + " this bounds the output latency from below.");

    public static final ConfigOption<String> STATE_DIR =
            ConfigOptions.key("vectorindex.state-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Directory (path or URI) where checkpoints are kept, also after"
                                    + " cancellation. A job started with a directory that holds a"
                                    + " completed checkpoint resumes from the one completed last,"
                                    + " unless an explicit savepoint or checkpoint is given"
                                    + " (-s, execution.savepoint.path), which wins. Without"
                                    + " it, a local run checkpoints to a temporary directory (a"
                                    + " restart starts without state and rebuilds the index from"
                                    + " the mutations topic) and a cluster run uses the cluster's"
                                    + " execution.checkpointing.dir.");

    public static final ConfigOption<Integer> WEB_UI_PORT =
            ConfigOptions.key("vectorindex.web-ui-port")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Local runs only (java -jar): serve the Flink web UI and REST API on"
                                    + " 127.0.0.1 at this port, to watch the job, its checkpoints"
                                    + " and its metrics (group 'vectorindex') live. Unset: the"
                                    + " REST API listens on a random port and is not announced."
                                    + " A cluster run uses the cluster's web UI.");

    public static final ConfigOption<Boolean> BOUNDED_INPUT =
            ConfigOptions.key("vectorindex.bounded-input")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop reading at the input offsets that are latest at start and"
                                    + " finish (tests and one-off loads). Checkpoints of a"
                                    + " finished job are discarded.");

    public static final ConfigOption<Integer> RESTART_ATTEMPTS =
            ConfigOptions.key("vectorindex.restart-attempts")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Set: a fixed-delay restart strategy (500 ms) with this many"
                                    + " attempts. Unset (the default): no strategy is imposed,"
                                    + " so a cluster's restart-strategy settings apply, and"
                                    + " locally Flink's default (exponential delay, unbounded"
                                    + " attempts). Each restart resumes from the last completed"
                                    + " checkpoint.");

    /** Testing only; see {@link FailureInjection}. */
    public static final ConfigOption<String> FAIL_INDEX_AT = FailureInjection.INDEX_PLAN;

    public static final ConfigOption<String> FAIL_MERGE_AT = FailureInjection.MERGE_PLAN;
    public static final ConfigOption<String> FAILURE_MARKER_DIR = FailureInjection.MARKER_DIR;

    /** Choice of keyed state backend. */
    public enum StateBackend {
        ROCKSDB,
        HEAP
    }
}
