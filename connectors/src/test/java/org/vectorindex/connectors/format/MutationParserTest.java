package org.vectorindex.connectors.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.connectors.format.ParserFixtures.COLLECTIONS;
import static org.vectorindex.connectors.format.ParserFixtures.assertRejected;
import static org.vectorindex.connectors.format.ParserFixtures.raw;

import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;

class MutationParserTest {
    private final MutationParser parser =
            new MutationParser(COLLECTIONS, FormatSettings.defaults().withMaxRecordBytes(512));
    private final MutationParser small =
            new MutationParser(
                    COLLECTIONS,
                    FormatSettings.defaults().withFields(new FieldLimits(8, 4, 6, 2, 3)));
    private final Set<RejectReason> covered = EnumSet.noneOf(RejectReason.class);

    @Test
    void parsesTheIssueExamples() {
        Mutation m =
                ok(
                        "doc-1",
                        "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"doc-1\","
                                + "\"vector\":[1,2.5,-3e-2,0],\"attributes\":{\"lang\":\"en\",\"n\":3,\"b\":true}}");
        assertEquals(MutationOp.UPSERT, m.op());
        assertArrayEquals(new float[] {1f, 2.5f, -0.03f, 0f}, m.vector());
        assertEquals(Map.of("lang", "en", "n", "3", "b", "true"), m.attributes());
        Mutation d = ok("doc-1", "{\"op\":\"delete\",\"collection\":\"c\",\"id\":\"doc-1\"}");
        assertEquals(Mutation.delete("c", "doc-1"), d);
        // key is optional; whitespace and field order are free
        Mutation m2 =
                ok(
                        null,
                        " {\"vector\":[1,1,1,1], \"id\":\"x\",\n\"collection\":\"c\",\"op\":\"upsert\"} ");
        assertEquals("x", m2.id());
        Mutation mv =
                ok(
                        "m1",
                        "{\"op\":\"upsert\",\"collection\":\"mv\",\"id\":\"m1\","
                                + "\"vectors\":[[1,0],[0,1],[0.6,0.8]]}");
        assertEquals(3, mv.vectors().length);
        assertArrayEquals(new float[] {0.6f, 0.8f}, mv.vectors()[2]);
    }

    @Test
    void jsonAndBinaryRoundTrip() {
        Random rnd = new Random(7);
        for (int i = 0; i < 200; i++) {
            float[] v = new float[4];
            for (int j = 0; j < 4; j++) {
                v[j] = (float) rnd.nextGaussian() * (float) Math.pow(10, rnd.nextInt(20) - 10);
            }
            Mutation m = Mutation.upsert("c", "id-" + i + "-ü", v, Map.of("k", "v" + i));
            assertEquals(m, parse(InputRecords.key(m), InputRecords.json(m)).value());
            assertEquals(m, parse(InputRecords.key(m), InputRecords.binary(m)).value());
        }
        Mutation multi = Mutation.upsertMulti("mv", "m", new float[][] {{1f, 2f}, {3f, 4f}}, null);
        assertEquals(multi, parse(null, InputRecords.binary(multi)).value());
        assertEquals(multi, parse(null, InputRecords.json(multi)).value());
        Mutation del = Mutation.delete("cos", "gone");
        assertEquals(del, parse(null, InputRecords.binary(del)).value());
        assertEquals(del, parse(null, InputRecords.json(del)).value());
    }

