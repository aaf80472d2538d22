package org.vectorindex.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.DistanceKernels;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

/**
 * {@code bench hnsw}: builds our index and Lucene's in the same JVM on the same data with the same
 * M and beam width, one thread each, and hnswlib's in a Python process when Debian's {@code
 * python3-hnswlib} is installed ({@link HnswlibProcess}), then searches every query at each ef with
 * each and with exact brute force. Timings are medians of repeated passes, taken in alternating
 * system order, after a warm-up on a prefix of the data, because the machine is shared and noisy.
 */
public record HnswBench(PrintStream out, PrintStream log) implements Command {
    public static final Flags.Spec FLAGS =
            Flags.spec("bench hnsw")
                    .required("base", "base vectors, .fvecs or .bvecs")
                    .required("queries", "query vectors, .fvecs or .bvecs")
                    .optional(
                            "truth",
                            null,
                            ".ivecs ground truth (0-based ids, nearest first); computed exactly"
                                    + " when absent")
                    .required("metric", "l2, cosine or dot")
                    .optional("k", "10", "neighbours per query")
                    .optional("m", "16", "HNSW M (max neighbours per node above level 0)")
                    .optional("ef-construction", "100", "build beam (Lucene: beamWidth)")
                    .optional("ef", "10,20,40,80,160,320", "search beams to measure")
                    .optional("limit", null, "use only the first N base vectors")
                    .optional("query-limit", null, "use only the first N queries")
                    .optional("json", null, "write the JSON report to this file")
                    .optional("results", null, "write per-query ids as JSON lines to this file")
                    .optional("name", null, "data set name (default: the base file's folder)")
                    .optional("reps", "3", "timed passes per measurement; the median is reported")
                    .optional("build-reps", "1", "timed builds per system; the median is reported")
                    .optional("warmup", "2000", "base vectors in the warm-up build (0: none)")
                    .optional("seed", "42", "seed of both graphs")
                    .optional(
                            "clock",
                            "cpu",
                            "headline clock: 'cpu' (thread CPU time, robust on a shared machine)"
                                    + " or 'wall'; both are recorded")
                    .optional(
                            "min-seconds",
                            "0.3",
                            "each timed search sample repeats the query set for at least this"
                                    + " long")
                    .optional(
                            "lucene-cosine",
                            "dot",
                            "cosine in Lucene: 'dot' (DOT_PRODUCT on normalised vectors) or"
                                    + " 'cosine' (COSINE)")
                    .optional(
                            "store",
                            "float32",
                            "float32, or int8: also build ours with INT8 vectors and add its rows"
                                    + " (oursInt8 keys) beside the float32 ones")
                    .optional(
                            "filter-selectivity",
                            null,
                            "comma-separated shares of the base, e.g. 0.01,0.1,0.5: add rows of"
                                    + " ours under attribute filters (synthetic attributes from a"
                                    + " seeded hash of the id) beside unfiltered, as 'filtered'")
                    .optional(
                            "hnswlib-python",
                            "/usr/bin/python3",
                            "Python with Debian's python3-hnswlib, for the hnswlib column;"
                                    + " 'none' skips it");

    @Override
    public int run(List<String> args) throws Exception {
        Flags f = FLAGS.parse(args);
        Metric metric = Metric.parse(f.required("metric"));
        int k = f.integer("k", 1);
        int limit = f.has("limit") ? f.integer("limit", 1) : -1;
        int queryLimit = f.has("query-limit") ? f.integer("query-limit", 1) : -1;
        Dataset data =
                Dataset.load(
                        f.string("name"),
                        f.requiredPath("base"),
                        f.requiredPath("queries"),
                        f.path("truth"),
                        limit,
                        queryLimit);
        if (k > data.size()) {
            throw new IllegalArgumentException(
                    "bench hnsw: k=" + k + " exceeds the " + data.size() + " base vectors");
        }
        log.println("distance kernel: " + DistanceKernels.description());
        log.printf(
                Locale.ROOT,
                "loaded %s: %d base x %d, %d queries%n",
                data.name(),
                data.size(),
                data.dimension(),
                data.queries().length);

        ExactSearch exact = new ExactSearch(metric, data.base(), k);
        int[][] truth;
        String truthSource;
        if (data.truth() != null) {
            Dataset.validateTruth(data.truth(), data.queries().length, data.size(), k);
            truth = data.truth();
            truthSource = "file";
        } else {
            log.println("computing exact truth by brute force");
            truth = exact.searchAll(data.queries());
            truthSource = "computed";
        }

        String python = f.required("hnswlib-python");
        try (HnswlibProcess hnswlib =
                python.equals("none") ? null : HnswlibProcess.start(python, log).orElse(null)) {
            if (hnswlib != null) {
                hnswlib.load(data.base(), data.queries());
            }
            return run(f, data, exact, truth, truthSource, hnswlib);
        }
    }

