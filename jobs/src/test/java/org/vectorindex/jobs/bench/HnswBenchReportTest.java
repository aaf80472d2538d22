package org.vectorindex.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HnswBenchReportTest {
    @TempDir Path dir;

    private static HnswBenchReport report() {
        HnswBenchReport r =
                new HnswBenchReport(
                        new HnswBenchReport.Setup(
                                "toy",
                                1000,
                                8,
                                "l2",
                                16,
                                100,
                                10,
                                50,
                                "computed",
                                200,
                                3,
                                "EUCLIDEAN",
                                42,
                                Stopwatch.Clock.CPU,
                                0.1));
        r.buildSeconds("ours", new double[] {2.0, 1.0, 3.0}, new double[] {1.0, 0.5, 1.5});
        r.buildSeconds("lucene", new double[] {4.0}, new double[] {2.0});
        r.bruteForce(new double[] {100}, new double[] {200}, Double.NaN);
        r.addRow(
                new HnswBenchReport.EfRow(
                        10,
                        new HnswBenchReport.Point(0.9, new double[] {900}, new double[] {1000}),
                        new HnswBenchReport.Point(0.8, new double[] {450}, new double[] {500})));
        r.addRow(
                new HnswBenchReport.EfRow(
                        20,
                        new HnswBenchReport.Point(0.95, new double[] {500}, new double[] {600}),
                        new HnswBenchReport.Point(0.94, new double[] {300}, new double[] {400})));
        r.memory(5000, 2000, 32000, "ours note", "lucene note");
        return r;
    }

    @Test
    void jsonHasTheContractKeysAndHonestDerivedFigures() throws Exception {
        Path file = dir.resolve("out/report.json");
        HnswBench.writeJson(report(), file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        ReportContract.assertHnswReport(root, 2);
        // The cpu clock was chosen: medians of the CPU samples drive the headline figures.
        assertEquals(1.0, root.at("/build/ours/seconds").asDouble(), 1e-12);
        assertEquals(1000.0, root.at("/build/ours/perSecond").asDouble(), 1e-9);
        assertEquals(2.0, root.at("/ratios/buildRate").asDouble(), 1e-12);
        assertEquals(1000.0, root.at("/search/0/ours/qps").asDouble(), 1e-9);
        assertEquals(900.0, root.at("/search/0/ours/qpsWall").asDouble(), 1e-9);
        assertEquals(34000, root.at("/memoryBytes/lucene").asLong());
        assertEquals(200.0, root.at("/bruteForce/qps").asDouble(), 1e-9);
        assertTrue(root.at("/bruteForce/recallAgainstTruth").isNull());
        // ours reached 0.9 at ef=10, above lucene's 0.8 there: lucene's curve at 0.9 is
        // interpolated between (0.8, 500) and (0.94, 400).
        double luceneAt09 = 500 + (0.9 - 0.8) / (0.94 - 0.8) * (400 - 500);
        assertEquals(
                luceneAt09,
                root.at("/ratios/qpsAtEqualRecall/0/luceneQpsAtThisRecall").asDouble(),
                1e-6);
        // ours at 0.95 is beyond lucene's best measured recall: no comparison is claimed.
        assertTrue(root.at("/ratios/qpsAtEqualRecall/1/ratio").isNull());
    }

    @Test
    void saturatedRecallComparesBestSettingWithBestSetting() {
        HnswBenchReport r =
                new HnswBenchReport(
                        new HnswBenchReport.Setup(
                                "sat",
                                10,
                                2,
                                "l2",
                                16,
                                100,
                                1,
                                1,
                                "file",
                                0,
                                1,
                                "EUCLIDEAN",
                                42,
                                Stopwatch.Clock.WALL,
                                0));
        r.addRow(new HnswBenchReport.EfRow(32, point(1.0, 1200), point(1.0, 1250)));
        r.addRow(new HnswBenchReport.EfRow(128, point(1.0, 500), point(1.0, 520)));
        double[][] eq = r.equalRecallQps();
        // At ef=128 both reach 1.0; each side's best QPS at recall 1.0 is its ef=32 figure.
        assertEquals(1200, eq[1][0], 1e-9);
        assertEquals(1250, eq[1][1], 1e-9);
    }

    @Test
    void hnswlibRowsAddKeysAndRatiosWithoutChangingTheOthers() throws Exception {
        HnswBenchReport r = report();
        HnswBenchReport with = new HnswBenchReport(r.setup());
        with.buildSeconds("ours", new double[] {2.0, 1.0, 3.0}, new double[] {1.0, 0.5, 1.5});
        with.buildSeconds("lucene", new double[] {4.0}, new double[] {2.0});
        with.buildSeconds("hnswlib", new double[] {0.5}, new double[] {0.25});
        with.bruteForce(new double[] {100}, new double[] {200}, Double.NaN);
        for (HnswBenchReport.EfRow row : r.rows()) {
            with.addRow(
                    new HnswBenchReport.EfRow(
                            row.ef(), row.ours(), row.lucene(), point(row.ours().recall(), 2000)));
        }
        with.memory(5000, 2000, 32000, "ours note", "lucene note");
        Path plain = dir.resolve("plain.json");
        Path file = dir.resolve("with.json");
        HnswBench.writeJson(r, plain);
        HnswBench.writeJson(with, file);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(file.toFile());
        ReportContract.assertHnswReport(root, 2);
        assertEquals(4000.0, root.at("/build/hnswlib/perSecond").asDouble(), 1e-9);
        assertEquals(2000.0, root.at("/search/0/hnswlib/qps").asDouble(), 1e-9);
        assertEquals(0.9, root.at("/search/0/hnswlib/recall").asDouble(), 1e-12);
        assertEquals(0.25, root.at("/ratios/vsHnswlib/buildRate").asDouble(), 1e-12);
        assertEquals(0.5, root.at("/ratios/vsHnswlib/qpsAtEqualRecall/0/ratio").asDouble(), 1e-12);
        // Every key of the report without hnswlib keeps its value.
        JsonNode before = mapper.readTree(plain.toFile());
        before.fieldNames()
                .forEachRemaining(
                        k -> {
                            if (!k.equals("build") && !k.equals("search") && !k.equals("ratios")) {
                                assertEquals(before.get(k), root.get(k), k);
                            }
                        });
        assertEquals(before.at("/build/ours"), root.at("/build/ours"));
        assertEquals(before.at("/search/1/lucene"), root.at("/search/1/lucene"));
        assertEquals(before.at("/ratios/qpsAtEqualRecall"), root.at("/ratios/qpsAtEqualRecall"));
        assertTrue(with.table().contains("build rate ours/hnswlib: 0.25x"), with.table());
    }

    @Test
    void int8RowsAddKeysAndRatiosWithoutChangingTheOthers() throws Exception {
        HnswBenchReport r = report();
        HnswBenchReport with = new HnswBenchReport(r.setup());
        with.buildSeconds("ours", new double[] {2.0, 1.0, 3.0}, new double[] {1.0, 0.5, 1.5});
        with.buildSeconds("lucene", new double[] {4.0}, new double[] {2.0});
        with.buildSeconds("ours-int8", new double[] {1.0}, new double[] {0.5});
        with.bruteForce(new double[] {100}, new double[] {200}, Double.NaN);
        for (HnswBenchReport.EfRow row : r.rows()) {
            with.addRow(
                    new HnswBenchReport.EfRow(
                            row.ef(),
                            row.ours(),
                            row.lucene(),
                            null,
                            point(row.ours().recall() - 0.01, 1500)));
        }
        with.memory(5000, 2000, 32000, "ours note", "lucene note");
        with.int8Memory(2000);
        Path plain = dir.resolve("plain8.json");
        Path file = dir.resolve("with8.json");
        HnswBench.writeJson(r, plain);
        HnswBench.writeJson(with, file);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(file.toFile());
        ReportContract.assertHnswReport(root, 2);
        assertEquals(2000.0, root.at("/build/ours-int8/perSecond").asDouble(), 1e-9);
        assertEquals(1500.0, root.at("/search/0/oursInt8/qps").asDouble(), 1e-9);
        assertEquals(0.89, root.at("/search/0/oursInt8/recall").asDouble(), 1e-12);
        assertEquals(2.0, root.at("/memoryBytes/oursInt8PerVector").asDouble(), 1e-12);
        assertEquals(0.4, root.at("/memoryBytes/int8VsFloat32").asDouble(), 1e-12);
        assertEquals(2.0, root.at("/ratios/int8VsFloat32/buildRate").asDouble(), 1e-12);
        assertEquals(0.01, root.at("/ratios/int8VsFloat32/atEf/0/recallLoss").asDouble(), 1e-12);
        assertEquals(1.5, root.at("/ratios/int8VsFloat32/atEf/0/qpsRatio").asDouble(), 1e-12);
        JsonNode before = mapper.readTree(plain.toFile());
        assertEquals(before.at("/search/1/ours"), root.at("/search/1/ours"));
        assertEquals(
                before.at("/memoryBytes/oursPerVector"), root.at("/memoryBytes/oursPerVector"));
        assertEquals(
                before.at("/memoryBytes/lucenePerVector"), root.at("/memoryBytes/lucenePerVector"));
        assertEquals(before.at("/ratios/qpsAtEqualRecall"), root.at("/ratios/qpsAtEqualRecall"));
        assertTrue(with.table().contains("memory 2 B/vector, 0.400 of float32's"), with.table());
    }

    private static HnswBenchReport.Point point(double recall, double qps) {
        return new HnswBenchReport.Point(recall, new double[] {qps}, new double[] {qps});
    }

    @Test
    void tableNamesTheClockAndEveryEf() {
        String table = report().table();
        assertTrue(table.contains("thread CPU time"), table);
        assertTrue(table.contains("   10 |"), table);
        assertTrue(table.contains("   20 |"), table);
        assertTrue(table.contains("build rate ours/lucene: 2.00x"), table);
    }
}
