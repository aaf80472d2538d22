package org.vectorindex.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.jobs.bench.io.VectorFiles;

/**
 * Runs {@code demo} end to end (embedded broker, the job on a MiniCluster, RocksDB) and checks its
 * contract: the last line is the JSON summary, recall@10 against brute force is high, every bad
 * record reached the dead-letter topic, every subscription got at least its initial update.
 */
class DemoITCase {
    @TempDir Path tmp;

    /** The real path: Europarl sentences embedded by all-MiniLM-L6-v2 (no cache: a fresh one). */
    @Test
    void europarlWithTheRealModel() throws Exception {
        JsonNode s =
                runDemo(
                        "--docs", "300",
                        "--queries", "30",
                        "--subscriptions", "2",
                        "--cache-dir", tmp.resolve("cache").toString(),
                        "--timeout", "90s");
        assertEquals(30, s.get("queries").asLong());
        assertEquals(30, s.get("answered").asLong());
        assertEquals(2, s.get("subscriptions").asLong());
    }

    /** Vectors from a file given by path (clustered, so recall means something), heap state. */
    @Test
    void fvecsFileWithHeapState() throws Exception {
        Path file = tmp.resolve("clustered.fvecs");
        VectorFiles.writeFvecs(file, ClusteredData.generate(640, 24, 16, 0.08, 5));
        JsonNode s =
                runDemo(
                        "--fvecs", file.toString(),
                        "--metric", "l2",
                        "--docs", "600",
                        "--queries", "37",
                        "--subscriptions", "3",
                        "--state-backend", "heap",
                        "--timeout", "90s");
        assertEquals(37, s.get("answered").asLong());
    }

    private static JsonNode runDemo(String... args) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            code = new DemoCommand(out).run(List.of(args));
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1];
        assertEquals(0, code, text);
        JsonNode s = new ObjectMapper().readTree(last);
        List<String> keys = DemoSummaryTest.fieldNames(s);
        assertEquals(DemoSummaryTest.FIRST_KEYS, keys.subList(0, 6), last);
        assertTrue(s.get("recallAt10").asDouble() >= 0.9, last);
        assertTrue(s.get("deadLetters").asLong() >= s.get("badRecords").asLong(), last);
        assertTrue(s.get("badRecords").asLong() >= 5, last);
        assertTrue(s.get("upserts").asLong() > 0 && s.get("deletes").asLong() > 0, last);
        assertTrue(s.get("subscriptionUpdates").asLong() >= s.get("subscriptions").asLong(), last);
        assertTrue(text.contains("dead letter: wrong_dimension"), text);
        return s;
    }
}
