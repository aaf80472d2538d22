package org.vectorindex.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vectorindex.state.hnsw.AttributeFilter;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.math.Metric;

/**
 * The {@code --filter-selectivity} rows of {@code bench hnsw}: our index searched under an
 * attribute filter that accepts a given share of the base, with recall against brute force over the
 * accepted vectors, and its QPS beside unfiltered search at the same ef, measured interleaved.
 *
 * <p>Each base vector's attributes come from a seeded hash of its id, one attribute per selectivity
 * ({@code s0.01 = in}), so the accepted sets are reproducible and independent of the vectors.
 */
final class FilteredRows {
    /** One selectivity at one ef. */
    record Row(
            double selectivity,
            int ef,
            int accepted,
            double recall,
            double qps,
            double unfilteredQps) {}

    private final List<Row> rows = new ArrayList<>();

    static String key(double selectivity) {
        return "s" + selectivity;
    }

    /** Whether the base vector {@code id} carries the attribute of {@code selectivity}. */
    static boolean accepted(String id, double selectivity, long seed) {
        long h = id.hashCode() * 0x9E3779B97F4A7C15L ^ seed;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (h >>> 11) * 0x1.0p-53 < selectivity;
    }

    /** Gives every base vector of {@code ours} its attributes for all {@code selectivities}. */
    static void tag(HnswIndex index, String[] ids, double[] selectivities, long seed) {
        for (String id : ids) {
            Map<String, String> attributes = new HashMap<>();
            for (double s : selectivities) {
                if (accepted(id, s, seed)) {
                    attributes.put(key(s), "in");
                }
            }
            index.setAttributes(id, attributes);
        }
    }

    /** Measures one selectivity at every ef of {@code efs}. */
    void measure(
            OursHnsw ours,
            Metric metric,
            float[][] base,
            float[][] queries,
            int k,
            int[] efs,
            double selectivity,
            long seed,
            int reps,
            double minSeconds,
            Stopwatch.Clock clock)
            throws Exception {
        String[] ids = ours.ids(base.length);
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < base.length; i++) {
            if (accepted(ids[i], selectivity, seed)) {
                members.add(i);
            }
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException(
                    "bench hnsw: --filter-selectivity " + selectivity + " accepts no base vector");
        }
        float[][] subset = new float[members.size()][];
        for (int i = 0; i < subset.length; i++) {
            subset[i] = base[members.get(i)];
        }
        int kk = Math.min(k, subset.length);
        int[][] truth = new ExactSearch(metric, subset, kk).searchAll(queries);
        for (int[] row : truth) {
            for (int i = 0; i < row.length; i++) {
                row[i] = members.get(row[i]);
            }
        }
        HnswIndex index = ours.index();
        AttributeFilter filter = AttributeFilter.compile(Map.of(key(selectivity), "in"));
        for (int ef : efs) {
            int[][][] answers = new int[1][][];
            double[] filtered = new double[reps];
            double[] unfiltered = new double[reps];
            for (int r = 0; r < reps; r++) {
                Stopwatch.Sample f =
                        Stopwatch.repeat(
                                () -> answers[0] = searchAll(index, queries, kk, ef, filter),
                                minSeconds,
                                clock);
                Stopwatch.Sample u =
                        Stopwatch.repeat(
                                () -> searchAll(index, queries, k, ef, null), minSeconds, clock);
                filtered[r] = qps(queries.length, f, clock);
                unfiltered[r] = qps(queries.length, u, clock);
            }
            rows.add(
                    new Row(
                            selectivity,
                            ef,
                            subset.length,
                            Recall.atK(answers[0], truth, kk),
                            Stats.median(filtered),
                            Stats.median(unfiltered)));
        }
    }

    private static double qps(int queries, Stopwatch.Sample s, Stopwatch.Clock clock) {
        double seconds = clock == Stopwatch.Clock.CPU ? s.cpuSeconds() : s.wallSeconds();
        return queries * s.repeats() / seconds;
    }

    private static int[][] searchAll(
            HnswIndex index, float[][] queries, int k, int ef, AttributeFilter filter) {
        int[][] out = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            out[q] = OursHnsw.ordinals(index.search(queries[q], k, ef, filter));
        }
        return out;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    ArrayNode toJson(ObjectMapper mapper) {
        ArrayNode a = mapper.createArrayNode();
        for (Row r : rows) {
            ObjectNode n = a.addObject();
            n.put("selectivity", r.selectivity());
            n.put("ef", r.ef());
            n.put("accepted", r.accepted());
            n.put("recall", r.recall());
            n.put("qps", Math.round(r.qps()));
            n.put("unfilteredQps", Math.round(r.unfilteredQps()));
            n.put("qpsShareOfUnfiltered", r.qps() / r.unfilteredQps());
        }
        return a;
    }

    String table() {
        StringBuilder b = new StringBuilder();
        b.append(
                "\nfiltered (ours; recall@k against brute force over the accepted vectors)\n"
                        + "selectivity   ef  accepted  recall      qps  unfiltered qps  ratio\n");
        for (Row r : rows) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%11s %4d %9d  %.4f %8.0f %15.0f  %5.2f%n",
                            r.selectivity(),
                            r.ef(),
                            r.accepted(),
                            r.recall(),
                            r.qps(),
                            r.unfilteredQps(),
                            r.qps() / r.unfilteredQps()));
        }
        return b.toString();
    }
}
