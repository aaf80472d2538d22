package org.vectorindex.connectors.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionType;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.MultiVectorParams;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;
import org.vectorindex.state.math.Metric;

/** Collections and helpers shared by the parser tests. */
final class ParserFixtures {
    private ParserFixtures() {}

    /** "c": 4-d l2; "cos": 3-d cosine; "mv": 2-d multivector with at most 4 tokens. */
    static final CollectionRegistry COLLECTIONS =
            CollectionRegistry.of(
                    CollectionSpec.hnsw("c", 4, Metric.L2),
                    CollectionSpec.hnsw("cos", 3, Metric.COSINE),
                    new CollectionSpec(
                            "mv",
                            CollectionType.MULTIVECTOR,
                            2,
                            Metric.DOT,
                            16,
                            100,
                            64,
                            4,
                            42L,
                            new MultiVectorParams(2, 20, 3, 8, 0, 50, 4)));

    static RawRecord raw(String topic, String key, String json) {
        return raw(topic, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    static RawRecord raw(String topic, String key, byte[] value) {
        return new RawRecord(
                topic, 2, 77L, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    /**
     * The rows of {@code /format/<name>} on the test class path: three fields split by '|', the
     * last taken as it stands; blank lines and '#' comments are skipped.
     */
    static List<String[]> table(String name) throws IOException {
        try (InputStream in = ParserFixtures.class.getResourceAsStream("/format/" + name)) {
            assertNotNull(in, "/format/" + name + " is missing");
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\\|", 3));
                }
            }
            return rows;
        }
    }

    /** Asserts a rejection with that reason and a detail containing {@code detailPart}. */
    static void assertRejected(
            ParseResult<?> r, RawRecord raw, RejectReason reason, String detailPart) {
        assertFalse(r.isOk(), "expected " + reason + " but parsed " + r.value());
        DeadLetter d = r.deadLetter();
        assertSame(reason, d.reason(), d.toString());
        assertTrue(
                d.detail().contains(detailPart),
                "detail '" + d.detail() + "' lacks '" + detailPart + "'");
        assertEquals(raw.topic(), d.sourceTopic());
        assertEquals(raw.partition(), d.partition());
        assertEquals(raw.offset(), d.offset());
        assertSame(raw.value(), d.value());
        assertSame(raw.key(), d.key());
    }
}