    /** Everything after loading the data and the truth, with hnswlib running or null. */
    private int run(
            Flags f,
            Dataset data,
            ExactSearch exact,
            int[][] truth,
            String truthSource,
            HnswlibProcess hnswlib)
            throws Exception {
        HnswBenchOptions o = HnswBenchOptions.parse(f);
        Systems sys = Systems.of(o);
        int warmupN = Math.min(o.warmup(), data.size());
        HnswBenchReport report = newReport(o, data, truthSource, warmupN, sys.lucene());

        if (warmupN > 0) {
            warmUp(sys.all(), Arrays.copyOf(data.base(), warmupN), data.queries(), o.k(), o.efs());
        }
        Participants all =
                new Participants(
                        sys.all(), hnswlib, o.metric(), o.m(), o.efConstruction(), o.seed());
        measureBuilds(all, data.base(), o.buildReps(), report);
        report.memory(
                sys.ours().memoryBytes(),
                sys.lucene().graphBytes(),
                sys.lucene().vectorBytes(),
                sys.ours().memoryNote(),
                sys.lucene().memoryNote());
        if (sys.oursInt8() != null) {
            report.int8Memory(sys.oursInt8().memoryBytes());
        }
        measureBruteForce(exact, data, truth, truthSource, o, report);

        Path resultsFile = f.path("results");
        warmUpSearches(sys, all, hnswlib, data.queries(), o);
        try (ResultsWriter results = resultsFile == null ? null : new ResultsWriter(resultsFile)) {
            for (int ef : o.efs()) {
                report.addRow(measureSearches(ef, all, sys, hnswlib, data, truth, o, results));
            }
        }

        FilteredRows filtered =
                filteredRows(
                        f, sys.ours(), data, o.k(), o.efs(), o.reps(), o.minSeconds(), o.clock());
        out.print(report.table());
        if (!filtered.isEmpty()) {
            out.print(filtered.table());
        }
        writeReport(f.path("json"), report, filtered);
        return 0;
    }

    /** The in-JVM systems: ours, Lucene's and, with --store int8, ours with INT8 vectors. */
    private record Systems(
            OursHnsw ours, LuceneHnsw lucene, OursHnsw oursInt8, List<AnnSystem> all) {

        static Systems of(HnswBenchOptions o) {
            OursHnsw ours = new OursHnsw(o.metric(), o.m(), o.efConstruction(), o.seed());
            LuceneHnsw lucene =
                    new LuceneHnsw(
                            o.metric(),
                            o.m(),
                            o.efConstruction(),
                            o.seed(),
                            o.luceneCosine().equals("dot"));
            OursHnsw oursInt8 =
                    o.store() == StoredEncoding.INT8
                            ? new OursHnsw(
                                    o.metric(),
                                    o.m(),
                                    o.efConstruction(),
                                    o.seed(),
                                    HnswConfig.DEFAULT_CONSOLIDATE_FRACTION,
                                    StoredEncoding.INT8)
                            : null;
            List<AnnSystem> all =
                    oursInt8 == null ? List.of(ours, lucene) : List.of(ours, lucene, oursInt8);
            return new Systems(ours, lucene, oursInt8, all);
        }
    }

    private static HnswBenchReport newReport(
            HnswBenchOptions o, Dataset data, String truthSource, int warmupN, LuceneHnsw lucene) {
        return new HnswBenchReport(
                new HnswBenchReport.Setup(
                        data.name(),
                        data.size(),
                        data.dimension(),
                        o.metric().name().toLowerCase(Locale.ROOT),
                        o.m(),
                        o.efConstruction(),
                        o.k(),
                        data.queries().length,
                        truthSource,
                        warmupN,
                        o.reps(),
                        lucene.similarityName(),
                        o.seed(),
                        o.clock(),
                        o.minSeconds()));
    }

    private static void measureBruteForce(
            ExactSearch exact,
            Dataset data,
            int[][] truth,
            String truthSource,
            HnswBenchOptions o,
            HnswBenchReport report)
            throws Exception {
        int nq = data.queries().length;
        double[] bruteWall = new double[o.reps()];
        double[] bruteCpu = new double[o.reps()];
        int[][][] exactAnswers = new int[1][][];
        exact.searchAll(data.queries()); // warm-up pass
        for (int r = 0; r < o.reps(); r++) {
            Stopwatch.Sample t =
                    Stopwatch.repeat(
                            () -> exactAnswers[0] = exact.searchAll(data.queries()),
                            o.minSeconds(),
                            o.clock());
            bruteWall[r] = nq * t.repeats() / t.wallSeconds();
            bruteCpu[r] = nq * t.repeats() / t.cpuSeconds();
        }
        report.bruteForce(
                bruteWall,
                bruteCpu,
                truthSource.equals("file")
                        ? Recall.atK(exactAnswers[0], truth, o.k())
                        : Double.NaN);
    }