    @Test
    void rejectsEachKindWithItsReason() {
        String up = "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"d\",";
        bad(null, "{\"op\":\"upsert\",", RejectReason.BAD_JSON, "end-of-input");
        bad(null, "{\"op\" \"upsert\"}", RejectReason.BAD_JSON, "at byte");
        bad(null, up + "\"vector\":[1,2,3,4]} {}", RejectReason.BAD_JSON, "after the end");
        bad(null, (String) null, RejectReason.EMPTY_RECORD, "tombstone");
        bad(null, "", RejectReason.EMPTY_RECORD, "empty");
        bad(
                null,
                up + "\"vector\":[" + "1,".repeat(300) + "1]}",
                RejectReason.OVERSIZED,
                "exceeds the limit of 512");
        bad(null, "{\"collection\":\"c\",\"id\":\"d\"}", RejectReason.MISSING_FIELD, "'op'");
        bad(null, "{\"op\":\"delete\",\"collection\":\"c\"}", RejectReason.MISSING_FIELD, "'id'");
        bad(null, "{\"op\":\"delete\",\"id\":\"d\"}", RejectReason.MISSING_FIELD, "'collection'");
        bad(
                null,
                "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"d\"}",
                RejectReason.MISSING_FIELD,
                "'vector'");
        bad(
                null,
                up + "\"vector\":\"1,2,3,4\"}",
                RejectReason.WRONG_TYPE,
                "'vector' must be an array");
        bad(
                null,
                up + "\"vector\":[1,true,3,4]}",
                RejectReason.WRONG_TYPE,
                "vector[1] must be a number");
        bad(
                null,
                "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":7,\"vector\":[1,2,3,4]}",
                RejectReason.WRONG_TYPE,
                "'id' must be a string");
        bad(
                null,
                up + "\"vector\":[1,2,3,4],\"attributes\":{\"a\":{\"b\":1}}}",
                RejectReason.WRONG_TYPE,
                "attributes.a");
        bad(null, "[1,2]", RejectReason.WRONG_TYPE, "must be a JSON object");
        bad(
                null,
                up + "\"vector\":[1,2,3,4],\"vectr\":1}",
                RejectReason.UNEXPECTED_FIELD,
                "unknown field 'vectr'");
        bad(
                null,
                "{\"op\":\"delete\",\"collection\":\"c\",\"id\":\"d\",\"vector\":[1,2,3,4]}",
                RejectReason.UNEXPECTED_FIELD,
                "a delete carries only");
        bad(null, up + "\"vectors\":[[1,2,3,4]]}", RejectReason.UNEXPECTED_FIELD, "is hnsw");
        bad(
                null,
                "{\"op\":\"upsert\",\"collection\":\"mv\",\"id\":\"d\",\"vector\":[1,2]}",
                RejectReason.UNEXPECTED_FIELD,
                "is multivector");
        bad(
                null,
                up + "\"vector\":[1,2,3,4],\"id\":\"e\"}",
                RejectReason.DUPLICATE_FIELD,
                "'id' appears more than once");
        bad(
                null,
                up + "\"vector\":[1,2,3,4],\"attributes\":{\"a\":\"1\",\"a\":\"2\"}}",
                RejectReason.DUPLICATE_FIELD,
                "attributes.a");
        bad(
                null,
                "{\"op\":\"delete\",\"collection\":\"c\",\"id\":\"\"}",
                RejectReason.EMPTY_ID,
                "'id' is empty");
        bad(
                "other",
                up + "\"vector\":[1,2,3,4]}",
                RejectReason.KEY_MISMATCH,
                "Kafka key 'other' differs from id 'd'");
        bad(
                null,
                "{\"op\":\"delete\",\"collection\":\"nope\",\"id\":\"d\"}",
                RejectReason.UNKNOWN_COLLECTION,
                "'nope' is not declared");
        bad(
                null,
                "{\"op\":\"insert\",\"collection\":\"c\",\"id\":\"d\"}",
                RejectReason.UNKNOWN_OP,
                "unknown op 'insert'");
        bad(
                null,
                up + "\"vector\":[1,2,3]}",
                RejectReason.WRONG_DIMENSION,
                "has 3 components; collection 'c' has dimension 4");
        bad(
                null,
                "{\"op\":\"upsert\",\"collection\":\"mv\",\"id\":\"d\",\"vectors\":[[1,2],[1,2,3]]}",
                RejectReason.WRONG_DIMENSION,
                "'vectors[1]' has 3");
        bad(null, up + "\"vector\":[1,NaN,3,4]}", RejectReason.NON_FINITE, "vector[1] is NaN");
        bad(
                null,
                up + "\"vector\":[1,2,-Infinity,4]}",
                RejectReason.NON_FINITE,
                "vector[2] = -Infinity");
        bad(
                null,
                up + "\"vector\":[1,2,3,1e39]}",
                RejectReason.NON_FINITE,
                "vector[3] = 1e39 is not a finite float32");
        bad(
                null,
                up + "\"vector\":[\"NaN\",2,3,4]}",
                RejectReason.NON_FINITE,
                "the string \"NaN\"");
        bad(
                null,
                "{\"op\":\"upsert\",\"collection\":\"cos\",\"id\":\"d\",\"vector\":[0,0,0.0]}",
                RejectReason.ZERO_VECTOR,
                "no direction under cosine");
        bad(
                null,
                "{\"op\":\"upsert\",\"collection\":\"mv\",\"id\":\"d\",\"vectors\":[[1,2],[1,2],[1,2],[1,2],[1,2]]}",
                RejectReason.TOO_MANY_TOKENS,
                "5 token vectors exceed the limit of 4");
        bad(
                null,
                "{\"op\":\"upsert\",\"collection\":\"mv\",\"id\":\"d\",\"vectors\":[]}",
                RejectReason.MISSING_FIELD,
                "'vectors' is empty");

        // binary envelope
        byte[] good =
                InputRecords.binary(Mutation.upsert("c", "d", new float[] {1, 2, 3, 4}, null));
        bad(
                null,
                java.util.Arrays.copyOf(good, good.length - 2),
                RejectReason.BAD_BINARY_VECTOR,
                "payload of 14 bytes, expected 16");
        bad(
                null,
                java.util.Arrays.copyOf(good, 6),
                RejectReason.BAD_BINARY_ENVELOPE,
                "shorter than its 8-byte header");
        byte[] lying = good.clone();
        lying[4] = (byte) 0xff;
        bad(null, lying, RejectReason.BAD_BINARY_ENVELOPE, "-byte JSON envelope but has");
        bad(
                null,
                BinaryEnvelope.encode(
                        "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"d\",\"vector\":[1,2,3,4]}",
                        new float[] {1, 2, 3, 4}),
                RejectReason.UNEXPECTED_FIELD,
                "binary record carries its vector after");
        bad(
                null,
                BinaryEnvelope.encode(
                        "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"d\"}",
                        new float[] {1, Float.NaN, 3, 4}),
                RejectReason.NON_FINITE,
                "vector[1] is NaN");
        bad(
                null,
                BinaryEnvelope.encode(
                        "{\"op\":\"upsert\",\"collection\":\"mv\",\"id\":\"d\"}",
                        new float[] {1, 2, 3}),
                RejectReason.BAD_BINARY_VECTOR,
                "not a positive multiple of 8");
        bad(
                null,
                BinaryEnvelope.encode(
                        "{\"op\":\"delete\",\"collection\":\"c\",\"id\":\"d\"}", new float[] {1}),
                RejectReason.BAD_BINARY_VECTOR,
                "binary delete has no vector payload");
        bad(
                null,
                BinaryEnvelope.encode(
                        "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"d\"",
                        new float[] {1, 2, 3, 4}),
                RejectReason.BAD_JSON,
                "end-of-input");

        // field limits (small ones here; the defaults are in FieldLimits)
        String upSmall = "{\"op\":\"upsert\",\"collection\":\"c\",\"vector\":[1,2,3,4],";
        small(
                "{\"op\":\"delete\",\"collection\":\"c\",\"id\":\"123456789\"}",
                RejectReason.FIELD_TOO_LONG,
                "'id' has 9 UTF-8 bytes; the limit is 8 (vectorindex.format.max-id-bytes)");
        small(
                "{\"op\":\"delete\",\"collection\":\"c\",\"id\":\"\u20ac\u20ac\u20ac\"}",
                RejectReason.FIELD_TOO_LONG,
                "'id' has 9 UTF-8 bytes");
        small(
                upSmall + "\"id\":\"d\",\"attributes\":{\"abcde\":\"v\"}}",
                RejectReason.FIELD_TOO_LONG,
                "a key of 'attributes' ('abcde') has 5 UTF-8 bytes; the limit is 4");
        small(
                upSmall + "\"id\":\"d\",\"attributes\":{\"a\":\"1234567\"}}",
                RejectReason.FIELD_TOO_LONG,
                "'attributes.a' has 7 UTF-8 bytes; the limit is 6"
                        + " (vectorindex.format.max-attribute-value-bytes)");
        small(
                upSmall + "\"id\":\"d\",\"attributes\":{\"a\":1,\"b\":2,\"c\":3}}",
                RejectReason.TOO_MANY_ATTRIBUTES,
                "'attributes' has more than 2 entries (vectorindex.format.max-attributes)");
        small(
                "{\"op\":\"upsert\",\"collection\":\"mv\",\"id\":\"d\","
                        + "\"vectors\":[[1,2],[1,2],[1,2],[1,2]]}",
                RejectReason.TOO_MANY_TOKENS,
                "'vectors' holds more than 3 token vectors (vectorindex.format.max-tokens)");
        assertTrue(
                small.parse(
                                raw(
                                        "mutations",
                                        null,
                                        upSmall
                                                + "\"id\":\"12345678\",\"attributes\":"
                                                + "{\"abcd\":\"123456\",\"b\":2}}"))
                        .isOk(),
                "fields at their limits are accepted");

        Set<RejectReason> parserReasons = EnumSet.allOf(RejectReason.class);
        parserReasons.removeAll(
                Set.of(
                        RejectReason.UNKNOWN_QUERY_TYPE,
                        RejectReason.K_OUT_OF_RANGE,
                        RejectReason.EF_OUT_OF_RANGE,
                        RejectReason.INVALID));
        assertEquals(parserReasons, covered, "every mutation reject reason is exercised");
        assertTrue(covered.size() >= 12);
    }

    private Mutation ok(String key, String json) {
        ParseResult<Mutation> r = parse(key == null ? null : key.getBytes(), json.getBytes());
        assertTrue(r.isOk(), () -> r.deadLetter().toString());
        return r.value();
    }

    private ParseResult<Mutation> parse(byte[] key, byte[] value) {
        return parser.parse(new RawRecord("mutations", 0, 1, key, value));
    }

    private void bad(String key, String json, RejectReason reason, String detail) {
        check(raw("mutations", key, json), reason, detail);
    }

    private void bad(String key, byte[] value, RejectReason reason, String detail) {
        check(raw("mutations", key, value), reason, detail);
    }

    private void small(String json, RejectReason reason, String detail) {
        RawRecord raw = raw("mutations", null, json);
        assertRejected(small.parse(raw), raw, reason, detail);
        covered.add(reason);
    }

    private void check(RawRecord raw, RejectReason reason, String detail) {
        assertRejected(parser.parse(raw), raw, reason, detail);
        covered.add(reason);
    }
}
