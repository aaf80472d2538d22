package org.vectorindex.connectors.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.connectors.format.ParserFixtures.COLLECTIONS;

import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.vectorindex.connectors.kafka.DeadLetterFit;
import org.vectorindex.connectors.kafka.DeadLetterSerializationSchema;
import org.vectorindex.connectors.testing.RecordSizes;
import org.vectorindex.operators.ModelAdapter;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.ModelTypes;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Pipeline;
import org.vectorindex.operators.types.ShardRejection;

/**
 * Seeded fuzzing of both input topics through the real parse functions and the operators in test
 * harnesses: no exception escapes, every record is either parsed or dead-lettered (exactly one of
 * the two, with its source coordinates), and every dead letter fits the dead-letter producer's
 * {@code max.request.size}. The seed can be changed with {@code -Dfuzz.seed}.
 */
class InputFuzzTest {
    /** Records per topic; about a tenth of them are left valid, so 10,000 or more are mutated. */
    private static final int PER_TOPIC = 11_200;

    private static final List<Integer> MAX_REQUEST_SIZES = List.of(1 << 20, 64 * 1024);

    @Test
    void noRecordEscapesAsAnException() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20_261_202L);
        long start = System.nanoTime();
        FuzzRecords gen = new FuzzRecords(seed);
        FuzzRecords genQueries = new FuzzRecords(seed + 1);
        List<DeadLetterSerializationSchema> sinks =
                MAX_REQUEST_SIZES.stream()
                        .map(m -> new DeadLetterSerializationSchema("dlq", new DeadLetterFit(m)))
                        .toList();
        Counts counts = new Counts();
        try (var mutations = parser(new ParseMutationsFunction(COLLECTIONS, settings()));
                var queries = parser(new ParseQueriesFunction(COLLECTIONS, settings()));
                Pipeline pipeline =
                        new Pipeline(
                                COLLECTIONS.all(),
                                () -> ShardIndexFunction.withHnsw(COLLECTIONS.all()),
                                Harnesses.Backend.HASHMAP)) {
            for (int i = 0; i < PER_TOPIC; i++) {
                byte[][] m = gen.mutation(i);
                RawRecord rawMutation = new RawRecord("mutations", i % 3, i, m[0], m[1]);
                RawRecord raw = rawMutation;
                Object parsed = parse(mutations, raw, sinks, counts, seed);
                if (parsed != null) {
                    Mutation mu = (Mutation) parsed;
                    pipeline.mutate(
                            ModelAdapter.mutation(
                                    mu, COLLECTIONS.require(mu.collection()).shards()));
                }
                byte[][] q = genQueries.query(i);
                raw = new RawRecord("queries", 1, 3L * i, q[0], q[1]);
                parsed = parse(queries, raw, sinks, counts, seed);
                if (parsed != null) {
                    pipeline.request(ModelAdapter.query((Query) parsed, i));
                }
                for (ShardRejection r : pipeline.rejections()) {
                    // raised after parsing, and still naming the original record
                    DeadLetter d = ModelAdapter.deadLetter(r, "mutations", "queries");
                    RawRecord from = d.sourceTopic().equals("mutations") ? rawMutation : raw;
                    assertEquals(from.partition(), d.partition(), d + " from " + from);
                    assertEquals(from.offset(), d.offset(), d + " from " + from);
                    counts.operatorRejections++;
                }
                if (i == PER_TOPIC / 2) {
                    pipeline.restart(Harnesses.Backend.HASHMAP); // the state restores too
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "fuzz seed %d: %d records (%d per topic; %d and %d mutated), %d parsed,"
                        + " %d dead-lettered, %d refused by operators, %d ms%n",
                seed,
                2 * PER_TOPIC,
                PER_TOPIC,
                gen.mutated,
                genQueries.mutated,
                counts.parsed,
                counts.deadLettered,
                counts.operatorRejections,
                ms);
        assertEquals(2 * PER_TOPIC, counts.parsed + counts.deadLettered);
        assertTrue(gen.mutated >= 10_000, gen.mutated + " mutated mutations");
        assertTrue(genQueries.mutated >= 10_000, genQueries.mutated + " mutated queries");
        assertTrue(counts.parsed > PER_TOPIC / 20, "too few valid records: " + counts.parsed);
        assertTrue(counts.deadLettered > PER_TOPIC, "too few bad records: " + counts.deadLettered);
        assertTrue(counts.operatorRejections > 0, "no record reached an operator's rejection");
    }

    private static FormatSettings settings() {
        return FormatSettings.defaults();
    }

    /** Parses one record; returns the parsed value, or null once its dead letter is checked. */
    private static Object parse(
            OneInputStreamOperatorTestHarness<RawRecord, Object> h,
            RawRecord raw,
            List<DeadLetterSerializationSchema> sinks,
            Counts counts,
            long seed)
            throws Exception {
        h.processElement(new StreamRecord<>(raw));
        List<Object> out = h.extractOutputValues();
        var side = h.getSideOutput(ParseFunction.DEAD_LETTERS);
        int letters = side == null ? 0 : side.size();
        String where = "seed " + seed + ", " + raw;
        assertEquals(1, out.size() + letters, "one outcome for " + where);
        h.getOutput().clear();
        if (out.size() == 1) {
            counts.parsed++;
            return out.get(0);
        }
        DeadLetter d = side.poll().getValue();
        counts.deadLettered++;
        assertFalse(d.detail().isEmpty(), where);
        assertEquals(raw.topic(), d.sourceTopic(), where);
        assertEquals(raw.partition(), d.partition(), where);
        assertEquals(raw.offset(), d.offset(), where);
        for (int s = 0; s < sinks.size(); s++) {
            ProducerRecord<byte[], byte[]> r = sinks.get(s).serialize(d, null, 0L);
            assertNotNull(r, "dropped " + d + " at " + where);
            int bound = RecordSizes.upperBound(r);
            assertTrue(bound <= MAX_REQUEST_SIZES.get(s), bound + " bytes at " + where);
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static OneInputStreamOperatorTestHarness<RawRecord, Object> parser(ParseFunction<?> fn)
            throws Exception {
        var h =
                new OneInputStreamOperatorTestHarness(
                        new ProcessOperator<>(fn), ModelTypes.RAW_RECORD.createSerializer(null));
        h.setup();
        h.open();
        return h;
    }

    private static final class Counts {
        int parsed;
        int deadLettered;
        int operatorRejections;
    }
}
