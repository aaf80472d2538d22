package org.vectorindex.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.Main;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.testing.BenchArgs;
import org.vectorindex.state.math.DistanceKernels;

/**
 * Runs {@code bench hnsw} and {@code bench churn} end to end through {@link Main} on a clustered
 * data set written as TEXMEX files, with truth computed by a naive sort, and checks the reports. It
 * checks recall, never speed.
 */
class BenchCliITCase {
    private static final int N = 3000;
    private static final int QUERIES = 60;
    private static final int K = 10;
    @TempDir static Path dir;
    private static Path base;
    private static Path queries;
    private static Path truth;

    @BeforeAll
    static void writeData() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("toy-clusters"));
        float[][] all = ClusteredData.generate(N + QUERIES, 24, 30, 2.0, 11);
        float[][] b = java.util.Arrays.copyOf(all, N);
        float[][] q = java.util.Arrays.copyOfRange(all, N, N + QUERIES);
        base = folder.resolve("base.fvecs");
        queries = folder.resolve("query.fvecs");
        truth = folder.resolve("groundtruth.ivecs");
        VectorFiles.writeFvecs(base, b);
        VectorFiles.writeFvecs(queries, q);
        VectorFiles.writeIvecs(truth, ClusteredData.naiveTruth(b, q, 100, ClusteredData::l2));
    }

    @Test
    void benchHnswWritesTheContractReportAndPerQueryResults() throws Exception {
        Path json = dir.resolve("out/hnsw.json");
        Path results = dir.resolve("out/results.jsonl");
        int code =
                Main.run(
                        hnsw(
                                "l2",
                                "10,64",
                                "--truth",
                                truth.toString(),
                                "--warmup",
                                "300",
                                "--json",
                                json.toString(),
                                "--results",
                                results.toString()));
        assertEquals(0, code);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(json.toFile());
        ReportContract.assertHnswReport(root, 2);
        assertEquals("toy-clusters", root.get("dataset").asText());
        assertEquals(N, root.get("n").asInt());
        assertEquals(24, root.get("dim").asInt());
        assertEquals("l2", root.get("metric").asText());
        assertEquals(DistanceKernels.active().name(), root.at("/run/distanceKernel").asText());
        assertEquals(1.0, root.at("/bruteForce/recallAgainstTruth").asDouble(), 1e-9);
        double oursAt64 = root.at("/search/1/ours/recall").asDouble();
        double luceneAt64 = root.at("/search/1/lucene/recall").asDouble();
        assertTrue(oursAt64 >= 0.95, "ours recall@10 at ef=64: " + oursAt64);
        assertTrue(luceneAt64 >= 0.95, "lucene recall@10 at ef=64: " + luceneAt64);

        // The results file alone reproduces the reported recall from the truth file.
        List<String> lines = Files.readAllLines(results);
        // One line per query, ef and system: ours, Lucene, and hnswlib where it is installed.
        assertEquals(QUERIES * 2 * root.get("build").size(), lines.size());
        int[][] truthRows = VectorFiles.readIvecs(truth, -1);
        int[][] ours64 = new int[QUERIES][];
        for (String line : lines) {
            JsonNode r = mapper.readTree(line);
            if (r.get("system").asText().equals("ours") && r.get("ef").asInt() == 64) {
                JsonNode ids = r.get("ids");
                int[] row = new int[ids.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = ids.get(i).asInt();
                }
                ours64[r.get("query").asInt()] = row;
            }
        }
        assertEquals(oursAt64, Recall.atK(ours64, truthRows, K), 1e-9);
    }

    @Test
    void filterSelectivityAddsRowsJudgedAgainstBruteForceOverTheAcceptedVectors() throws Exception {
        Path json = dir.resolve("out/filtered.json");
        int code =
                Main.run(
                        hnsw(
                                "l2",
                                "16,64",
                                "--truth",
                                truth.toString(),
                                "--warmup",
                                "0",
                                "--hnswlib-python",
                                "none",
                                "--filter-selectivity",
                                "0.01,0.1,0.5",
                                "--json",
                                json.toString()));
        assertEquals(0, code);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        ReportContract.assertHnswReport(root, 2);
        JsonNode rows = root.get("filtered");
        assertEquals(6, rows.size(), "three selectivities at two efs");
        for (JsonNode row : rows) {
            double s = row.get("selectivity").asDouble();
            int accepted = 0;
            for (int i = 0; i < N; i++) {
                accepted += FilteredRows.accepted(String.valueOf(i), s, 42L) ? 1 : 0;
            }
            assertEquals(accepted, row.get("accepted").asInt(), "accepted at " + s);
            assertEquals(s, (double) accepted / N, Math.max(0.01, s * 0.3), "share at " + s);
            assertTrue(row.get("qps").asDouble() > 0 && row.get("unfilteredQps").asDouble() > 0);
        }
        assertEquals(
                0,
                Main.run(
                        "check",
                        "filtered",
                        "--json",
                        json.toString(),
                        "--ef",
                        "64",
                        "--min-recall",
                        "0.95"));
        assertTrue(
                Main.run(concat(toyData("hnsw"), "--metric", "l2", "--filter-selectivity", "0"))
                        != 0,
                "a selectivity outside (0, 1] is a usage error");
    }

    @Test
    void limitWithAFullTruthFileIsRejectedButComputedTruthWorks() throws Exception {
        String[] common = hnsw("cosine", "32", "--limit", "500", "--warmup", "0");
        String[] withTruth = concat(common, "--truth", truth.toString());
        assertEquals(2, Main.run(withTruth));
        Path json = dir.resolve("out/limit.json");
        assertEquals(0, Main.run(concat(common, "--json", json.toString())));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(500, root.get("n").asInt());
        assertEquals("computed", root.at("/run/truth").asText());
        assertTrue(root.at("/search/0/ours/recall").asDouble() >= 0.9);
    }

    @Test
    void benchChurnReportsEveryRoundNextToAFreshBuild() throws Exception {
        Path json = dir.resolve("out/churn.json");
        int code =
                Main.run(
                        concat(
                                toyData("churn"),
                                "--metric",
                                "l2",
                                "--limit",
                                "1500",
                                "--rounds",
                                "3",
                                "--fraction",
                                "0.4",
                                "--json",
                                json.toString()));
        assertEquals(0, code);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        ReportContract.assertChurnReport(root, 3);
        JsonNode last = root.at("/rounds/2");
        assertTrue(last.get("recall").asDouble() >= 0.9, last.toString());
        assertTrue(last.get("freshRecall").asDouble() >= 0.9, last.toString());
        assertEquals(1500, last.get("size").asInt());
        // 3 x 40% from one shuffle: everything replaced at least once
        assertEquals(1.0, last.get("replacedFraction").asDouble(), 1e-12);
        assertEquals(0, Main.run("check", "churn", "--json", json.toString(), "--max-gap", "0.05"));
    }

    /** {@code bench KIND} on the toy data set. */
    private static String[] toyData(String kind) {
        return new String[] {
            "bench", kind, "--base", base.toString(), "--queries", queries.toString()
        };
    }

    /** {@code bench hnsw} on the toy data set: one quick pass at each ef, then {@code more}. */
    private static String[] hnsw(String metric, String ef, String... more) {
        String[] search = concat(toyData("hnsw"), "--metric", metric, "--ef", ef);
        return concat(concat(search, BenchArgs.ONE_PASS.toArray(String[]::new)), more);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
