package org.vectorindex.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.vectorindex.state.math.DistanceKernels;

/**
 * The measurements of one {@code bench hnsw} run and their two renderings: the human table and the
 * JSON document whose keys are a contract ({@code dataset, n, dim, metric, m, efConstruction, k,
 * build, bruteForce, search, memoryBytes}); extra keys carry the raw samples, ratios against Lucene
 * and the run's settings so a reader can judge the figures.
 */
public final class HnswBenchReport {
    /** Recall and repeated QPS samples (wall clock and thread CPU clock) of one system. */
    public record Point(double recall, double[] qpsWall, double[] qpsCpu) {
        public double qps(Stopwatch.Clock clock) {
            return Stats.median(clock == Stopwatch.Clock.CPU ? qpsCpu : qpsWall);
        }
    }

    /**
     * Every system at one ef; {@code hnswlib} is null when it did not run, {@code oursInt8} when
     * {@code --store int8} was not given.
     */
    public record EfRow(int ef, Point ours, Point lucene, Point hnswlib, Point oursInt8) {
        public EfRow(int ef, Point ours, Point lucene) {
            this(ef, ours, lucene, null, null);
        }

        public EfRow(int ef, Point ours, Point lucene, Point hnswlib) {
            this(ef, ours, lucene, hnswlib, null);
        }
    }

    /** Fixed facts about the run. */
    public record Setup(
            String dataset,
            int n,
            int dim,
            String metric,
            int m,
            int efConstruction,
            int k,
            int queries,
            String truthSource,
            int warmupVectors,
            int repetitions,
            String luceneSimilarity,
            long seed,
            Stopwatch.Clock clock,
            double minPassSeconds) {}

    private final Setup setup;
    private final Map<String, double[]> buildWall = new LinkedHashMap<>();
    private final Map<String, double[]> buildCpu = new LinkedHashMap<>();
    private double[] bruteForceWall;
    private double[] bruteForceCpu;
    private double bruteForceRecall = Double.NaN;
    private final List<EfRow> rows = new ArrayList<>();
    private long oursMemory;
    private long luceneGraphMemory;
    private long luceneVectorMemory;
    private final Map<String, String> memoryNotes = new LinkedHashMap<>();
    private long oursInt8Memory = -1;

    public HnswBenchReport(Setup setup) {
        this.setup = setup;
    }

    public Setup setup() {
        return setup;
    }

    public void buildSeconds(String system, double[] wall, double[] cpu) {
        buildWall.put(system, wall.clone());
        buildCpu.put(system, cpu.clone());
    }

    /**
     * @param recall recall of the exact answers against the truth file (1.0 unless ties are broken
     *     differently); NaN when the truth was computed by this run
     */
    public void bruteForce(double[] qpsWall, double[] qpsCpu, double recall) {
        this.bruteForceWall = qpsWall.clone();
        this.bruteForceCpu = qpsCpu.clone();
        this.bruteForceRecall = recall;
    }

    public void addRow(EfRow row) {
        rows.add(row);
    }

    public List<EfRow> rows() {
        return rows;
    }

    public void memory(
            long ours, long luceneGraph, long luceneVectors, String oursNote, String luceneNote) {
        this.oursMemory = ours;
        this.luceneGraphMemory = luceneGraph;
        this.luceneVectorMemory = luceneVectors;
        memoryNotes.put("ours", oursNote);
        memoryNotes.put("lucene", luceneNote);
    }

    /** Bytes of our INT8 index, when {@code --store int8} built one. */
    public void int8Memory(long bytes) {
        this.oursInt8Memory = bytes;
    }

    double buildMedian(String system) {
        double[] s = (setup.clock() == Stopwatch.Clock.CPU ? buildCpu : buildWall).get(system);
        if (s == null) {
            throw new IllegalStateException("no build time recorded for " + system);
        }
        return Stats.median(s);
    }

    double buildRate(String system) {
        return setup.n() / buildMedian(system);
    }

    /**
     * Per row, at our recall there: {ours, lucene} QPS read off each system's envelope (see {@link
     * EqualRecall}); NaN where Lucene's measured range does not reach. Both sides use the envelope
     * so a saturated recall (1.0 at several ef) compares best setting with best setting.
     */
    public double[][] equalRecallQps() {
        return equalRecallQps(EfRow::lucene);
    }

