package org.vectorindex.operators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.IndexKind;
import org.vectorindex.operators.testing.Pipeline;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * Restoring must not change what the topology emits: the same input through a pipeline that is
 * snapshotted and restored into fresh operators every 150 records, and through one that never
 * restarts, gives identical output sequences (ids, scores bit for bit, versions, causes, order).
 * This is what lets the job's results be identical with and without failures.
 */
class RestoreDeterminismTest {

    static List<Arguments> cases() {
        return List.of(
                Arguments.of(Backend.HASHMAP, IndexKind.HNSW),
                Arguments.of(Backend.ROCKSDB, IndexKind.HNSW),
                Arguments.of(Backend.ROCKSDB, IndexKind.EXACT));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void restartsDoNotChangeTheOutput(Backend backend, IndexKind kind) throws Exception {
        List<String> steady = run(backend, kind, Integer.MAX_VALUE);
        List<String> restarted = run(backend, kind, 150);
        assertTrue(steady.size() > 200, "expected plenty of output, got " + steady.size());
        assertEquals(steady.size(), restarted.size());
        assertArrayEquals(steady.toArray(), restarted.toArray());
    }

    private static List<String> run(Backend backend, IndexKind kind, int restartEvery)
            throws Exception {
        HnswConfig config = HnswConfig.builder().dimension(12).metric(Metric.COSINE).build();
        List<CollectionSpec> collections = List.of(CollectionSpec.of("c", 3, config));
        TestVectors data = new TestVectors(31, 12, 8);
        Random random = data.random();
        List<String> out = new ArrayList<>();
        try (Pipeline p =
                new Pipeline(
                        collections,
                        () -> new ShardIndexFunction(collections, kind.create()),
                        backend)) {
            for (int step = 0; step < 900; step++) {
                if (step > 0 && step % restartEvery == 0) {
                    p.restart(backend);
                }
                List<MergedResult> results;
                int dice = random.nextInt(20);
                if (step % 100 == 5) {
                    results =
                            p.request(
                                    ShardQuery.subscribe(
                                            "s" + step, "c", data.next(), 5, 0, Map.of(), step));
                } else if (dice == 0) {
                    results =
                            p.request(
                                    ShardQuery.knn(
                                            "q" + step, "c", data.next(), 10, 0, Map.of(), step));
                } else if (dice < 4) {
                    results = p.mutate(ShardMutation.delete("c", 3, "d" + random.nextInt(300)));
                } else {
                    results =
                            p.mutate(
                                    ShardMutation.upsert(
                                            "c",
                                            3,
                                            "d" + random.nextInt(300),
                                            data.next(),
                                            Map.of()));
                }
                for (MergedResult r : results) {
                    out.add(describe(r));
                }
            }
        }
        return out;
    }

    private static String describe(MergedResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.kind()).append(' ').append(r.requestId()).append(" v").append(r.version());
        for (int i = 0; i < r.ids().length; i++) {
            sb.append(' ').append(r.ids()[i]).append(':');
            sb.append(Integer.toHexString(Float.floatToIntBits(r.scores()[i])));
        }
        sb.append(" +").append(List.of(r.entered())).append(" -").append(List.of(r.left()));
        sb.append(' ').append(r.cause()).append(' ').append(r.causeId());
        return sb.toString();
    }
}
