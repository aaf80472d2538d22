package org.vectorindex.operators.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.testing.Results;

/**
 * The formats that carry a record's source partition and offset, frozen as bytes, and the formats
 * just before them, which still read with the coordinates unknown (-1).
 */
class SourceCoordinatesFormatTest {
    private static final String MUTATION_V3 =
            "0304632330000264000000013f80000000000000000000020000000000000009";
    private static final String QUERY_V4 =
            "040002710263000000000000000104632330000000013f800000000000030000000000000000"
                    + "00000000000000050000000100000000000000"
                    + "07";
    private static final String REJECTION_V3 = "030263046b6e6e027104626164000000010000000000000007";
    private static final String PARTIAL_V4 =
            "040002710263000000000000000100000003000000010261000000013f000000000000000000"
                    + "0005000000000000010000000000000007";

    /** The previous format: the same bytes without the trailing coordinates. */
    private static String previous(String hex) {
        String body = hex.substring(2, hex.length() - 24);
        int version = Integer.parseInt(hex.substring(0, 2), 16) - 1;
        return String.format("%02x", version) + body;
    }

    @Test
    void mutationsCarryTheirCoordinates() throws IOException {
        ShardMutation m = ShardMutation.upsert("c", 1, "d", new float[] {1f}, Map.of()).at(2, 9L);
        assertEquals(MUTATION_V3, GoldenBytes.hex(ShardMutationSerializer.INSTANCE, m));
        ShardMutation read = GoldenBytes.read(ShardMutationSerializer.INSTANCE, MUTATION_V3);
        assertEquals(2, read.sourcePartition());
        assertEquals(9L, read.sourceOffset());
        ShardMutation old =
                GoldenBytes.read(ShardMutationSerializer.INSTANCE, previous(MUTATION_V3));
        assertEquals("d", old.id());
        assertEquals(-1, old.sourcePartition());
        assertEquals(-1L, old.sourceOffset());
    }

    @Test
    void queriesCarryTheirCoordinatesToEveryShard() throws IOException {
        ShardQuery q =
                ShardQuery.knn("q", "c", new float[] {1f}, 3, 0, Map.of(), 5L)
                        .at(1, 7L)
                        .toShard("c", 0, 1);
        assertEquals(QUERY_V4, GoldenBytes.hex(ShardQuerySerializer.INSTANCE, q));
        ShardQuery read = GoldenBytes.read(ShardQuerySerializer.INSTANCE, QUERY_V4);
        assertEquals(1, read.sourcePartition());
        assertEquals(7L, read.sourceOffset());
        ShardQuery old = GoldenBytes.read(ShardQuerySerializer.INSTANCE, previous(QUERY_V4));
        assertEquals("q", old.requestId());
        assertEquals(-1, old.sourcePartition());
        assertEquals(-1L, old.sourceOffset());
    }

    @Test
    void rejectionsAndPartialsCarryTheirCoordinates() throws IOException {
        ShardRejection r = new ShardRejection("c", "knn", "q", "bad", 1, 7L);
        assertEquals(REJECTION_V3, GoldenBytes.hex(ShardRejectionSerializer.INSTANCE, r));
        assertEquals(r, GoldenBytes.read(ShardRejectionSerializer.INSTANCE, REJECTION_V3));
        assertEquals(
                new ShardRejection("c", "knn", "q", "bad"),
                GoldenBytes.read(ShardRejectionSerializer.INSTANCE, previous(REJECTION_V3)));

        PartialResult p =
                Results.oneShot(
                        Results.knnOnShard("q", "c", 0, 1, 3, 5L).at(1, 7L),
                        new String[] {"a"},
                        new float[] {0.5f});
        assertEquals(PARTIAL_V4, GoldenBytes.hex(PartialResultSerializer.INSTANCE, p));
        PartialResult read = GoldenBytes.read(PartialResultSerializer.INSTANCE, PARTIAL_V4);
        assertEquals("1:7:q", read.mergeKey());
        PartialResult old =
                GoldenBytes.read(PartialResultSerializer.INSTANCE, previous(PARTIAL_V4));
        assertEquals(-1, old.sourcePartition());
        assertEquals("-1:-1:q", old.mergeKey());
    }

    @Test
    void onlyOneShotAndStatsPartialsAreMergedApartBySource() {
        PartialResult update =
                new PartialResult(
                        PartialResult.Kind.CONTINUOUS,
                        "s",
                        "c",
                        0,
                        1,
                        3,
                        new String[0],
                        new float[0],
                        0L,
                        PartialResult.Cause.SUBSCRIBE,
                        "s",
                        null,
                        1,
                        7L);
        assertEquals("s", update.mergeKey());
    }
}
