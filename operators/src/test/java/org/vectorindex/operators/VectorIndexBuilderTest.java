package org.vectorindex.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.state.math.Metric;

/** The builder fails fast, and each message names what is missing or wrong. */
class VectorIndexBuilderTest {
    private static final CollectionSpec DOCS = CollectionSpec.hnsw("docs", 4, Metric.COSINE);

    @Test
    void buildWithoutCollectionsNamesThem() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> VectorIndex.builder().build());
        assertTrue(e.getMessage().contains("collections are missing"), e.getMessage());
        assertTrue(e.getMessage().contains("collections(Path collectionsFile)"), e.getMessage());
    }

    @Test
    void emptyOrNullCollectionsAreRefusedAtOnce() {
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> VectorIndex.builder().collections(List.of()))
                        .getMessage()
                        .contains("no collection is given"));
        assertTrue(
                assertThrows(
                                NullPointerException.class,
                                () -> VectorIndex.builder().collections((Path) null))
                        .getMessage()
                        .contains("collections file"));
    }

    @Test
    void collectionsSetTwiceIsAnError() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> VectorIndex.builder().collections(DOCS).collections(DOCS));
        assertTrue(e.getMessage().contains("[docs]"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> VectorIndex.builder().collections(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aBadRecallFractionFailsInTheBuilder() {
        assertThrows(
                IllegalArgumentException.class,
                () -> VectorIndex.builder().recallSampleFraction(1.5));
    }

    @Test
    void readsACollectionsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(
                file,
                "collections:\n  - name: a\n    dimension: 3\n    metric: l2\n    shards: 2\n");
        VectorIndex index = VectorIndex.builder().collections(file).build();
        assertEquals(2, index.collections().require("a").shards());
    }

    @Test
    void applyNamesTheMissingStream() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VectorIndex index = VectorIndex.builder().collections(DOCS).build();
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> index.apply(null, env.fromData(Query.stats("s", "docs"))))
                        .getMessage()
                        .contains("mutations stream is missing"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> index.apply(env.fromData(Mutation.delete("docs", "x")), null))
                        .getMessage()
                        .contains("queries stream is missing"));
    }

    @Test
    void theQueryPathFlushesAfterItsOwnBufferTimeoutAndMutationsKeepTheJobs() {
        for (Duration timeout : new Duration[] {null, Duration.ZERO, Duration.ofMillis(20)}) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setBufferTimeout(100);
            VectorIndex.Builder b = VectorIndex.builder().collections(DOCS);
            if (timeout != null) {
                b.queryBufferTimeout(timeout);
            }
            b.build()
                    .apply(
                            env.fromData(Mutation.delete("docs", "x")),
                            env.fromData(Query.stats("s", "docs")))
                    .records()
                    .print();
            long expected =
                    (timeout != null
                                    ? timeout
                                    : ShardedIndexTopology.QUERY_BUFFER_TIMEOUT.defaultValue())
                            .toMillis();
            Map<String, Long> byName = new HashMap<>();
            for (StreamNode n : env.getStreamGraph().getStreamNodes()) {
                byName.put(n.getOperatorName(), n.getBufferTimeout());
            }
            for (String queryPath : List.of("adapt queries", "fan-out to shards", "shard index")) {
                assertEquals(expected, byName.get(queryPath), queryPath + " at " + timeout);
            }
            assertEquals(100L, byName.get("route mutations"), "the mutation path");
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> VectorIndex.builder().queryBufferTimeout(Duration.ofMillis(-1)));
    }
}
