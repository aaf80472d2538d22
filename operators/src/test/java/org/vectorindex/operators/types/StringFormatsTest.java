package org.vectorindex.operators.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.state.testing.SerializerChecks.roundTrip;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Strings of any length cross every edge, and records of the formats before that (written with
 * {@code writeUTF}, captured as hex from the release that wrote them) still read.
 */
class StringFormatsTest {
    /** Over writeUTF's 65,535 bytes: in characters, and in bytes though fewer characters. */
    static final String LONG = "x".repeat(70_000);

    static final String EUROS = "\u20ac".repeat(21_846);

    // records as the formats before long strings wrote them
    private static final String MUTATION_V1 =
            "010003632330000008646f632d31e282ac000000023f8000004020000000000001"
                    + "00046c616e670002656e";
    private static final String QUERY_V2 =
            "0201000273310100016300000002000000040100036323320000000240400000408000"
                    + "000000000a00000020000000010001610001620000000000000063";
    private static final String PARTIAL_V2 =
            "02010002733100016300000001000000030000000200000002000161000162000000"
                    + "023f6666663f0000000000000000000007020100016100";
    private static final String MERGED_V2 =
            "02010002733100016300000001000161000000013f66666600000000000000000000"
                    + "000000000003000000010001610000000100017a030100017affffffff";

    @Test
    void formerFormatsStillRead() throws IOException {
        ShardMutation m = GoldenBytes.read(ShardMutationSerializer.INSTANCE, MUTATION_V1);
        assertEquals("c#0", m.shardKey());
        assertEquals("doc-1\u20ac", m.id());
        assertArrayEquals(new float[] {1, 2.5f}, m.vector());
        assertEquals(Map.of("lang", "en"), m.attributes());

        ShardQuery q = GoldenBytes.read(ShardQuerySerializer.INSTANCE, QUERY_V2);
        assertEquals("s1", q.requestId());
        assertEquals("c#2", q.shardKey());
        assertEquals(Map.of("a", "b"), q.filter());
        assertEquals(99L, q.ingestMillis());

        PartialResult p = GoldenBytes.read(PartialResultSerializer.INSTANCE, PARTIAL_V2);
        assertArrayEquals(new String[] {"a", "b"}, p.ids());
        assertEquals("a", p.causeId());

        MergedResult r = GoldenBytes.read(MergedResultSerializer.INSTANCE, MERGED_V2);
        assertArrayEquals(new String[] {"z"}, r.left());
        assertEquals("z", r.causeId());

        assertEquals(
                new ShardRejection("c", "knn", "q1", "bad k"),
                GoldenBytes.read(
                        ShardRejectionSerializer.INSTANCE,
                        "010100016300036b6e6e01000271310005626164206b"));
    }

    @Test
    void stringsOverSixtyFourKibRoundTrip() throws IOException {
        for (String s : new String[] {LONG, EUROS}) {
            ShardMutation m =
                    roundTrip(
                            ShardMutationSerializer.INSTANCE,
                            ShardMutation.upsert("c", 2, s, new float[] {1}, Map.of(s, s)));
            assertEquals(s, m.id());
            assertEquals(Map.of(s, s), m.attributes());
            ShardQuery q =
                    roundTrip(
                            ShardQuerySerializer.INSTANCE,
                            ShardQuery.knn(s, "c", new float[] {1}, 3, 0, Map.of("f", s), 1L)
                                    .toShard("c", 0, 2));
            assertEquals(s, q.requestId());
            assertEquals(s, q.filter().get("f"));
            PartialResult p =
                    roundTrip(
                            PartialResultSerializer.INSTANCE,
                            PartialResult.continuous(
                                    s,
                                    "c",
                                    0,
                                    1,
                                    1,
                                    new String[] {s},
                                    new float[] {1},
                                    PartialResult.Cause.UPSERT,
                                    s));
            assertEquals(s, p.ids()[0]);
            ShardRejection j =
                    roundTrip(
                            ShardRejectionSerializer.INSTANCE,
                            new ShardRejection("c", "knn", s, s));
            assertEquals(s, j.reason());
        }
        assertTrue(EUROS.length() < 65_535 && EUROS.getBytes("UTF-8").length > 65_535);
    }
}