    /** As {@link #equalRecallQps()}, against the system {@code other} picks from each row. */
    public double[][] equalRecallQps(Function<EfRow, Point> other) {
        double[] or = rows.stream().mapToDouble(r -> r.ours().recall()).toArray();
        double[] oq = rows.stream().mapToDouble(r -> qps(r.ours())).toArray();
        double[] lr = rows.stream().mapToDouble(r -> other.apply(r).recall()).toArray();
        double[] lq = rows.stream().mapToDouble(r -> qps(other.apply(r))).toArray();
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            double recall = or[i];
            out[i] =
                    new double[] {
                        EqualRecall.qpsAt(recall, or, oq), EqualRecall.qpsAt(recall, lr, lq)
                    };
        }
        return out;
    }

    /** The JSON document; contract keys first. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("dataset", setup.dataset());
        root.put("n", setup.n());
        root.put("dim", setup.dim());
        root.put("metric", setup.metric());
        root.put("m", setup.m());
        root.put("efConstruction", setup.efConstruction());
        root.put("k", setup.k());
        buildJson(root.putObject("build"));
        bruteForceJson(root.putObject("bruteForce"));
        searchJson(root.putArray("search"));
        memoryJson(root.putObject("memoryBytes"));
        ratiosJson(root.putObject("ratios"), mapper);
        runJson(root.putObject("run"));
        return root;
    }

    private void buildJson(ObjectNode build) {
        for (String system : buildWall.keySet()) {
            ObjectNode sys = build.putObject(system);
            number(sys, "seconds", buildMedian(system));
            number(sys, "perSecond", buildRate(system));
            samples(sys, "wallSeconds", buildWall.get(system));
            samples(sys, "cpuSeconds", buildCpu.get(system));
        }
    }

    private void bruteForceJson(ObjectNode brute) {
        number(brute, "qps", bruteQps());
        samples(brute, "qpsWallSamples", bruteForceWall);
        samples(brute, "qpsCpuSamples", bruteForceCpu);
        number(brute, "recallAgainstTruth", bruteForceRecall);
    }

    private void searchJson(ArrayNode search) {
        for (EfRow row : rows) {
            ObjectNode r = search.addObject();
            r.put("ef", row.ef());
            point(r.putObject("ours"), row.ours(), setup.clock());
            point(r.putObject("lucene"), row.lucene(), setup.clock());
            if (row.hnswlib() != null) {
                point(r.putObject("hnswlib"), row.hnswlib(), setup.clock());
            }
            if (row.oursInt8() != null) {
                point(r.putObject("oursInt8"), row.oursInt8(), setup.clock());
            }
        }
    }

    private void memoryJson(ObjectNode memory) {
        long lucene = luceneGraphMemory + luceneVectorMemory;
        memory.put("ours", oursMemory);
        memory.put("lucene", lucene);
        number(memory, "oursPerVector", oursMemory / (double) setup.n());
        number(memory, "lucenePerVector", lucene / (double) setup.n());
        memory.put("luceneGraph", luceneGraphMemory);
        memory.put("luceneVectors", luceneVectorMemory);
        number(memory, "rawVectorBytesPerVector", setup.dim() * (double) Float.BYTES);
        ObjectNode notes = memory.putObject("notes");
        memoryNotes.forEach(notes::put);
        if (oursInt8Memory >= 0) {
            Int8Rows.memoryJson(memory, oursInt8Memory, oursMemory, setup.n());
        }
    }

    private void ratiosJson(ObjectNode ratios, ObjectMapper mapper) {
        long lucene = luceneGraphMemory + luceneVectorMemory;
        ratios.put("note", "ours / lucene; above 1 means ours is faster (or larger, for memory)");
        number(ratios, "buildRate", buildRate("ours") / buildRate("lucene"));
        number(ratios, "memory", oursMemory / (double) lucene);
        ArrayNode atEf = ratios.putArray("qpsAtEf");
        for (EfRow row : rows) {
            ObjectNode r = atEf.addObject();
            r.put("ef", row.ef());
            number(r, "ratio", qps(row.ours()) / qps(row.lucene()));
            number(
                    r,
                    "wallClockRatio",
                    row.ours().qps(Stopwatch.Clock.WALL) / row.lucene().qps(Stopwatch.Clock.WALL));
        }
        equalRecallJson(ratios);
        if (hasHnswlib()) {
            ratios.set("vsHnswlib", hnswlibRatios(mapper));
        }
        if (oursInt8Memory >= 0) {
            ratios.set("int8VsFloat32", Int8Rows.ratiosJson(mapper, this));
        }
        ratios.put(
                "qpsAtEqualRecallMethod",
                "at each of our recalls, each system's QPS read off its own measured QPS-vs-recall"
                        + " curve (upper envelope, linear interpolation); null outside Lucene's"
                        + " measured recall range");
    }

    /** Ours / Lucene at equal recall, per row, and the spread of the finite ratios. */
    private void equalRecallJson(ObjectNode ratios) {
        ArrayNode atRecall = ratios.putArray("qpsAtEqualRecall");
        double[][] equal = equalRecallQps();
        List<Double> finite = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            EfRow row = rows.get(i);
            ObjectNode r = atRecall.addObject();
            r.put("ef", row.ef());
            number(r, "recall", row.ours().recall());
            number(r, "oursQps", equal[i][0]);
            number(r, "luceneQpsAtThisRecall", equal[i][1]);
            double ratio = equal[i][0] / equal[i][1];
            number(r, "ratio", ratio);
            if (Double.isFinite(ratio)) {
                finite.add(ratio);
            }
        }
        if (!finite.isEmpty()) {
            double[] f = finite.stream().mapToDouble(Double::doubleValue).toArray();
            ObjectNode summary = ratios.putObject("qpsAtEqualRecallSummary");
            number(summary, "min", Stats.min(f));
            number(summary, "median", Stats.median(f));
            number(summary, "max", Stats.max(f));
        }
    }

    private void runJson(ObjectNode run) {
        run.put("queries", setup.queries());
        run.put("truth", setup.truthSource());
        run.put("warmupVectors", setup.warmupVectors());
        run.put("repetitions", setup.repetitions());
        run.put("statistic", "median over repetitions");
        run.put("clock", setup.clock().description());
        run.put("minPassSeconds", setup.minPassSeconds());
        run.put("threads", 1);
        run.put("luceneSimilarity", setup.luceneSimilarity());
        run.put("luceneVersion", org.apache.lucene.util.Version.LATEST.toString());
        run.put("seed", setup.seed());
        run.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        run.put("distanceKernel", DistanceKernels.active().name());
        run.put("distanceKernelChoice", DistanceKernels.description());
        run.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    }

    private boolean hasHnswlib() {
        return buildWall.containsKey(HnswlibProcess.NAME);
    }

    /** Ours / hnswlib: build rate, and QPS at our recall read off hnswlib's curve as for Lucene. */
    private ObjectNode hnswlibRatios(ObjectMapper mapper) {
        ObjectNode vs = mapper.createObjectNode();
        vs.put("note", "ours / hnswlib; above 1 means ours is faster");
        number(vs, "buildRate", buildRate("ours") / buildRate(HnswlibProcess.NAME));
        ArrayNode atRecall = vs.putArray("qpsAtEqualRecall");
        double[][] equal = equalRecallQps(EfRow::hnswlib);
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode r = atRecall.addObject();
            r.put("ef", rows.get(i).ef());
            number(r, "recall", rows.get(i).ours().recall());
            number(r, "oursQps", equal[i][0]);
            number(r, "hnswlibQpsAtThisRecall", equal[i][1]);
            number(r, "ratio", equal[i][0] / equal[i][1]);
        }
        return vs;
    }

    static void point(ObjectNode node, Point p, Stopwatch.Clock clock) {
        number(node, "recall", p.recall());
        number(node, "qps", p.qps(clock));
        number(node, "qpsWall", p.qps(Stopwatch.Clock.WALL));
        number(node, "qpsCpu", p.qps(Stopwatch.Clock.CPU));
        samples(node, "qpsWallSamples", p.qpsWall());
        samples(node, "qpsCpuSamples", p.qpsCpu());
    }

    double qps(Point p) {
        return p.qps(setup.clock());
    }

    private double bruteQps() {
        return Stats.median(setup.clock() == Stopwatch.Clock.CPU ? bruteForceCpu : bruteForceWall);
    }

    /** JSON has no NaN or infinity; a figure that does not exist is null. */
    static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static void samples(ObjectNode node, String key, double[] values) {
        ArrayNode a = node.putArray(key);
        for (double v : values) {
            a.add(v);
        }
    }

    /** The human-readable table printed by the command. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        Setup s = setup;
        sb.append(
                fmt(
                        "%s: n=%d dim=%d metric=%s M=%d efConstruction=%d k=%d queries=%d"
                                + " truth=%s%n(median of %d runs, %s, 1 thread, %s kernels)%n",
                        s.dataset(),
                        s.n(),
                        s.dim(),
                        s.metric(),
                        s.m(),
                        s.efConstruction(),
                        s.k(),
                        s.queries(),
                        s.truthSource(),
                        s.repetitions(),
                        s.clock().description(),
                        DistanceKernels.active().name()));
        sb.append(fmt("%-8s %10s %12s%n", "build", "seconds", "vectors/s"));
        for (String sys : buildWall.keySet()) {
            sb.append(fmt("%-8s %10.3f %12.0f%n", sys, buildMedian(sys), buildRate(sys)));
        }
        sb.append(fmt("build rate ours/lucene: %.2fx%n", buildRate("ours") / buildRate("lucene")));
        sb.append(fmt("brute force: %.0f qps%n", bruteQps()));
        sb.append(
                fmt(
                        "%5s | %8s %9s | %8s %9s | %8s | %14s %8s%n",
                        "ef",
                        "ours R@k",
                        "ours qps",
                        "luc R@k",
                        "luc qps",
                        "qps x",
                        "luc qps@ourR",
                        "eqR x"));
        double[][] equal = equalRecallQps();
        for (int i = 0; i < rows.size(); i++) {
            EfRow r = rows.get(i);
            sb.append(
                    fmt(
                            "%5d | %8.4f %9.0f | %8.4f %9.0f | %7.2fx | %14s %8s%n",
                            r.ef(),
                            r.ours().recall(),
                            qps(r.ours()),
                            r.lucene().recall(),
                            qps(r.lucene()),
                            qps(r.ours()) / qps(r.lucene()),
                            Double.isFinite(equal[i][1]) ? fmt("%.0f", equal[i][1]) : "n/a",
                            Double.isFinite(equal[i][1])
                                    ? fmt("%.2fx", equal[i][0] / equal[i][1])
                                    : "n/a"));
        }
        if (hasHnswlib()) {
            hnswlibTable(sb);
        }
        if (oursInt8Memory >= 0) {
            Int8Rows.table(sb, this, oursInt8Memory, oursMemory);
        }
        long lucene = luceneGraphMemory + luceneVectorMemory;
        sb.append(
                fmt(
                        "memory: ours %d B (%.0f B/vector), lucene %d B (%.0f B/vector: graph %d +"
                                + " vectors %d); raw vectors %d B/vector%n",
                        oursMemory,
                        oursMemory / (double) s.n(),
                        lucene,
                        lucene / (double) s.n(),
                        luceneGraphMemory,
                        luceneVectorMemory,
                        s.dim() * Float.BYTES));
        return sb.toString();
    }

    private void hnswlibTable(StringBuilder sb) {
        sb.append(
                fmt(
                        "build rate ours/hnswlib: %.2fx%n",
                        buildRate("ours") / buildRate(HnswlibProcess.NAME)));
        sb.append(
                fmt(
                        "%5s | %11s %9s | %8s | %14s %8s%n",
                        "ef", "hnswlib R@k", "qps", "qps x", "hnsw qps@ourR", "eqR x"));
        double[][] equal = equalRecallQps(EfRow::hnswlib);
        for (int i = 0; i < rows.size(); i++) {
            EfRow r = rows.get(i);
            boolean inRange = Double.isFinite(equal[i][1]);
            sb.append(
                    fmt(
                            "%5d | %11.4f %9.0f | %7.2fx | %14s %8s%n",
                            r.ef(),
                            r.hnswlib().recall(),
                            qps(r.hnswlib()),
                            qps(r.ours()) / qps(r.hnswlib()),
                            inRange ? fmt("%.0f", equal[i][1]) : "n/a",
                            inRange ? fmt("%.2fx", equal[i][0] / equal[i][1]) : "n/a"));
        }
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
