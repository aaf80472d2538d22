package org.vectorindex.connectors.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.connectors.format.ParserFixtures.COLLECTIONS;
import static org.vectorindex.connectors.format.ParserFixtures.assertRejected;
import static org.vectorindex.connectors.format.ParserFixtures.raw;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryType;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;

class QueryParserTest {
    private final QueryParser parser = new QueryParser(COLLECTIONS, FormatSettings.defaults());
    private final Set<RejectReason> covered = EnumSet.noneOf(RejectReason.class);

    @Test
    void parsesTheIssueExamples() {
        Query q =
                ok(
                        "{\"type\":\"knn\",\"queryId\":\"q1\",\"collection\":\"c\",\"vector\":[1,2,3,4],"
                                + "\"k\":10,\"ef\":64,\"filter\":{\"lang\":\"en\"}}");
        assertEquals(QueryType.KNN, q.type());
        assertEquals("q1", q.id());
        assertEquals(10, q.k());
        assertEquals(64, q.ef());
        assertEquals(Map.of("lang", "en"), q.filter());
        assertArrayEquals(new float[] {1, 2, 3, 4}, q.vector());
        Query s =
                ok(
                        "{\"type\":\"subscribe\",\"subscriptionId\":\"s1\",\"collection\":\"c\","
                                + "\"vector\":[1,2,3,4],\"k\":10,\"filter\":{}}");
        assertEquals(QueryType.SUBSCRIBE, s.type());
        assertEquals(0, s.ef());
        Query u = ok("{\"type\":\"unsubscribe\",\"subscriptionId\":\"s1\"}");
        assertEquals(Query.unsubscribe("s1", null), u);
        assertNull(u.collection());
        assertEquals(
                Query.unsubscribe("s1", "mv"),
                ok("{\"type\":\"unsubscribe\",\"subscriptionId\":\"s1\",\"collection\":\"mv\"}"));
        Query mv =
                ok(
                        "{\"type\":\"knn\",\"queryId\":\"q2\",\"collection\":\"mv\","
                                + "\"vectors\":[[1,0],[0,1]],\"k\":1000,\"ef\":10000}");
        assertEquals(2, mv.vectors().length);
    }

    @Test
    void jsonAndBinaryRoundTrip() {
        for (Query q :
                List.of(
                        Query.knn("q", "c", new float[] {1, -2, 3.25f, 1e-20f}, 5, 0, null),
                        Query.knn("q", "cos", new float[] {1, 0, 0}, 1, 100, Map.of("a", "b")),
                        Query.knnMulti("q", "mv", new float[][] {{1, 2}, {3, 4}}, 3, 0, null),
                        Query.subscribe("s", "c", new float[] {1, 2, 3, 4}, 7, 0, null),
                        Query.subscribeMulti("s", "mv", new float[][] {{1, 2}}, 2, 0, null),
                        Query.unsubscribe("s", null),
                        Query.unsubscribe("s", "c"))) {
            assertEquals(q, parser.parse(raw("queries", null, InputRecords.json(q))).value());
            assertEquals(q, parser.parse(raw("queries", null, InputRecords.binary(q))).value());
        }
    }

