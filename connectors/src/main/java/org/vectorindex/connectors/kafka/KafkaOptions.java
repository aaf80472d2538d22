package org.vectorindex.connectors.kafka;

import java.time.Duration;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.vectorindex.connectors.format.FieldLimits;

/** Flink-level settings of the job's Kafka plumbing, as {@link ConfigOption}s. */
@Internal
public final class KafkaOptions {
    private KafkaOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("vectorindex.kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka bootstrap servers, host:port[,host:port...].");

    public static final ConfigOption<String> MUTATIONS_TOPIC =
            ConfigOptions.key("vectorindex.kafka.mutations-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Topic of upserts and deletes (JSON or binary envelope).");

    public static final ConfigOption<String> QUERIES_TOPIC =
            ConfigOptions.key("vectorindex.kafka.queries-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Topic of knn queries, subscribes and unsubscribes.");

    public static final ConfigOption<String> RESULTS_TOPIC =
            ConfigOptions.key("vectorindex.kafka.results-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Topic the one-shot results and subscription updates go to.");

    public static final ConfigOption<String> DLQ_TOPIC =
            ConfigOptions.key("vectorindex.kafka.dlq-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Topic every unparsable or invalid input record goes to.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("vectorindex.kafka.group-id")
                    .stringType()
                    .defaultValue("flink-vector-index")
                    .withDescription(
                            "Consumer group of the sources. Offsets are committed to it on"
                                    + " checkpoints for monitoring only; recovery uses the"
                                    + " offsets in Flink's checkpoint.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("vectorindex.kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("flink-vector-index")
                    .withDescription(
                            "Prefix of the exactly-once sinks' transactional ids ('-results' and"
                                    + " '-dlq' are appended). Must be unique per job on the"
                                    + " cluster, and stable across restarts of the same job, so"
                                    + " lingering transactions of a crashed run are aborted.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("vectorindex.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "transaction.timeout.ms of the exactly-once sinks. A transaction"
                                    + " pre-committed in a checkpoint is committed only after"
                                    + " the job recovers, so this must exceed the checkpoint"
                                    + " interval plus the longest recovery (TaskManager loss"
                                    + " detection, restart delay, restore), with margin; a"
                                    + " broker aborts it after the timeout and that output is"
                                    + " lost. It must not exceed the broker's"
                                    + " transaction.max.timeout.ms (15 minutes by default;"
                                    + " KafkaSink's own default of 1 h is rejected by such"
                                    + " brokers). Longer is not free: a transaction left open"
                                    + " by a crashed job that is never restarted holds back"
                                    + " read_committed consumers until it times out.");

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
            ConfigOptions.key("vectorindex.kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED_OR_EARLIEST)
                    .withDescription(
                            "Where a job without restored state starts reading the queries"
                                    + " topic: by default the consumer group's committed offsets"
                                    + " (committed on each completed checkpoint), so a query is"
                                    + " neither answered twice nor skipped. A job restored from"
                                    + " a checkpoint always resumes from the checkpointed"
                                    + " offsets.");

    public static final ConfigOption<StartingOffsets> MUTATIONS_STARTING_OFFSETS =
            ConfigOptions.key("vectorindex.kafka.mutations-starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.EARLIEST)
                    .withDescription(
                            "Where a job without restored state starts reading the mutations"
                                    + " topic. The topic is the index's source of truth, so by"
                                    + " default an index without state is rebuilt from its"
                                    + " earliest offset; a committed offset would silently skip"
                                    + " every vector before it. A job restored from a checkpoint"
                                    + " always resumes from the checkpointed offsets.");

    public static final ConfigOption<Integer> MAX_RECORD_BYTES =
            ConfigOptions.key("vectorindex.format.max-record-bytes")
                    .intType()
                    .defaultValue(1 << 20)
                    .withDescription(
                            "Input records with a larger value are dead-lettered as 'oversized'"
                                    + " without being parsed.");

    public static final ConfigOption<Integer> MAX_ID_BYTES =
            ConfigOptions.key("vectorindex.format.max-id-bytes")
                    .intType()
                    .defaultValue(FieldLimits.DEFAULT_MAX_ID_BYTES)
                    .withDescription(
                            "Longest id, queryId or subscriptionId, in UTF-8 bytes (at most"
                                    + " 32768); a longer one is dead-lettered as"
                                    + " 'field_too_long'.");

    public static final ConfigOption<Integer> MAX_ATTRIBUTE_KEY_BYTES =
            ConfigOptions.key("vectorindex.format.max-attribute-key-bytes")
                    .intType()
                    .defaultValue(FieldLimits.DEFAULT_MAX_ATTRIBUTE_KEY_BYTES)
                    .withDescription(
                            "Longest key of a mutation's attributes or a query's filter, in UTF-8"
                                    + " bytes (at most 32768); a longer one is dead-lettered as"
                                    + " 'field_too_long'.");

    public static final ConfigOption<Integer> MAX_ATTRIBUTE_VALUE_BYTES =
            ConfigOptions.key("vectorindex.format.max-attribute-value-bytes")
                    .intType()
                    .defaultValue(FieldLimits.DEFAULT_MAX_ATTRIBUTE_VALUE_BYTES)
                    .withDescription(
                            "Longest value of a mutation's attributes or a query's filter, in"
                                    + " UTF-8 bytes (at most 32768); a longer one is"
                                    + " dead-lettered as 'field_too_long'.");

    public static final ConfigOption<Integer> MAX_ATTRIBUTES =
            ConfigOptions.key("vectorindex.format.max-attributes")
                    .intType()
                    .defaultValue(FieldLimits.DEFAULT_MAX_ATTRIBUTES)
                    .withDescription(
                            "Most entries in a mutation's attributes or a query's filter; a"
                                    + " record with more is dead-lettered as"
                                    + " 'too_many_attributes'.");

    public static final ConfigOption<Integer> MAX_TOKENS =
            ConfigOptions.key("vectorindex.format.max-tokens")
                    .intType()
                    .defaultValue(FieldLimits.DEFAULT_MAX_TOKENS)
                    .withDescription(
                            "Most token vectors in one multi-vector upsert or query (at most 512;"
                                    + " a collection's maxTokens may be lower); a record with"
                                    + " more is dead-lettered as 'too_many_tokens'.");

    /** Where to start reading when there is no checkpoint. */
    public enum StartingOffsets {
        EARLIEST,
        LATEST,
        COMMITTED_OR_EARLIEST
    }
}
