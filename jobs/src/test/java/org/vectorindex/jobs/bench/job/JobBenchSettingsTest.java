package org.vectorindex.jobs.bench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flags of {@code bench job}: defaults that depend on the data, and errors that name the flag.
 */
class JobBenchSettingsTest {
    private static JobBenchSettings parse(String... extra) {
        List<String> args = new ArrayList<>(List.of("--fvecs", "v.fvecs"));
        args.addAll(List.of(extra));
        return JobBenchSettings.parse(JobBench.FLAGS.parse(args));
    }

    private static String error(String... extra) {
        return assertThrows(IllegalArgumentException.class, () -> parse(extra)).getMessage();
    }

    @Test
    void aFixedRateSendsRateTimesDurationAndMaxSendsTwiceTheFile() {
        JobBenchSettings paced = parse("--upserts-per-second", "250", "--duration", "8s");
        paced.sizeUpserts(10_000);
        assertEquals(2000, paced.upserts);
        assertEquals(800, paced.queryCount(), "100 queries per second by default");
        JobBenchSettings max = parse("--upserts-per-second", "max");
        max.sizeUpserts(10_000);
        assertTrue(max.saturate());
        assertEquals(20_000, max.upserts);
        JobBenchSettings given = parse("--upserts-per-second", "MAX", "--upserts", "123");
        given.sizeUpserts(10_000);
        assertEquals(123, given.upserts);
    }

    @Test
    void badValuesNameTheirFlag() {
        assertTrue(error("--upserts-per-second", "0").contains("--upserts-per-second"));
        assertTrue(error("--upserts-per-second", "fast").contains("--upserts-per-second"));
        assertTrue(error("--format", "avro").contains("--format"));
        assertTrue(error("--queries-per-second", "-1").contains("--queries-per-second"));
        assertTrue(error("--duration", "0s").contains("--duration"));
    }

    @Test
    void aRunningJobNeedsItsBrokerRestApiAndCollectionTogether() {
        String m = error("--bootstrap-servers", "h:9092");
        assertTrue(m.contains("--flink-rest") && m.contains("--collection"), m);
        m = error("--flink-rest", "http://h:8081", "--collection", "c");
        assertTrue(m.contains("--bootstrap-servers"), m);
        JobBenchSettings ok =
                parse(
                        "--bootstrap-servers", "h:9092",
                        "--flink-rest", "http://h:8081",
                        "--collection", "c");
        assertEquals("c", ok.collection);
    }

    @Test
    void vectorsComeFromAFileOrAreSyntheticNeverBothAndRestoreNeedsItsOwnJob() {
        String both = error("--synthetic", "100x8");
        assertTrue(both.contains("--fvecs") && both.contains("--synthetic"), both);
        String none =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> JobBenchSettings.parse(JobBench.FLAGS.parse(List.of())))
                        .getMessage();
        assertTrue(none.contains("--fvecs") && none.contains("--synthetic"), none);
        JobBenchSettings synthetic =
                JobBenchSettings.parse(
                        JobBench.FLAGS.parse(
                                List.of("--synthetic", "1000x8", "--upserts-per-second", "max")));
        synthetic.sizeUpserts(1000);
        assertEquals(1000, synthetic.upserts, "max sends each synthetic vector once");
        assertTrue(error("--change-fraction", "1.5").contains("--change-fraction"));
        String restore =
                error(
                        "--restore", "true",
                        "--bootstrap-servers", "h:9092",
                        "--flink-rest", "http://h:8081",
                        "--collection", "c");
        assertTrue(restore.contains("--restore"), restore);
    }
}