    @Test
    void parsesGetsAndDeadLettersInvalidOnes() {
        Query g = ok("{\"type\":\"get\",\"queryId\":\"g1\",\"collection\":\"c\",\"id\":\"doc-7\"}");
        assertEquals(Query.get("g1", "c", "doc-7"), g);
        assertEquals("doc-7", g.targetId());
        assertEquals(2, g.sourcePartition());
        assertEquals(77L, g.sourceOffset());
        assertEquals(g, parser.parse(raw("queries", null, InputRecords.json(g))).value());
        assertEquals(g, parser.parse(raw("queries", null, InputRecords.binary(g))).value());
        bad(
                "{\"type\":\"get\",\"queryId\":\"g\",\"collection\":\"c\"}",
                RejectReason.MISSING_FIELD,
                "'id' is missing");
        bad(
                "{\"type\":\"get\",\"queryId\":\"g\",\"collection\":\"c\",\"id\":\"\"}",
                RejectReason.EMPTY_ID,
                "'id' is empty");
        bad(
                "{\"type\":\"get\",\"queryId\":\"g\",\"collection\":\"c\",\"id\":\"d\",\"k\":3}",
                RejectReason.UNEXPECTED_FIELD,
                "a get carries only");
        bad(
                "{\"type\":\"get\",\"queryId\":\"g\",\"collection\":\"mv\",\"id\":\"d\"}",
                RejectReason.UNKNOWN_QUERY_TYPE,
                "get is for hnsw collections");
        bad(
                "{\"type\":\"get\",\"queryId\":\"g\",\"collection\":\"c\",\"id\":\""
                        + "x".repeat(600)
                        + "\"}",
                RejectReason.FIELD_TOO_LONG,
                "'id'");
        bad(
                "{\"type\":\"stats\",\"queryId\":\"s\",\"collection\":\"c\",\"id\":\"d\"}",
                RejectReason.UNEXPECTED_FIELD,
                "only a get query takes 'id'");
    }

    @Test
    void parsesStatsRequestsAndDeadLettersInvalidOnes() {
        Query st = ok("{\"type\":\"stats\",\"queryId\":\"st1\",\"collection\":\"c\"}");
        assertEquals(QueryType.STATS, st.type());
        assertEquals(Query.stats("st1", "c"), st);
        Query binary = Query.stats("st2", "mv");
        assertEquals(binary, parser.parse(raw("queries", null, InputRecords.json(binary))).value());
        assertEquals(
                binary, parser.parse(raw("queries", null, InputRecords.binary(binary))).value());

        bad(
                "{\"type\":\"stats\",\"queryId\":\"st\"}",
                RejectReason.MISSING_FIELD,
                "'collection' is missing");
        bad(
                "{\"type\":\"stats\",\"collection\":\"c\"}",
                RejectReason.MISSING_FIELD,
                "'queryId' is missing");
        bad(
                "{\"type\":\"stats\",\"subscriptionId\":\"s\",\"collection\":\"c\"}",
                RejectReason.UNEXPECTED_FIELD,
                "a stats query takes 'queryId', not 'subscriptionId'");
        bad(
                "{\"type\":\"stats\",\"queryId\":\"\",\"collection\":\"c\"}",
                RejectReason.EMPTY_ID,
                "'queryId' is empty");
        bad(
                "{\"type\":\"stats\",\"queryId\":\"st\",\"collection\":\"nope\"}",
                RejectReason.UNKNOWN_COLLECTION,
                "collection 'nope' is not declared");
        bad(
                "{\"type\":\"stats\",\"queryId\":\"st\",\"collection\":\"c\",\"k\":3}",
                RejectReason.UNEXPECTED_FIELD,
                "a stats request carries only type, queryId and collection");
        bad(
                "{\"type\":\"stats\",\"queryId\":\"st\",\"collection\":\"c\","
                        + "\"vector\":[1,2,3,4]}",
                RejectReason.UNEXPECTED_FIELD,
                "a stats request carries only");
        bad(
                "{\"type\":\"stats\",\"queryId\":\"st\",\"queryId\":\"x\",\"collection\":\"c\"}",
                RejectReason.DUPLICATE_FIELD,
                "queryId");
        bad(
                BinaryEnvelope.encode(
                        "{\"type\":\"stats\",\"queryId\":\"st\",\"collection\":\"c\"}",
                        new float[] {1, 2, 3, 4}),
                RejectReason.BAD_BINARY_VECTOR,
                "a binary stats request has no vector payload");
        bad(
                "{\"type\":\"statistics\",\"queryId\":\"st\",\"collection\":\"c\"}",
                RejectReason.UNKNOWN_QUERY_TYPE,
                "expected knn, subscribe, unsubscribe, stats or get");
    }

