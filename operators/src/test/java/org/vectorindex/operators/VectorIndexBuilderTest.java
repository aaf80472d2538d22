package org.vectorindex.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
}
