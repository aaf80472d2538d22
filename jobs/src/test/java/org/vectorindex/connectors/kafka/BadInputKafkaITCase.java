package org.vectorindex.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vectorindex.connectors.format.FormatSettings;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.format.MutationParser;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.format.ParseFunction;
import org.vectorindex.connectors.format.ParseMutationsFunction;
import org.vectorindex.connectors.format.ParseQueriesFunction;
import org.vectorindex.connectors.format.QueryParser;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;
import org.vectorindex.operators.testing.LoopbackMiniCluster;

/**
 * A real broker and a real MiniCluster: good and bad records of at least 12 kinds, interleaved, go
 * through KafkaSource → parse/validate → exactly-once KafkaSinks. Read back with read_committed,
 * every bad record is in the dead-letter topic with its reason, bytes and coordinates, and every
 * good one passed through exactly once.
 */
class BadInputKafkaITCase {
    private static final int PARALLELISM = 2;
    private static final int MAX_BYTES = 4096;
    private static final String MUTATIONS = "mutations";
    private static final String QUERIES = "queries";
    private static final String PASSED = "passed";
    private static final String DLQ = "dlq";

    @RegisterExtension
    static final MiniClusterExtension FLINK = LoopbackMiniCluster.extension(PARALLELISM);

    private static EmbeddedKafkaBroker broker;

    static final String COLLECTIONS_YAML =
            "collections:\n"
                    + "  - {name: c, dimension: 8, metric: l2}\n"
                    + "  - {name: cos, dimension: 8, metric: cosine, shards: 2}\n"
                    + "  - {name: mv, type: multivector, dimension: 4, metric: dot,"
                    + " multivector: {maxTokens: 16}}\n";

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(2, MUTATIONS, QUERIES, PASSED, DLQ);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Where a bad record landed and why it must be rejected. */
    record Expected(RejectReason reason, byte[] value) {}

    @Test
    void everyBadRecordIsDeadLetteredAndEveryGoodOnePasses() throws Exception {
        CollectionRegistry collections = CollectionsFile.parse(COLLECTIONS_YAML, false, "it");
        Map<String, Expected> bad = new HashMap<>(); // "topic-partition-offset" -> expected
        List<Mutation> goodMutations = new ArrayList<>();
        List<Query> goodQueries = new ArrayList<>();
        Random rnd = new Random(42);
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaTestClients.producer(broker.bootstrapServers())) {
            List<String[]> badMutations = badMutations();
            List<String[]> badQueries = badQueries();
            for (int i = 0; i < 120; i++) {
                Mutation m = goodMutation(i, rnd);
                goodMutations.add(m);
                byte[] value = i % 3 == 0 ? InputRecords.binary(m) : InputRecords.json(m);
                send(producer, MUTATIONS, InputRecords.key(m), value);
                if (i % 5 == 0 && i / 5 < badMutations.size()) {
                    String[] b = badMutations.get(i / 5);
                    sendBad(producer, MUTATIONS, b, bad);
                }
                if (i % 4 == 0) {
                    Query q = goodQuery(i, rnd);
                    goodQueries.add(q);
                    send(producer, QUERIES, InputRecords.key(q), InputRecords.json(q));
                    if (i / 4 < badQueries.size()) {
                        sendBad(producer, QUERIES, badQueries.get(i / 4), bad);
                    }
                }
            }
            // binary-envelope and size rejects
            byte[] binary = InputRecords.binary(goodMutation(1000, rnd));
            sendBad(
                    producer,
                    MUTATIONS,
                    "",
                    java.util.Arrays.copyOf(binary, binary.length - 4),
                    RejectReason.BAD_BINARY_VECTOR,
                    bad);
            sendBad(
                    producer,
                    MUTATIONS,
                    "",
                    java.util.Arrays.copyOf(binary, 7),
                    RejectReason.BAD_BINARY_ENVELOPE,
                    bad);
            sendBad(producer, QUERIES, "b3", new byte[MAX_BYTES + 1], RejectReason.OVERSIZED, bad);
            sendBad(producer, MUTATIONS, "b4", null, RejectReason.EMPTY_RECORD, bad);
            producer.flush();
        }
        Set<RejectReason> kinds = EnumSet.noneOf(RejectReason.class);
        bad.values().forEach(e -> kinds.add(e.reason()));
        assertTrue(kinds.size() >= 12, "only " + kinds.size() + " kinds: " + kinds);

        runJob(collections);

