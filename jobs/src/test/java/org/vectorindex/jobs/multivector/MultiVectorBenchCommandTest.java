package org.vectorindex.jobs.multivector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiVectorBenchCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Clustered token sets: 12 topic directions in 8-d, each set mixes 2 topics. */
    static void writeCorpus(Path file, String prefix, int n, long seed) throws IOException {
        SplittableRandom topicsRnd = new SplittableRandom(99);
        double[][] topics = new double[12][8];
        for (double[] t : topics) {
            for (int j = 0; j < 8; j++) {
                t[j] = topicsRnd.nextDouble() * 2 - 1;
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder("{\"id\":\"" + prefix + i + "\",\"vectors\":[");
            int tokens = 3 + rnd.nextInt(20);
            for (int t = 0; t < tokens; t++) {
                double[] c = topics[(i + (t % 2) * 5) % topics.length];
                sb.append(t == 0 ? "[" : ",[");
                for (int j = 0; j < 8; j++) {
                    sb.append(j == 0 ? "" : ",").append(c[j] + 0.3 * (rnd.nextDouble() - 0.5));
                }
                sb.append(']');
            }
            lines.add(sb.append("]}").toString());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code docs} documents and {@code queries} queries ({@link #writeCorpus}) to {@code
     * dir}; returns the flags that name the two files.
     */
    private static List<String> corpusFiles(Path dir, int docs, int queries) throws IOException {
        Path d = dir.resolve("docs.jsonl");
        Path q = dir.resolve("queries.jsonl");
        writeCorpus(d, "d", docs, 1);
        writeCorpus(q, "q", queries, 2);
        return List.of("--docs-file", d.toString(), "--queries-file", q.toString());
    }

    /** 300 documents and 8 queries, unpooled (m = 512) INT8, k = 5, plus {@code extra} flags. */
    private static JsonNode runUnpooledInt8(Path dir, String... extra) throws IOException {
        Path json = dir.resolve("out.json");
        List<String> args = new ArrayList<>(corpusFiles(dir, 300, 8));
        args.addAll(
                List.of("--m", "512", "--store", "int8", "--k", "5", "--json", json.toString()));
        args.addAll(List.of(extra));
        assertEquals(0, MultiVectorBenchCommand.run(args.toArray(new String[0])));
        return MAPPER.readTree(json.toFile());
    }

    @Test
    void runsOnJsonlFilesAndWritesTheDocumentedKeys(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("out.json");
        Path results = dir.resolve("results.jsonl");
        List<String> args = new ArrayList<>(List.of("bench", "multivector"));
        args.addAll(corpusFiles(dir, 400, 10));
        args.addAll(
                List.of(
                        "--m",
                        "4",
                        "--candidates",
                        "10,40",
                        "--k",
                        "5",
                        "--json",
                        json.toString(),
                        "--results",
                        results.toString(),
                        "--prune",
                        "0.5,0.5,distinctiveness"));
        int code = MultiVectorBenchCommand.run(args.toArray(new String[0]));
        assertEquals(0, code);
        JsonNode report = MAPPER.readTree(json.toFile());
        for (String key : new String[] {"docs", "avgTokens", "m", "fdeDim", "settings"}) {
            assertTrue(report.has(key), "missing key " + key);
        }
        assertEquals(400, report.get("docs").asInt());
        assertEquals(4, report.get("m").asInt());
        assertEquals(4, report.get("settings").size()); // 2 candidate counts × {plain, pruned}
        for (JsonNode s : report.get("settings")) {
            for (String key :
                    new String[] {
                        "candidates",
                        "recallVsExactRaw",
                        "recallVsExactPooled",
                        "fdeOnlyRecall",
                        "madsPerQuery",
                        "bruteForceMadsPerQuery",
                        "qps"
                    }) {
                assertTrue(s.has(key), "missing settings key " + key);
            }
            double recall = s.get("recallVsExactPooled").asDouble();
            assertTrue(recall >= 0 && recall <= 1);
        }
        List<String> lines = Files.readAllLines(results);
        assertEquals(4 * 10, lines.size());
        JsonNode first = MAPPER.readTree(lines.get(0));
        assertEquals(10, first.get("candidates").asInt());
        assertEquals("q0", first.get("query").asText());
        assertEquals(5, first.get("ids").size());
    }

    /** Unpooled (m = 512) INT8 storage is exactly a quarter of the raw float32 bytes. */
    @Test
    void int8StoreReportsABytesRatioAndSeveralPrunings(@TempDir Path dir) throws IOException {
        JsonNode report =
                runUnpooledInt8(
                        dir,
                        "--candidates",
                        "20",
                        "--prune",
                        "0.5,0.5,distinctiveness;0.25,0.2,distinctiveness");
        assertEquals("int8", report.get("store").asText());
        assertEquals(512, report.get("m").asInt());
        assertEquals(0.25, report.get("storageBytesRatio").asDouble(), 1e-12);
        assertEquals(0.25, report.get("storageRatio").asDouble(), 1e-12);
        assertEquals(1.0, report.get("storedComponentsRatio").asDouble(), 1e-12);
        assertTrue(report.get("requirements").get("storageMet").asBoolean());
        assertEquals(3, report.get("settings").size()); // plain + two prunings
        assertEquals(
                0.25, report.get("settings").get(2).get("pruning").get("tokenFraction").asDouble());
        // Unpooled INT8 vectors rank almost exactly as the raw float tokens do.
        assertTrue(
                report.get("pooledExactRecallVsRaw").asDouble() >= 0.9,
                report.get("pooledExactRecallVsRaw").toString());
    }

    @Test
    void tokenCandidateSearchIsGoneWithAClearMessage(@TempDir Path dir) throws IOException {
        String[] files = corpusFiles(dir, 20, 2).toArray(new String[0]);
        String tokens = stderrOf(files, "--candidate-search", "tokens");
        assertTrue(tokens.contains("--candidate-search tokens was removed"), tokens);
        assertTrue(tokens.contains("hnsw or exact"), tokens);
        String depth = stderrOf(files, "--token-depth", "64");
        assertTrue(depth.contains("unknown option --token-depth"), depth);
    }

    /** Runs the command, expecting a usage error; returns what it wrote to stderr. */
    private static String stderrOf(String[] files, String... extra) {
        List<String> args = new ArrayList<>(List.of(files));
        args.addAll(List.of(extra));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, MultiVectorBenchCommand.run(args.toArray(new String[0])));
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsBadCommandLines() {
        assertEquals(2, MultiVectorBenchCommand.run(new String[] {"--docs", "10"}));
        assertEquals(
                2,
                MultiVectorBenchCommand.run(
                        new String[] {"--corpus", "glove", "--docs-file", "x.jsonl"}));
        assertEquals(2, MultiVectorBenchCommand.run(new String[] {"--corpus", "nosuch"}));
        assertEquals(
                2, MultiVectorBenchCommand.run(new String[] {"--corpus", "glove", "--bogus", "1"}));
        assertEquals(
                2,
                MultiVectorBenchCommand.run(
                        new String[] {"--corpus", "glove", "--docs", "5", "--store", "int4"}));
    }

    @Test
    void malformedJsonlNamesTheLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.write(
                f,
                List.of(
                        "{\"id\":\"a\",\"vectors\":[[1,2]]}",
                        "{\"id\":\"b\",\"vectors\":[[1,\"x\"]]}"),
                StandardCharsets.UTF_8);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> JsonlTokenCorpus.read(f, 0));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("component 1"), e.getMessage());
    }
}
