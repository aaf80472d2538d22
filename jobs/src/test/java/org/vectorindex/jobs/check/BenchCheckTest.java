package org.vectorindex.jobs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCheckTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    private Path hnswReport() throws Exception {
        Path f = dir.resolve("h.json");
        Files.writeString(
                f,
                "{\"dataset\":\"toy\",\"k\":10,\"search\":["
                        + "{\"ef\":40,\"ours\":{\"recall\":0.93},\"lucene\":{\"recall\":0.9}},"
                        + "{\"ef\":64,\"ours\":{\"recall\":0.981},\"lucene\":{\"recall\":0.97}},"
                        + "{\"ef\":200,\"ours\":{\"recall\":0.999},\"lucene\":{\"recall\":0.99}}]}");
        return f;
    }

    private int recall(String... args) throws Exception {
        return BenchCheck.recall(List.of(args), out);
    }

    @Test
    void recallAtExactEf() throws Exception {
        String f = hnswReport().toString();
        assertEquals(0, recall("--json", f, "--ef", "64", "--min-recall", "0.98"));
        assertEquals(BenchCheck.FAILED, recall("--json", f, "--ef", "64", "--min-recall", "0.99"));
        assertEquals(BenchCheck.FAILED, recall("--json", f, "--ef", "65", "--min-recall", "0.5"));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("PASS toy: recall@10 0.9810 at ef=64"), printed);
        assertTrue(printed.contains("FAIL toy"), printed);
    }

    @Test
    void recallAtAnyEfUpToABound() throws Exception {
        String f = hnswReport().toString();
        assertEquals(0, recall("--json", f, "--max-ef", "160", "--min-recall", "0.95"));
        // the 0.999 row is at ef=200, beyond the bound
        assertEquals(
                BenchCheck.FAILED, recall("--json", f, "--max-ef", "160", "--min-recall", "0.99"));
        assertThrows(
                IllegalArgumentException.class, () -> recall("--json", f, "--min-recall", "0.9"));
    }

    @Test
    void filteredRecallMustHoldAtEverySelectivity() throws Exception {
        Path f = dir.resolve("f.json");
        Files.writeString(
                f,
                "{\"dataset\":\"toy\",\"k\":10,\"search\":[],\"filtered\":["
                        + "{\"selectivity\":0.01,\"ef\":64,\"recall\":1.0,\"qpsShareOfUnfiltered\":9.1},"
                        + "{\"selectivity\":0.5,\"ef\":64,\"recall\":0.96,\"qpsShareOfUnfiltered\":0.5},"
                        + "{\"selectivity\":0.5,\"ef\":32,\"recall\":0.90,\"qpsShareOfUnfiltered\":0.6}]}");
        String p = f.toString();
        List<String> at64 = List.of("--json", p, "--ef", "64", "--min-recall");
        assertEquals(0, BenchCheck.filtered(concat(at64, "0.95"), out));
        assertEquals(BenchCheck.FAILED, BenchCheck.filtered(concat(at64, "0.97"), out));
        assertEquals(
                BenchCheck.FAILED,
                BenchCheck.filtered(
                        List.of("--json", p, "--ef", "32", "--min-recall", "0.95"), out));
        assertEquals(
                BenchCheck.FAILED,
                BenchCheck.filtered(
                        List.of("--json", p, "--ef", "16", "--min-recall", "0.5"), out));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(
                printed.contains("PASS toy: filtered recall 0.9600 at selectivity 0.5, ef=64"),
                printed);
        assertTrue(printed.contains("FAIL toy: the report has no filtered row at ef=16"), printed);
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        BenchCheck.filtered(
                                List.of(
                                        "--json",
                                        hnswReport().toString(),
                                        "--ef",
                                        "64",
                                        "--min-recall",
                                        "0.9"),
                                out));
    }

    private static List<String> concat(List<String> head, String last) {
        List<String> all = new java.util.ArrayList<>(head);
        all.add(last);
        return all;
    }

    @Test
    void churnGapIsOneSided() throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(
                f,
                "{\"dataset\":\"toy\",\"rounds\":["
                        + "{\"round\":1,\"recall\":0.97,\"freshRecall\":0.99,\"seconds\":1},"
                        + "{\"round\":2,\"recall\":0.986,\"freshRecall\":0.99,\"seconds\":1}]}");
        String p = f.toString();
        assertEquals(0, BenchCheck.churn(List.of("--json", p, "--max-gap", "0.005"), out));
        assertEquals(
                BenchCheck.FAILED,
                BenchCheck.churn(List.of("--json", p, "--max-gap", "0.003"), out));
        assertEquals(
                BenchCheck.FAILED, BenchCheck.churn(List.of("--json", p, "--rounds", "5"), out));
        Files.writeString(
                f,
                "{\"dataset\":\"toy\",\"rounds\":[{\"round\":1,\"recall\":0.995,\"freshRecall\":0.98,\"seconds\":1}]}");
        assertEquals(0, BenchCheck.churn(List.of("--json", p), out));
    }

    @Test
    void missingKeysAndFilesAreClearErrors() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"dataset\":\"toy\"}");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> recall("--json", f.toString(), "--ef", "64", "--min-recall", "0.9"));
        assertTrue(e.getMessage().contains("lacks the key 'k'"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        recall(
                                "--json",
                                dir.resolve("none.json").toString(),
                                "--ef",
                                "1",
                                "--min-recall",
                                "0"));
    }

    @Test
    void multivectorJudgesTheNamedSetting() throws Exception {
        Path f = dir.resolve("mv.json");
        Files.writeString(
                f,
                "{\"docs\":2000,\"avgTokens\":70.5,\"m\":16,\"fdeDim\":2560,\"settings\":["
                        + "{\"candidates\":50,\"recallVsExactRaw\":0.41,\"recallVsExactPooled\":0.80,"
                        + "\"fdeOnlyRecall\":0.3,\"madsPerQuery\":10,\"bruteForceMadsPerQuery\":1000,"
                        + "\"qps\":100.0},"
                        + "{\"candidates\":200,\"recallVsExactRaw\":0.52,\"recallVsExactPooled\":0.93,"
                        + "\"fdeOnlyRecall\":0.3,\"madsPerQuery\":30,\"bruteForceMadsPerQuery\":1000,"
                        + "\"qps\":50.0}]}");
        String json = f.toString();
        assertEquals(0, multivector(json, "200", "0.9"));
        assertEquals(BenchCheck.FAILED, multivector(json, "50", "0.9"));
        assertEquals(BenchCheck.FAILED, multivector(json, "200", "0.9", "--min-recall-raw", "0.6"));
        assertEquals(BenchCheck.FAILED, multivector(json, "100", "0"));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(
                printed.contains(
                        "PASS multivector (2000 docs, m=16, k'=200): recall vs exact pooled 0.9300"),
                printed);
        assertTrue(printed.contains("3.00% of brute-force multiply-adds"), printed);
        assertTrue(printed.contains("FAIL multivector: the report has no setting with k'=100"));
    }

    /**
     * {@code check multivector} of {@code json} at {@code candidates}, printing to {@link #out}.
     */
    private int multivector(String json, String candidates, String minRecallPooled, String... more)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--json", json, "--candidates", candidates));
        args.addAll(List.of("--min-recall-pooled", minRecallPooled));
        args.addAll(Arrays.asList(more));
        return BenchCheck.multivector(args, out);
    }
}
