package org.vectorindex.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.testing.RecordSizes;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;

class DeadLetterSerializationSchemaTest {

    @Test
    void copiesAreCutSoEveryDeadLetterFitsTheProducerLimit() {
        Random rnd = new Random(5);
        for (int maxRequest : new int[] {1 << 20, 300_000, 40_000, 5_000}) {
            DeadLetterSerializationSchema schema =
                    new DeadLetterSerializationSchema("dlq", new DeadLetterFit(maxRequest));
            for (int size : new int[] {0, 10, 900_000, 2_000_000, 3 * maxRequest}) {
                byte[] value = new byte[size];
                rnd.nextBytes(value);
                byte[] key = new byte[size % 3 == 0 ? 5000 : 7];
                Arrays.fill(key, (byte) '\u0001'); // escaped as six bytes each in "key"
                DeadLetter d =
                        DeadLetter.of(
                                new RawRecord("mutations", 3, 77L, key, value),
                                RejectReason.OVERSIZED,
                                "\u0002".repeat(50_000));
                ProducerRecord<byte[], byte[]> r = schema.serialize(d, null, 1L);
                if (r == null) {
                    assertTrue(
                            maxRequest < DeadLetterFit.RESERVE_BYTES, "dropped at " + maxRequest);
                    continue;
                }
                int bound = RecordSizes.upperBound(r);
                assertTrue(bound <= maxRequest, bound + " > " + maxRequest);
                DeadLetter back = OutputJson.readDeadLetter(r.value());
                assertEquals("mutations", back.sourceTopic());
                assertEquals(3, back.partition());
                assertEquals(77L, back.offset());
                assertEquals(size, OutputJson.deadLetterValueLength(r.value()));
                int copied = back.value().length;
                assertArrayEquals(Arrays.copyOf(value, copied), back.value(), "a prefix");
                boolean cut = copied < size || back.key().length < key.length;
                assertEquals(cut, OutputJson.deadLetterTruncated(r.value()));
                assertTrue(copied <= new DeadLetterFit(maxRequest).maxValueBytes());
            }
        }
    }

    @Test
    void smallDeadLettersAreWrittenWhole() {
        DeadLetter d =
                DeadLetter.of(
                        new RawRecord("q", 0, 1L, "k".getBytes(), "{}".getBytes()),
                        RejectReason.MISSING_FIELD,
                        "'type' is missing");
        ProducerRecord<byte[], byte[]> r =
                new DeadLetterSerializationSchema("dlq").serialize(d, null, null);
        assertEquals(d, OutputJson.readDeadLetter(r.value()));
        assertFalse(OutputJson.deadLetterTruncated(r.value()));
        assertArrayEquals("k".getBytes(), r.key());
    }

    @Test
    void theCapFollowsMaxRequestSize() {
        assertEquals(
                (DeadLetterFit.DEFAULT_MAX_REQUEST_SIZE - DeadLetterFit.RESERVE_BYTES) / 4 * 3,
                DeadLetterFit.of(new Properties()).maxValueBytes());
        Properties p = new Properties();
        p.setProperty("max.request.size", "200000");
        assertEquals(200_000, DeadLetterFit.of(p).maxRequestSize());
    }
}
