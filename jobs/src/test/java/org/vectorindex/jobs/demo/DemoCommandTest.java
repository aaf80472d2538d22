package org.vectorindex.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorindex.connectors.format.FormatSettings;
import org.vectorindex.connectors.format.MutationParser;
import org.vectorindex.connectors.format.ParseResult;
import org.vectorindex.connectors.format.QueryParser;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.state.math.Metric;

class DemoCommandTest {

    @Test
    void defaults() {
        DemoCommand.Options o = DemoCommand.parse(List.of());
        assertEquals(2000, o.docs());
        assertEquals(100, o.queries());
        assertEquals(3, o.subscriptions());
        assertNull(o.fvecs());
        assertEquals(2, o.parallelism());
        assertEquals("rocksdb", o.stateBackend());
        assertEquals(Duration.ofSeconds(120), o.timeout());
        assertFalse(o.follow());
    }

    @Test
    void flags() {
        DemoCommand.Options o =
                DemoCommand.parse(
                        List.of(
                                "--docs",
                                "300",
                                "--follow",
                                "--fvecs",
                                "x.fvecs",
                                "--metric",
                                "cosine",
                                "--state-backend",
                                "heap",
                                "--timeout",
                                "30s"));
        assertEquals(300, o.docs());
        assertTrue(o.follow());
        assertEquals("x.fvecs", o.fvecs().toString());
        assertEquals(Metric.COSINE, o.metric());
        assertEquals("heap", o.stateBackend());
        assertEquals(Duration.ofSeconds(30), o.timeout());
    }

    @Test
    void badFlagsFailWithTheFlagsName() {
        for (List<String> bad :
                List.of(
                        List.of("--docs", "5"),
                        List.of("--delete-fraction", "2"),
                        List.of("--state-backend", "memory"),
                        List.of("--metric", "hamming"),
                        List.of("--timeout", "ten"),
                        List.of("--kafka-property", "a=b"),
                        List.of("--nope", "1"))) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(bad));
            assertFalse(e.getMessage().isBlank(), bad.toString());
        }
    }

    @Test
    void theCollectionsFileIsValid() {
        CollectionRegistry r =
                CollectionsFile.parse(
                        DemoCluster.collectionsJson(384, Metric.COSINE), true, "demo");
        CollectionSpec c = r.get(DemoCluster.COLLECTION);
        assertEquals(384, c.dimension());
        assertEquals(Metric.COSINE, c.metric());
        assertEquals(4, c.shards());
    }

    @Test
    void everyBadRecordIsRejectedForItsReason() {
        int dim = 8;
        CollectionRegistry r =
                CollectionsFile.parse(
                        DemoCluster.collectionsJson(dim, Metric.COSINE), true, "demo");
        MutationParser mutations = new MutationParser(r, FormatSettings.defaults());
        QueryParser queries = new QueryParser(r, FormatSettings.defaults());
        List<BadRecords.Bad> bad = BadRecords.forCollection(DemoCluster.COLLECTION, dim);
        assertTrue(bad.size() >= 4);
        for (BadRecords.Bad b : bad) {
            RawRecord raw =
                    new RawRecord("t", 0, 0, b.key().getBytes(StandardCharsets.UTF_8), b.value());
            ParseResult<?> p = b.toQueries() ? queries.parse(raw) : mutations.parse(raw);
            assertFalse(p.isOk(), b.key() + " parsed");
            assertEquals(b.expectedReason(), p.deadLetter().reason().code(), b.key());
        }
    }
}
