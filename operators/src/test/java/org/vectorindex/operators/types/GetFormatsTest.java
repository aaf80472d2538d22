package org.vectorindex.operators.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QuerySerializer;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.ResultRecordSerializer;
import org.vectorindex.operators.model.VectorResult;

/** The bytes of a get and of its answer on every edge, frozen; formats before them refuse them. */
class GetFormatsTest {
    private static final String SHARD_QUERY =
            "040402670263000000020000000404632332ffffffff000000000000000000000000000000000000"
                    + "00050000000100000000000000070264";
    private static final String MERGED =
            "040302670263000000010264000000023f000000bf8000000000000000000000000000"
                    + "000000000000000000000000000000ffffffff";
    private static final String QUERY =
            "0402670263000000000000000000000000000000000100000000000000070264";
    private static final String RESULT = "03026702630264000000023f000000bf800000";
    // the model formats since they lead with their version byte (4): the frozen fields follow it
    private static final String QUERY_V4 = "04" + QUERY;
    private static final String RESULT_V4 = "04" + RESULT;

    @Test
    void getRequestsKeepTheirTargetId() throws IOException {
        ShardQuery q = ShardQuery.get("g", "c", "d", 5L).at(1, 7L).toShard("c", 2, 4);
        assertEquals(SHARD_QUERY, GoldenBytes.hex(ShardQuerySerializer.INSTANCE, q));
        ShardQuery read = GoldenBytes.read(ShardQuerySerializer.INSTANCE, SHARD_QUERY);
        assertEquals("d", read.targetId());
        assertEquals(ShardQuery.Kind.GET, read.kind());
        assertEquals(2, read.shard());
        // format 3 had no kind 4
        assertThrows(
                IOException.class,
                () ->
                        GoldenBytes.read(
                                ShardQuerySerializer.INSTANCE, "03" + SHARD_QUERY.substring(2)));

        Query model = Query.get("g", "c", "d").at(1, 7L);
        assertEquals(QUERY_V4, GoldenBytes.hex(QuerySerializer.INSTANCE, model));
        Query back = GoldenBytes.read(QuerySerializer.INSTANCE, QUERY_V4);
        assertEquals(model, back);
        assertEquals(7L, back.sourceOffset());
    }

    @Test
    void vectorAnswersKeepTheVector() throws IOException {
        MergedResult m = MergedResult.vector("g", "c", "d", new float[] {0.5f, -1f});
        assertEquals(MERGED, GoldenBytes.hex(MergedResultSerializer.INSTANCE, m));
        MergedResult read = GoldenBytes.read(MergedResultSerializer.INSTANCE, MERGED);
        assertEquals(MergedResult.Kind.VECTOR, read.kind());
        assertArrayEquals(new float[] {0.5f, -1f}, read.scores());
        assertThrows(
                IOException.class,
                () ->
                        GoldenBytes.read(
                                MergedResultSerializer.INSTANCE, "03" + MERGED.substring(2)));

        ResultRecord v = new VectorResult("g", "c", "d", new float[] {0.5f, -1f});
        assertEquals(RESULT_V4, GoldenBytes.hex(ResultRecordSerializer.INSTANCE, v));
        assertEquals(v, GoldenBytes.read(ResultRecordSerializer.INSTANCE, RESULT_V4));
        ResultRecord absent = new VectorResult("g", "c", "d", null);
        assertEquals(
                absent,
                GoldenBytes.read(
                        ResultRecordSerializer.INSTANCE,
                        GoldenBytes.hex(ResultRecordSerializer.INSTANCE, absent)));
    }
}
