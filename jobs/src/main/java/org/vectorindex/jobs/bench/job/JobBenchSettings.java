package org.vectorindex.jobs.bench.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.state.math.Metric;

/** The parsed and checked flags of {@code bench job}; see {@link JobBench#FLAGS}. */
final class JobBenchSettings {
    Path fvecs;
    String synthetic;
    int clusters;
    Path queries;
    int limit;
    Metric metric;

    /** Infinite for {@code max}. */
    double upsertsPerSecond;

    long upserts;
    double queriesPerSecond;
    int subscriptions;
    Duration duration;
    int k;
    boolean binary;
    int coreLimit;
    long seed;
    Path json;
    Path results;
    int shards;
    int m;
    int efConstruction;
    int partitions;
    int parallelism;
    String stateBackend;
    Duration checkpointInterval;
    List<String> conf;
    String bootstrap;
    String flinkRest;
    String collection;
    String[] topics;
    double changeFraction;
    boolean restore;

    private JobBenchSettings() {}

    static JobBenchSettings parse(Flags f) {
        JobBenchSettings s = new JobBenchSettings();
        s.fvecs = f.path("fvecs");
        s.synthetic = f.string("synthetic");
        if ((s.fvecs == null) == (s.synthetic == null)) {
            throw new IllegalArgumentException(
                    "bench job: give either --fvecs FILE or --synthetic COUNTxDIMENSION");
        }
        s.clusters = f.integer("clusters", 1);
        s.queries = f.path("queries");
        s.limit = f.has("limit") ? f.integer("limit", 1) : -1;
        s.metric = Metric.parse(f.required("metric"));
        String rate = f.required("upserts-per-second").trim().toLowerCase(Locale.ROOT);
        s.upsertsPerSecond =
                rate.equals("max") ? Double.POSITIVE_INFINITY : f.decimal("upserts-per-second");
        if (s.upsertsPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "bench job: --upserts-per-second must be positive or 'max', got " + rate);
        }
        s.queriesPerSecond = f.decimal("queries-per-second");
        if (s.queriesPerSecond < 0) {
            throw new IllegalArgumentException("bench job: --queries-per-second must be >= 0");
        }
        s.subscriptions = f.integer("subscriptions", 0);
        s.duration = JobBench.duration("--duration", f.required("duration"));
        if (s.duration.isZero()) {
            throw new IllegalArgumentException("bench job: --duration must be positive");
        }
        s.k = f.integer("k", 1);
        s.binary = format(f.required("format"));
        s.coreLimit = f.integer("core-limit", 1);
        s.seed = f.longValue("seed");
        s.json = f.path("json");
        s.results = f.path("results");
        s.shards = f.integer("shards", 1);
        s.m = f.integer("m", 2);
        s.efConstruction = f.integer("ef-construction", 1);
        s.partitions = f.integer("partitions", 1);
        s.parallelism = f.integer("parallelism", 1);
        s.stateBackend = f.required("state-backend");
        s.checkpointInterval =
                JobBench.duration("--checkpoint-interval", f.required("checkpoint-interval"));
        s.conf = JobBench.commaList(f.string("conf"));
        s.upserts = f.has("upserts") ? f.longValue("upserts") : -1;
        s.changeFraction = f.decimal("change-fraction");
        if (s.changeFraction < 0 || s.changeFraction > 1) {
            throw new IllegalArgumentException(
                    "bench job: --change-fraction must be in 0..1, got " + s.changeFraction);
        }
        s.restore = Boolean.parseBoolean(f.required("restore"));
        s.remote(f);
        if (s.restore && s.bootstrap != null) {
            throw new IllegalArgumentException(
                    "bench job: --restore restarts the job it started; a running job is"
                            + " restarted by its owner");
        }
        return s;
    }

    private void remote(Flags f) {
        bootstrap = f.string("bootstrap-servers");
        flinkRest = f.string("flink-rest");
        collection = f.string("collection");
        topics =
                new String[] {
                    f.required("mutations-topic"),
                    f.required("queries-topic"),
                    f.required("results-topic")
                };
        if (bootstrap != null && (flinkRest == null || collection == null)) {
            throw new IllegalArgumentException(
                    "bench job: with --bootstrap-servers (a running job) give --flink-rest and"
                            + " --collection too");
        }
        if (bootstrap == null && (flinkRest != null || collection != null)) {
            throw new IllegalArgumentException(
                    "bench job: --flink-rest and --collection name a running job; give"
                            + " --bootstrap-servers too");
        }
    }

    /** Called once the file size is known, for the defaults that depend on it. */
    void sizeUpserts(int fileVectors) {
        if (upserts < 0) {
            upserts =
                    Double.isInfinite(upsertsPerSecond)
                            ? (synthetic != null ? fileVectors : 2L * fileVectors)
                            : (long) Math.ceil(upsertsPerSecond * duration.toMillis() / 1000.0);
        }
        if (upserts < 1 || upserts > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "bench job: --upserts must be in 1.." + Integer.MAX_VALUE + ", got " + upserts);
        }
    }

    boolean saturate() {
        return Double.isInfinite(upsertsPerSecond);
    }

    /** One-shot queries planned over the whole duration. */
    long queryCount() {
        return (long) Math.ceil(queriesPerSecond * duration.toMillis() / 1000.0);
    }

    /** How often a stats probe asks how many vectors are applied. */
    Duration probePeriod() {
        return Duration.ofMillis(500);
    }

    private static boolean format(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> false;
            case "binary" -> true;
            default ->
                    throw new IllegalArgumentException(
                            "bench job: --format must be json or binary, got '" + v + "'");
        };
    }
}