        // dead letters: exactly the bad records, each with its reason, bytes and coordinates
        List<ConsumerRecord<byte[], byte[]>> dlq =
                KafkaTestClients.readCommitted(
                        broker.bootstrapServers(), DLQ, Duration.ofSeconds(60));
        Map<String, DeadLetter> letters = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dlq) {
            DeadLetter d = OutputJson.readDeadLetter(r.value());
            String where = d.sourceTopic() + "-" + d.partition() + "-" + d.offset();
            assertEquals(null, letters.put(where, d), "dead letter twice for " + where);
            assertEquals(
                    d.reason().code(),
                    new String(
                            r.headers()
                                    .lastHeader(DeadLetterSerializationSchema.REASON_HEADER)
                                    .value(),
                            StandardCharsets.UTF_8));
        }
        assertEquals(bad.keySet(), letters.keySet(), "dead-lettered records");
        for (var e : bad.entrySet()) {
            DeadLetter d = letters.get(e.getKey());
            assertEquals(e.getValue().reason(), d.reason(), e.getKey() + ": " + d.detail());
            assertArrayEquals(e.getValue().value(), d.value(), e.getKey());
            assertTrue(!d.detail().isEmpty());
        }

        // good records: each passed exactly once, unchanged
        List<ConsumerRecord<byte[], byte[]>> passed =
                KafkaTestClients.readCommitted(
                        broker.bootstrapServers(), PASSED, Duration.ofSeconds(60));
        MutationParser mp = new MutationParser(collections, FormatSettings.defaults());
        QueryParser qp = new QueryParser(collections, FormatSettings.defaults());
        List<Mutation> gotMutations = new ArrayList<>();
        List<Query> gotQueries = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : passed) {
            RawRecord raw = new RawRecord(PASSED, r.partition(), r.offset(), null, r.value());
            if (new String(r.key(), StandardCharsets.UTF_8).startsWith("m:")) {
                gotMutations.add(mp.parse(raw).value());
            } else {
                gotQueries.add(qp.parse(raw).value());
            }
        }
        assertEquals(goodMutations.size(), gotMutations.size(), "mutations passed");
        assertEquals(new HashSet<>(goodMutations), new HashSet<>(gotMutations));
        assertEquals(goodQueries.size(), gotQueries.size(), "queries passed");
        assertEquals(new HashSet<>(goodQueries), new HashSet<>(gotQueries));
    }

    private void runJob(CollectionRegistry collections) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(300, CheckpointingMode.EXACTLY_ONCE);
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        conf.set(KafkaOptions.MUTATIONS_TOPIC, MUTATIONS);
        conf.set(KafkaOptions.QUERIES_TOPIC, QUERIES);
        conf.set(KafkaOptions.RESULTS_TOPIC, "unused-results");
        conf.set(KafkaOptions.DLQ_TOPIC, DLQ);
        conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "bad-input-it");
        conf.set(KafkaOptions.MAX_RECORD_BYTES, MAX_BYTES);
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        KafkaWiring kafka = KafkaWiring.from(conf, new java.util.Properties()).boundedSources(true);
        FormatSettings format = kafka.formatSettings();

        SingleOutputStreamOperator<Mutation> mutations =
                env.fromSource(
                                kafka.mutationsSource(),
                                WatermarkStrategy.noWatermarks(),
                                "mutations")
                        .process(new ParseMutationsFunction(collections, format))
                        .name("parse mutations");
        SingleOutputStreamOperator<Query> queries =
                env.fromSource(kafka.queriesSource(), WatermarkStrategy.noWatermarks(), "queries")
                        .process(new ParseQueriesFunction(collections, format))
                        .name("parse queries");
        mutations
                .getSideOutput(ParseFunction.DEAD_LETTERS)
                .union(queries.getSideOutput(ParseFunction.DEAD_LETTERS))
                .sinkTo(kafka.deadLetterSink())
                .name("dead letters");
        DataStream<String> passed =
                mutations
                        .map(m -> "m:" + new String(InputRecords.json(m), StandardCharsets.UTF_8))
                        .union(
                                queries.map(
                                        q ->
                                                "q:"
                                                        + new String(
                                                                InputRecords.json(q),
                                                                StandardCharsets.UTF_8)));
        passed.sinkTo(
                        new ExactlyOnceSinkBuilder<String>()
                                .bootstrapServers(broker.bootstrapServers())
                                .serializer(new PassThroughSchema())
                                .transactionalIdPrefix("bad-input-it-passed")
                                .build())
                .name("passed");
        env.execute("bad input ITCase");
    }

    /** Key "m:"/"q:", value the re-encoded JSON record. */
    static final class PassThroughSchema implements KafkaRecordSerializationSchema<String> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                String element, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(
                    PASSED,
                    element.substring(0, 2).getBytes(StandardCharsets.UTF_8),
                    element.substring(2).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Mutation goodMutation(int i, Random rnd) {
        switch (i % 4) {
            case 0:
                return Mutation.upsert(
                        "c", "doc-" + i, vector(8, rnd), Map.of("lang", i % 2 == 0 ? "en" : "de"));
            case 1:
                return Mutation.upsert("cos", "doc-" + i, vector(8, rnd), null);
            case 2:
                float[][] tokens = new float[1 + i % 5][];
                for (int t = 0; t < tokens.length; t++) {
                    tokens[t] = vector(4, rnd);
                }
                return Mutation.upsertMulti("mv", "doc-" + i, tokens, null);
            default:
                return Mutation.delete("c", "doc-" + (i - 3));
        }
    }

    private static Query goodQuery(int i, Random rnd) {
        switch (i % 3) {
            case 0:
                return Query.knn(
                        "q-" + i,
                        "c",
                        vector(8, rnd),
                        10,
                        i % 2 == 0 ? 64 : 0,
                        Map.of("lang", "en"));
            case 1:
                return Query.subscribe("s-" + i, "cos", vector(8, rnd), 5, 0, null);
            default:
                return Query.unsubscribe("s-" + (i - 1), null);
        }
    }

    private static float[] vector(int dim, Random rnd) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    /** {key, value, reason code}. */
    private static List<String[]> badMutations() {
        String up = "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"x\",";
        return List.of(
                new String[] {"x", "{\"op\":\"upsert\"", "bad_json"},
                new String[] {"x", "{\"collection\":\"c\",\"id\":\"x\"}", "missing_field"},
                new String[] {"x", up + "\"vector\":\"nope\"}", "wrong_type"},
                new String[] {
                    "x", up + "\"vector\":[1,2,3,4,5,6,7,8],\"extra\":1}", "unexpected_field"
                },
                new String[] {
                    "x", up + "\"vector\":[1,2,3,4,5,6,7,8],\"id\":\"y\"}", "duplicate_field"
                },
                new String[] {
                    "", "{\"op\":\"delete\",\"collection\":\"c\",\"id\":\"\"}", "empty_id"
                },
                new String[] {"other", up + "\"vector\":[1,2,3,4,5,6,7,8]}", "key_mismatch"},
                new String[] {
                    "x",
                    "{\"op\":\"delete\",\"collection\":\"zzz\",\"id\":\"x\"}",
                    "unknown_collection"
                },
                new String[] {
                    "x", "{\"op\":\"replace\",\"collection\":\"c\",\"id\":\"x\"}", "unknown_op"
                },
                new String[] {"x", up + "\"vector\":[1,2,3]}", "wrong_dimension"},
                new String[] {"x", up + "\"vector\":[1,2,NaN,4,5,6,7,8]}", "non_finite"},
                new String[] {
                    "x",
                    "{\"op\":\"upsert\",\"collection\":\"cos\",\"id\":\"x\",\"vector\":[0,0,0,0,0,0,0,0]}",
                    "zero_vector"
                },
                new String[] {
                    "x",
                    "{\"op\":\"upsert\",\"collection\":\"mv\",\"id\":\"x\",\"vectors\":["
                            + "[1,0,0,0],".repeat(16)
                            + "[1,0,0,0]]}",
                    "too_many_tokens"
                });
    }

    private static List<String[]> badQueries() {
        String knn =
                "{\"type\":\"knn\",\"queryId\":\"q\",\"collection\":\"c\",\"vector\":[1,2,3,4,5,6,7,8],";
        return List.of(
                new String[] {"q", knn + "\"k\":0}", "k_out_of_range"},
                new String[] {"q", knn + "\"k\":10,\"ef\":0}", "ef_out_of_range"},
                new String[] {
                    "q", "{\"type\":\"nearest\",\"queryId\":\"q\"}", "unknown_query_type"
                },
                new String[] {"q", knn + "\"k\":10", "bad_json"},
                new String[] {"q", "{\"type\":\"unsubscribe\"}", "missing_field"},
                new String[] {"q", knn + "\"k\":1e400}", "wrong_type"},
                new String[] {
                    "q", knn + "\"k\":5,\"filter\":{\"a\":\"1\",\"a\":\"2\"}}", "duplicate_field"
                },
                new String[] {
                    "q",
                    "{\"type\":\"subscribe\",\"subscriptionId\":\"s\",\"collection\":\"c\",\"vector\":[\"Infinity\",2,3,4,5,6,7,8],\"k\":3}",
                    "non_finite"
                });
    }

    private static void sendBad(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            String[] b,
            Map<String, Expected> bad)
            throws Exception {
        RejectReason reason = RejectReason.fromCode(b[2]);
        assertNotNull(reason, b[2]);
        sendBad(producer, topic, b[0], b[1].getBytes(StandardCharsets.UTF_8), reason, bad);
    }

    private static void sendBad(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            String key,
            byte[] value,
            RejectReason reason,
            Map<String, Expected> bad)
            throws Exception {
        RecordMetadata md =
                send(
                        producer,
                        topic,
                        key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8),
                        value);
        bad.put(topic + "-" + md.partition() + "-" + md.offset(), new Expected(reason, value));
    }

    private static RecordMetadata send(
            KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value)
            throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
}