    @Test
    void rejectsEachKindWithItsReason() throws IOException {
        for (String[] row : ParserFixtures.table("rejected-queries.csv")) {
            bad(row[2], RejectReason.valueOf(row[0]), row[1]);
        }
        String knn =
                "{\"type\":\"knn\",\"queryId\":\"q\",\"collection\":\"c\",\"vector\":[1,2,3,4],";
        bad(
                "{\"type\":\"knn\",\"queryId\":\"q\",\"collection\":\"mv\",\"vectors\":["
                        + "[1,2],".repeat(512)
                        + "[1,2]],\"k\":3}",
                RejectReason.TOO_MANY_TOKENS,
                "more than 512 token vectors");
        bad(
                BinaryEnvelope.encode(
                        "{\"type\":\"knn\",\"queryId\":\"q\",\"collection\":\"c\",\"k\":3}",
                        new float[] {1, 2, 3}),
                RejectReason.BAD_BINARY_VECTOR,
                "payload of 12 bytes, expected 16");
        bad(
                BinaryEnvelope.encode(
                        "{\"type\":\"unsubscribe\",\"subscriptionId\":\"s\"}", new float[] {1}),
                RejectReason.BAD_BINARY_VECTOR,
                "binary unsubscribe has no vector payload");
        bad(
                BinaryEnvelope.encode(
                        "{\"type\":\"knn\",\"queryId\":\"q\",\"collection\":\"c\",\"k\":3}",
                        new float[] {1, 2, Float.POSITIVE_INFINITY, 4}),
                RejectReason.NON_FINITE,
                "vector[2] is Infinity");
        bad(new byte[] {'{', (byte) 0xff, '}'}, RejectReason.BAD_JSON, "");
        bad((byte[]) null, RejectReason.EMPTY_RECORD, "tombstone");

        QueryParser tiny =
                new QueryParser(COLLECTIONS, FormatSettings.defaults().withMaxRecordBytes(64));
        RawRecord big = raw("queries", null, knn + "\"k\":10,\"filter\":{\"lang\":\"en\"}}");
        assertRejected(tiny.parse(big), big, RejectReason.OVERSIZED, "exceeds the limit of 64");
        covered.add(RejectReason.OVERSIZED);

        QueryParser small =
                new QueryParser(
                        COLLECTIONS,
                        FormatSettings.defaults().withFields(new FieldLimits(8, 4, 6, 2, 3)));
        String vec = "\"collection\":\"c\",\"vector\":[1,2,3,4],\"k\":3";
        for (String[] c :
                new String[][] {
                    {
                        "{\"type\":\"knn\",\"queryId\":\"123456789\"," + vec + "}",
                        "'queryId' has 9 UTF-8 bytes; the limit is 8"
                    },
                    {
                        "{\"type\":\"unsubscribe\",\"subscriptionId\":\"123456789\"}",
                        "'subscriptionId' has 9 UTF-8 bytes; the limit is 8"
                    },
                    {
                        "{\"type\":\"knn\",\"queryId\":\"q\","
                                + vec
                                + ",\"filter\":{\"a\":\"1234567\"}}",
                        "'filter.a' has 7 UTF-8 bytes; the limit is 6"
                    },
                    {
                        "{\"type\":\"subscribe\",\"subscriptionId\":\"s\","
                                + vec
                                + ",\"filter\":{\"a\":1,\"b\":2,\"c\":3}}",
                        "'filter' has more than 2 entries"
                    }
                }) {
            RawRecord r = raw("queries", null, c[0]);
            ParseResult<Query> res = small.parse(r);
            assertTrue(!res.isOk() && res.deadLetter().detail().contains(c[1]), res::toString);
        }

        assertTrue(covered.size() >= 12, "covered " + covered);
    }

    private Query ok(String json) {
        ParseResult<Query> r = parser.parse(raw("queries", null, json));
        assertTrue(r.isOk(), () -> r.deadLetter().toString());
        return r.value();
    }

    private void bad(String json, RejectReason reason, String detail) {
        check(raw("queries", "some-key", json), reason, detail);
    }

    private void bad(byte[] value, RejectReason reason, String detail) {
        check(raw("queries", null, value), reason, detail);
    }

    private void check(RawRecord raw, RejectReason reason, String detail) {
        assertRejected(parser.parse(raw), raw, reason, detail);
        covered.add(reason);
    }
}
