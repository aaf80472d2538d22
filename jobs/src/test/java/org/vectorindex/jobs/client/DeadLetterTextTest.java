package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;

class DeadLetterTextTest {
    private static DeadLetter letter(
            RejectReason reason, String detail, String value, long offset) {
        RawRecord raw =
                new RawRecord(
                        "mutations",
                        2,
                        offset,
                        "doc-1".getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8));
        return DeadLetter.of(raw, reason, detail);
    }

    @Test
    void aLineNamesReasonSourceKeyDetailAndAPayloadPrefix() {
        String value = "{\"op\":\"upsert\",\"vector\":[" + "0.5,".repeat(100) + "1]}";
        String line =
                DeadLetterText.line(letter(RejectReason.WRONG_DIMENSION, "3 vs 4", value, 42));
        assertTrue(
                line.startsWith(
                        "wrong_dimension mutations/2@42 key=doc-1: 3 vs 4 | {\"op\":\"upsert\""),
                line);
        assertTrue(line.endsWith("... (" + value.length() + " bytes)"), line);
    }

    @Test
    void binaryPayloadsAreBase64AndSummariesGroupByReason() {
        assertTrue(
                DeadLetterText.payload(new byte[] {'V', 'I', 'B', '1', 0}).startsWith("base64:"));
        assertEquals("(no payload)", DeadLetterText.payload(null));
        List<DeadLetter> ls =
                List.of(
                        letter(RejectReason.WRONG_DIMENSION, "a", "{}", 1),
                        letter(RejectReason.WRONG_DIMENSION, "b", "{}", 2),
                        letter(RejectReason.BAD_JSON, "c", "x", 3));
        assertEquals("1 × bad_json (c), 2 × wrong_dimension (a, ...)", DeadLetterText.summary(ls));
        assertEquals("{\"bad_json\":1,\"wrong_dimension\":2}", DeadLetterText.countsJson(ls));
    }
}
