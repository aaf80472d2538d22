package org.vectorindex.connectors.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.model.UpdateCause;
import org.vectorindex.operators.model.VectorResult;

class OutputJsonTest {

    @Test
    void writesTheIssueResultFormat() {
        QueryResult r = new QueryResult("q1", "c", new String[] {"doc-7"}, new float[] {0.93f}, 3);
        assertEquals(
                "{\"type\":\"result\",\"queryId\":\"q1\",\"collection\":\"c\","
                        + "\"hits\":[{\"id\":\"doc-7\",\"score\":0.93}],\"tookMs\":3}",
                text(OutputJson.write(r)));
        assertEquals(r, OutputJson.readResult(OutputJson.write(r)));
    }

    @Test
    void writesTheIssueUpdateFormat() {
        SubscriptionUpdate u =
                new SubscriptionUpdate(
                        "s1",
                        2,
                        new String[] {"doc-9", "doc-1"},
                        new float[] {0.5f, 0.25f},
                        new String[] {"doc-9"},
                        new String[] {"doc-3"},
                        UpdateCause.UPSERT,
                        "doc-9");
        assertWrittenAndRead(
                "{\"type\":\"update\",\"subscriptionId\":\"s1\",\"version\":2,"
                        + "\"hits\":[{\"id\":\"doc-9\",\"score\":0.5},{\"id\":\"doc-1\",\"score\":0.25}],"
                        + "\"entered\":[\"doc-9\"],\"left\":[\"doc-3\"],"
                        + "\"cause\":{\"op\":\"upsert\",\"id\":\"doc-9\"}}",
                u,
                OutputJson.write(u),
                OutputJson::readResult);
    }

    @Test
    void writesVectorResultsAndReadsThemBack() {
        VectorResult found = new VectorResult("g1", "c", "doc-7", new float[] {0.5f, -1f});
        assertEquals(
                "{\"type\":\"vector\",\"queryId\":\"g1\",\"collection\":\"c\",\"id\":\"doc-7\","
                        + "\"vector\":[0.5,-1.0]}",
                new String(OutputJson.write(found), StandardCharsets.UTF_8));
        VectorResult absent = new VectorResult("g2", "c", "nope", null);
        assertEquals(
                "{\"type\":\"vector\",\"queryId\":\"g2\",\"collection\":\"c\",\"id\":\"nope\","
                        + "\"vector\":null}",
                new String(OutputJson.write(absent), StandardCharsets.UTF_8));
        assertEquals(found, OutputJson.readResult(OutputJson.write(found)));
        assertEquals(absent, OutputJson.readResult(OutputJson.write(absent)));
    }

    @Test
    void writesStatsWithHexDigestsInShardOrder() {
        StatsResult r =
                new StatsResult(
                        "st1", "c", new long[] {123, 0}, new long[] {-2L, 0x00ab00000000cd01L});
        assertWrittenAndRead(
                "{\"type\":\"stats\",\"queryId\":\"st1\",\"collection\":\"c\",\"size\":123,"
                        + "\"shards\":[{\"shard\":0,\"size\":123,\"digest\":\"fffffffffffffffe\"},"
                        + "{\"shard\":1,\"size\":0,\"digest\":\"00ab00000000cd01\"}]}",
                r,
                OutputJson.write(r),
                OutputJson::readResult);
        assertEquals(r, OutputJson.readResult(OutputJson.write((ResultRecord) r)));
    }

    @Test
    void deadLettersKeepTheOriginalBytes() {
        byte[] value = {'{', (byte) 0xff, 0, '}'};
        DeadLetter d =
                DeadLetter.of(
                        new RawRecord("mutations", 1, 42, "doc-1".getBytes(), value),
                        RejectReason.BAD_JSON,
                        "Invalid UTF-8 \"start\" byte");
        assertWrittenAndRead(
                "{\"reason\":\"bad_json\",\"detail\":\"Invalid UTF-8 \\\"start\\\" byte\","
                        + "\"sourceTopic\":\"mutations\",\"partition\":1,\"offset\":42,"
                        + "\"key\":\"doc-1\",\"keyBase64\":\"ZG9jLTE=\",\"valueBase64\":\"e/8AfQ==\","
                        + "\"keyLength\":5,\"valueLength\":4,\"truncated\":false}",
                d,
                OutputJson.write(d),
                OutputJson::readDeadLetter);
        DeadLetter noBytes = DeadLetter.fromOperator(null, -1, -1L, null, "x");
        assertEquals(noBytes, OutputJson.readDeadLetter(OutputJson.write(noBytes)));
        DeadLetter binaryKey =
                DeadLetter.of(
                        new RawRecord("q", 0, 0, new byte[] {(byte) 0xc3}, null),
                        RejectReason.EMPTY_RECORD,
                        "tombstone");
        assertEquals(binaryKey, OutputJson.readDeadLetter(OutputJson.write(binaryKey)));
    }

    /** {@code written}, the bytes of {@code record}, are {@code json} and read back as it. */
    private static void assertWrittenAndRead(
            String json, Object record, byte[] written, Function<byte[], ?> read) {
        assertEquals(json, text(written));
        assertEquals(record, read.apply(written));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