    // The JIT settles on the full-size graph only after it has searched it for a while.
    private void warmUpSearches(
            Systems sys,
            Participants all,
            HnswlibProcess hnswlib,
            float[][] queries,
            HnswBenchOptions o)
            throws Exception {
        log.println("warm-up searches on the full indexes");
        for (AnnSystem system : sys.all()) {
            for (int ef : o.efs()) {
                Stopwatch.repeat(
                        () -> searchAll(system, queries, o.k(), ef), o.minSeconds(), o.clock());
            }
        }
        for (int ef : o.efs()) {
            if (hnswlib != null) {
                all.search(all.size() - 1, queries, o.k(), ef, 0, o.clock());
            }
        }
    }

    private HnswBenchReport.EfRow measureSearches(
            int ef,
            Participants all,
            Systems sys,
            HnswlibProcess hnswlib,
            Dataset data,
            int[][] truth,
            HnswBenchOptions o,
            ResultsWriter results)
            throws Exception {
        log.printf(Locale.ROOT, "searching at ef=%d%n", ef);
        int nq = data.queries().length;
        int reps = o.reps();
        int n = all.size();
        HnswBenchReport.Point[] points = new HnswBenchReport.Point[n];
        int[][][] answers = new int[n][][];
        double[][] wall = new double[n][reps];
        double[][] cpu = new double[n][reps];
        for (int r = 0; r < reps; r++) {
            for (int j = 0; j < n; j++) {
                // Alternate the order so no system always runs on a warmer cache.
                int s = r % 2 == 0 ? j : n - 1 - j;
                SearchPass pass =
                        all.search(s, data.queries(), o.k(), ef, o.minSeconds(), o.clock());
                answers[s] = pass.answers();
                Stopwatch.Sample t = pass.sample();
                wall[s][r] = nq * t.repeats() / t.wallSeconds();
                cpu[s][r] = nq * t.repeats() / t.cpuSeconds();
            }
        }
        for (int s = 0; s < n; s++) {
            points[s] =
                    new HnswBenchReport.Point(
                            Recall.atK(answers[s], truth, o.k()), wall[s], cpu[s]);
            if (results != null) {
                results.write(all.name(s), ef, answers[s]);
            }
        }
        int hnswlibAt = hnswlib == null ? -1 : n - 1;
        return new HnswBenchReport.EfRow(
                ef,
                points[0],
                points[1],
                hnswlibAt < 0 ? null : points[hnswlibAt],
                sys.oursInt8() == null ? null : points[2]);
    }

    private void writeReport(Path json, HnswBenchReport report, FilteredRows filtered)
            throws IOException {
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = report.toJson(mapper);
            if (!filtered.isEmpty()) {
                root.set("filtered", filtered.toJson(mapper));
            }
            write(mapper, root, json);
            log.println("wrote " + json);
        }
    }

    private FilteredRows filteredRows(
            Flags f,
            OursHnsw ours,
            Dataset data,
            int k,
            int[] efs,
            int reps,
            double minSeconds,
            Stopwatch.Clock clock)
            throws Exception {
        double[] selectivities = f.fractions("filter-selectivity");
        FilteredRows rows = new FilteredRows();
        if (selectivities.length == 0) {
            return rows;
        }
        long seed = f.longValue("seed");
        FilteredRows.tag(ours.index(), ours.ids(data.size()), selectivities, seed);
        for (double s : selectivities) {
            log.printf(Locale.ROOT, "searching under a filter of selectivity %s%n", s);
            rows.measure(
                    ours,
                    Metric.parse(f.required("metric")),
                    data.base(),
                    data.queries(),
                    k,
                    efs,
                    s,
                    seed,
                    reps,
                    minSeconds,
                    clock);
        }
        return rows;
    }

    private void warmUp(
            List<AnnSystem> systems, float[][] prefix, float[][] queries, int k, int[] efs)
            throws IOException {
        log.printf(Locale.ROOT, "warm-up on the first %d base vectors%n", prefix.length);
        int kk = Math.min(k, prefix.length);
        for (AnnSystem s : systems) {
            s.build(prefix);
            for (int ef : efs) {
                searchAll(s, queries, kk, ef);
            }
        }
    }

    private void measureBuilds(Participants all, float[][] base, int reps, HnswBenchReport report)
            throws Exception {
        int n = all.size();
        double[][] wall = new double[n][reps];
        double[][] cpu = new double[n][reps];
        for (int r = 0; r < reps; r++) {
            for (int j = 0; j < n; j++) {
                int s = r % 2 == 0 ? j : n - 1 - j;
                log.printf(Locale.ROOT, "building %s (%d/%d)%n", all.name(s), r + 1, reps);
                System.gc();
                Stopwatch.Sample t = all.build(s, base);
                wall[s][r] = t.wallSeconds();
                cpu[s][r] = t.cpuSeconds();
            }
        }
        for (int s = 0; s < n; s++) {
            report.buildSeconds(all.name(s), wall[s], cpu[s]);
        }
    }

    static int[][] searchAll(AnnSystem system, float[][] queries, int k, int ef)
            throws IOException {
        int[][] out = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            out[q] = system.search(queries[q], k, ef);
        }
        return out;
    }

    static void writeJson(HnswBenchReport report, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        write(mapper, report.toJson(mapper), file);
    }

    private static void write(ObjectMapper mapper, ObjectNode root, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), root);
    }
}
