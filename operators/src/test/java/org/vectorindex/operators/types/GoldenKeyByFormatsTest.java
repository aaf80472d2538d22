package org.vectorindex.operators.types;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.testing.Results;
import org.vectorindex.state.testing.GoldenFixtures;

/** The types crossing a keyBy as committed fixtures of each released format still read. */
class GoldenKeyByFormatsTest {
    private static final Map<String, String> ATTRS = Map.of("lang", "en\u20ac");

    /** A subscription update, also the round trips' sample. */
    static final MergedResult UPDATE =
            MergedResult.update(
                    "s1",
                    "c",
                    new String[] {"a"},
                    new float[] {0.9f},
                    3,
                    new String[] {"a"},
                    new String[] {"z"},
                    PartialResult.Cause.DELETE,
                    "z");

    @Test
    void shardMutations() throws IOException {
        GoldenFixtures.check(
                "ShardMutation-v3.hex",
                ShardMutationSerializer.INSTANCE,
                List.of(
                        ShardMutation.upsert("c", 4, "doc-1", new float[] {1, -2.5f}, ATTRS)
                                .at(3, 42L),
                        ShardMutation.delete("c", 4, "d\u00fc")));
    }

    @Test
    void shardQueries() throws IOException {
        GoldenFixtures.check(
                "ShardQuery-v4.hex",
                ShardQuerySerializer.INSTANCE,
                List.of(
                        ShardQuery.knn("q1", "c", new float[] {3, 4}, 10, 32, ATTRS, 99L)
                                .at(1, 7L)
                                .toShard("c", 2, 4),
                        ShardQuery.subscribe("s1", "c", new float[] {1}, 5, 0, null, 1L),
                        ShardQuery.unsubscribe("s1", null, 5L),
                        ShardQuery.stats("st", "c", 11L).toShard("c", 1, 4),
                        ShardQuery.get("g", "c", "doc-\u20ac", 3L).toShard("c", 0, 1)));
    }

    @Test
    void partialResults() throws IOException {
        GoldenFixtures.check(
                "PartialResult-v4.hex",
                PartialResultSerializer.INSTANCE,
                List.of(
                        Results.oneShot(
                                Results.knnOnShard("q1", "c", 1, 3, 2, 7L).at(2, 17L),
                                new String[] {"a", "b\u20ac"},
                                new float[] {0.9f, 0.5f}),
                        PartialResult.continuous(
                                "s1",
                                "c",
                                0,
                                1,
                                1,
                                new String[] {"a"},
                                new float[] {1f},
                                PartialResult.Cause.UPSERT,
                                "a"),
                        PartialResult.closed("s1", "c", 0, 1, 1, 0L),
                        Results.stats(
                                Results.statsOnShard("st", "c", 1, 4, 11L),
                                123,
                                0x8000000000000001L)));
    }

    @Test
    void mergedResults() throws IOException {
        GoldenFixtures.check(
                "MergedResult-v4.hex",
                MergedResultSerializer.INSTANCE,
                List.of(
                        UPDATE,
                        MergedResult.result(
                                "q", "c", new String[] {"a", "b"}, new float[] {1f, 0.5f}, 12),
                        Results.mergedStats(
                                "st", "c", new ShardStats(1, -1L), new ShardStats(0, 7L))));
    }

    @Test
    void shardRejections() throws IOException {
        GoldenFixtures.check(
                "ShardRejection-v3.hex",
                ShardRejectionSerializer.INSTANCE,
                List.of(
                        new ShardRejection("c", "upsert", "x", "wrong dimension", 2, 9L),
                        new ShardRejection(null, "query", null, "no collection")));
    }
}
