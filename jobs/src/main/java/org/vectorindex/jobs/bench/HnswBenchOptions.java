package org.vectorindex.jobs.bench;

import java.util.Locale;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

/** The flags of {@code bench hnsw} that shape the graphs and the timing, validated. */
record HnswBenchOptions(
        Metric metric,
        int k,
        int m,
        int efConstruction,
        int[] efs,
        int reps,
        int buildReps,
        int warmup,
        long seed,
        Stopwatch.Clock clock,
        double minSeconds,
        String luceneCosine,
        StoredEncoding store) {

    static HnswBenchOptions parse(Flags f) {
        Metric metric = Metric.parse(f.required("metric"));
        int k = f.integer("k", 1);
        int m = f.integer("m", 2);
        int efConstruction = f.integer("ef-construction", 1);
        int[] efs = f.positiveIntegers("ef");
        int reps = f.integer("reps", 1);
        int buildReps = f.integer("build-reps", 1);
        int warmup = f.integer("warmup", 0);
        long seed = f.longValue("seed");
        Stopwatch.Clock clock = Stopwatch.Clock.parse(f.required("clock"));
        double minSeconds = f.decimal("min-seconds");
        if (clock == Stopwatch.Clock.CPU && !Stopwatch.cpuClockAvailable()) {
            throw new IllegalArgumentException(
                    "bench hnsw: this JVM cannot measure thread CPU time; use --clock wall");
        }
        String luceneCosine = f.required("lucene-cosine").toLowerCase(Locale.ROOT);
        if (!luceneCosine.equals("dot") && !luceneCosine.equals("cosine")) {
            throw new IllegalArgumentException(
                    "bench hnsw: --lucene-cosine must be 'dot' or 'cosine', got " + luceneCosine);
        }
        StoredEncoding store = StoredEncoding.parse(f.required("store"));
        return new HnswBenchOptions(
                metric,
                k,
                m,
                efConstruction,
                efs,
                reps,
                buildReps,
                warmup,
                seed,
                clock,
                minSeconds,
                luceneCosine,
                store);
    }
}
