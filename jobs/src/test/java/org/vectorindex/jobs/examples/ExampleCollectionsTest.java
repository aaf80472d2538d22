package org.vectorindex.jobs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.state.math.Metric;

/** The shipped example collections file stays loadable and fits siftsmall. */
class ExampleCollectionsTest {
    @Test
    void theExampleFileLoadsAndHasASiftsmallCollection() {
        // Surefire runs in the module directory; the file lives at the repository root.
        CollectionRegistry r = CollectionsFile.load(Path.of("..", "examples", "collections.yaml"));
        CollectionSpec sift = r.require("sift");
        assertEquals(128, sift.dimension());
        assertEquals(Metric.L2, sift.metric());
        assertFalse(sift.isMultiVector());
        assertEquals(4, sift.shards());
        CollectionSpec docs = r.require("docs");
        assertEquals(384, docs.dimension());
        assertEquals(Metric.COSINE, docs.metric());
        assertEquals(2, r.all().size());
    }
}
