package org.vectorindex.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.format.ParseFunction;
import org.vectorindex.connectors.format.ParseMutationsFunction;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.testing.LoopbackMiniCluster;
import org.vectorindex.state.math.Metric;

/**
 * The dead-letter path stays exactly-once across a task failure that happens after a completed
 * checkpoint: every bad record is in the dead-letter topic once, read with read_committed. Run on
 * brokers formatted with transaction.version 1 (our default) and 2 (Kafka's); with 1 the sink must
 * not report a fenced producer during recovery.
 */
class DeadLetterRecoveryITCase {
    private static final int PARALLELISM = 2;
    private static final int RECORDS = 2000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = LoopbackMiniCluster.extension(PARALLELISM);

    /** Fails one task once, after a checkpoint has completed. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @ParameterizedTest(name = "transaction.version={0}")
    @ValueSource(ints = {1, 2})
    void deadLettersAreExactlyOnceAcrossAFailure(int transactionVersion) throws Exception {
        FAILED.set(false);
        CollectionRegistry collections =
                CollectionRegistry.of(CollectionSpec.hnsw("c", 2, Metric.L2));
        try (EmbeddedKafkaBroker broker =
                        EmbeddedKafkaBroker.builder()
                                .transactionVersion(transactionVersion)
                                .start();
                FencedLogCounter fenced = new FencedLogCounter()) {
            broker.createTopics(2, "in", "dlq");
            Map<String, Integer> expected = new HashMap<>();
            try (KafkaProducer<byte[], byte[]> p =
                    KafkaTestClients.producer(broker.bootstrapServers())) {
                List<Future<RecordMetadata>> bad = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    byte[] value =
                            i % 2 == 0
                                    ? InputRecords.json(
                                            Mutation.upsert("c", "d" + i, new float[] {i, 1}, null))
                                    : ("{\"op\":\"upsert\",\"n\":" + i)
                                            .getBytes(StandardCharsets.UTF_8);
                    Future<RecordMetadata> f = p.send(new ProducerRecord<>("in", null, value));
                    if (i % 2 == 1) {
                        bad.add(f);
                    }
                }
                for (Future<RecordMetadata> f : bad) {
                    RecordMetadata md = f.get();
                    expected.put("in-" + md.partition() + "-" + md.offset(), 1);
                }
            }

            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(200));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(PARALLELISM);
            env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
            SingleOutputStreamOperator<Mutation> parsed =
                    env.fromSource(
                                    new RawKafkaSourceBuilder()
                                            .bootstrapServers(broker.bootstrapServers())
                                            .topic("in")
                                            .groupId("recovery-it")
                                            .startingOffsets(KafkaOptions.StartingOffsets.EARLIEST)
                                            .bounded(true)
                                            .build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "in")
                            .map(new SlowFailOnce())
                            .returns(org.vectorindex.operators.model.ModelTypes.RAW_RECORD)
                            .process(
                                    new ParseMutationsFunction(
                                            collections,
                                            org.vectorindex.connectors.format.FormatSettings
                                                    .defaults()));
            parsed.getSideOutput(ParseFunction.DEAD_LETTERS)
                    .sinkTo(
                            new ExactlyOnceSinkBuilder<DeadLetter>()
                                    .bootstrapServers(broker.bootstrapServers())
                                    .serializer(new DeadLetterSerializationSchema("dlq"))
                                    .transactionalIdPrefix("recovery-it-dlq")
                                    .build());
            parsed.sinkTo(new DiscardingSink<>());
            env.execute("dead-letter recovery");
            assertTrue(FAILED.get(), "the injected failure happened");

            Map<String, Integer> got = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r :
                    KafkaTestClients.readCommitted(
                            broker.bootstrapServers(), "dlq", Duration.ofSeconds(60))) {
                DeadLetter d = OutputJson.readDeadLetter(r.value());
                got.merge(
                        d.sourceTopic() + "-" + d.partition() + "-" + d.offset(), 1, Integer::sum);
            }
            assertEquals(expected, got, "each bad record exactly once");
            System.out.println(
                    "transaction.version="
                            + transactionVersion
                            + ": fenced-producer ERRORs during recovery: "
                            + fenced.errors());
            if (transactionVersion == 1) {
                assertEquals(0, fenced.errors(), "no spurious fenced ERROR with TV1");
            }
        }
    }

    /**
     * Passes records through slowly enough for checkpoints to complete mid-stream, and throws once
     * after the first completed checkpoint.
     */
    static final class SlowFailOnce
            extends RichMapFunction<
                    org.vectorindex.operators.model.RawRecord,
                    org.vectorindex.operators.model.RawRecord>
            implements CheckpointListener {
        private transient volatile boolean checkpointed;
        private transient int seen;

        @Override
        public void open(OpenContext ctx) {
            checkpointed = false;
            seen = 0;
        }

        @Override
        public org.vectorindex.operators.model.RawRecord map(
                org.vectorindex.operators.model.RawRecord r) throws Exception {
            Thread.sleep(1);
            if (checkpointed && ++seen > 50 && FAILED.compareAndSet(false, true)) {
                throw new RuntimeException("injected failure");
            }
            return r;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
