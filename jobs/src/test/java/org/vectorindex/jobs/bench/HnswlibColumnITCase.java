package org.vectorindex.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.testing.BenchArgs;

/**
 * The hnswlib column of {@code bench hnsw}: with Debian's python3-hnswlib its recall is measured
 * against the same truth as ours (never its speed); without it the bench says how to install it and
 * still reports the other columns.
 */
class HnswlibColumnITCase {
    private static final String PYTHON = "/usr/bin/python3";
    @TempDir static Path dir;
    private static Path base;
    private static Path queries;

    @BeforeAll
    static void writeData() throws Exception {
        float[][] all = ClusteredData.generate(2060, 16, 20, 2.0, 5);
        base = dir.resolve("base.fvecs");
        queries = dir.resolve("query.fvecs");
        VectorFiles.writeFvecs(base, java.util.Arrays.copyOf(all, 2000));
        VectorFiles.writeFvecs(queries, java.util.Arrays.copyOfRange(all, 2000, 2060));
    }

    @Test
    void hnswlibRunsOnTheSameFilesWhenInstalled() throws Exception {
        boolean installed = hasHnswlib();
        StringBuilder log = new StringBuilder();
        JsonNode root = bench(PYTHON, "cosine", log);
        if (!installed) {
            assertTrue(
                    log.toString().contains("apt-get install -y python3-hnswlib"), log.toString());
            assertTrue(root.at("/search/0/hnswlib").isMissingNode());
            return;
        }
        assertTrue(root.at("/build/hnswlib/perSecond").asDouble() > 0);
        for (JsonNode row : root.get("search")) {
            double recall = row.at("/hnswlib/recall").asDouble();
            assertTrue(row.at("/hnswlib/qps").asDouble() > 0, row.toString());
            // The same truth file and k: at ef=64 both graphs find nearly all neighbours.
            if (row.get("ef").asInt() == 64) {
                assertTrue(recall >= 0.95, "hnswlib recall@10 at ef=64: " + recall);
                assertTrue(row.at("/ours/recall").asDouble() >= 0.95, row.toString());
            }
        }
        assertTrue(root.at("/ratios/vsHnswlib/buildRate").asDouble() > 0);
    }

    @Test
    void withoutHnswlibTheBenchSaysHowToInstallItAndRunsTheRest() throws Exception {
        StringBuilder log = new StringBuilder();
        JsonNode root = bench(dir.resolve("no-such-python").toString(), "l2", log);
        assertTrue(log.toString().contains("apt-get install -y python3-hnswlib"), log.toString());
        assertFalse(root.at("/build").has("hnswlib"));
        assertTrue(root.at("/search/0/hnswlib").isMissingNode());
        assertTrue(root.at("/ratios/vsHnswlib").isMissingNode());
        assertTrue(root.at("/search/1/ours/recall").asDouble() >= 0.95);
        assertTrue(root.at("/search/1/lucene/recall").asDouble() >= 0.95);
    }

    private static JsonNode bench(String python, String metric, StringBuilder log)
            throws Exception {
        Path json = Files.createTempFile(dir, "hnsw", ".json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--base", base.toString()));
        args.addAll(List.of("--queries", queries.toString(), "--metric", metric, "--ef", "16,64"));
        args.addAll(BenchArgs.ONE_PASS);
        args.addAll(List.of("--warmup", "0", "--hnswlib-python", python));
        args.addAll(List.of("--json", json.toString()));
        int code = new HnswBench(new PrintStream(out, true), new PrintStream(err, true)).run(args);
        log.append(err.toString(StandardCharsets.UTF_8))
                .append(out.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, log.toString());
        return new ObjectMapper().readTree(json.toFile());
    }

    private static boolean hasHnswlib() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import hnswlib").start();
        return p.waitFor() == 0;
    }
}
