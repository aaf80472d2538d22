package org.vectorindex.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.math.Metric;

/**
 * {@code bench churn}: does recall survive deletes and re-inserts? Each round deletes a random
 * fraction of the live vectors and re-inserts the same ids with the same vectors in shuffled order,
 * then measures recall@k at a fixed ef against exact truth (which stays valid because the data set
 * is unchanged), next to a fresh build of the same vectors in their current arrival order.
 *
 * <p>Selection: ids are drawn from one seeded shuffle of all ids, consecutive slices per round, so
 * each round's victims are a uniformly random subset and five rounds of 20% replace the whole data
 * set once. A new shuffle starts when the ids run out.
 */
public record ChurnBench(PrintStream out, PrintStream log) implements Command {
    public static final Flags.Spec FLAGS =
            Flags.spec("bench churn")
                    .required("base", "base vectors, .fvecs or .bvecs")
                    .required("queries", "query vectors, .fvecs or .bvecs")
                    .required("metric", "l2, cosine or dot")
                    .optional(
                            "truth",
                            null,
                            ".ivecs truth, only cross-checked against the exact truth")
                    .optional("k", "10", "neighbours per query")
                    .optional("ef", "64", "search beam at which recall is measured")
                    .optional("rounds", "5", "churn rounds")
                    .optional("fraction", "0.2", "fraction of live vectors replaced per round")
                    .optional("m", "16", "HNSW M")
                    .optional("ef-construction", "100", "build beam")
                    .optional("limit", null, "use only the first N base vectors")
                    .optional("query-limit", null, "use only the first N queries")
                    .optional("seed", "42", "seed of the graph and of the victim selection")
                    .optional(
                            "consolidate-fraction",
                            String.valueOf(HnswConfig.DEFAULT_CONSOLIDATE_FRACTION),
                            "deleted fraction that triggers the index's graph repair")
                    .optional("json", null, "write the JSON report to this file")
                    .optional("name", null, "data set name (default: the base file's folder)");

    @Override
    public int run(List<String> args) throws Exception {
        Flags f = FLAGS.parse(args);
        Setup s = setup(f);
        int n = s.data().size();
        float[][] queries = s.data().queries();
        log.printf(
                Locale.ROOT,
                "computing exact truth for %s (%d x %d)%n",
                s.data().name(),
                n,
                s.data().dimension());
        int[][] truth = new ExactSearch(s.metric(), s.data().base(), s.k()).searchAll(queries);
        double truthFileAgreement = Double.NaN;
        if (s.data().truth() != null) {
            Dataset.validateTruth(s.data().truth(), queries.length, n, s.k());
            truthFileAgreement = Recall.atK(truth, s.data().truth(), s.k());
        }

        OursHnsw ours =
                new OursHnsw(
                        s.metric(),
                        f.integer("m", 2),
                        f.integer("ef-construction", 1),
                        s.seed(),
                        f.decimal("consolidate-fraction"));
        Initial initial = initialBuild(s, ours, truth);

        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = header(mapper, s, initial, truthFileAgreement);
        ArrayNode roundsJson = root.putArray("rounds");

        Churn churn = new Churn(n, s.fraction(), s.seed());
        printHeader(s, initial.recall());
        for (int round = 1; round <= s.rounds(); round++) {
            runRound(round, s, ours, initial, truth, churn, roundsJson);
        }
        writeJson(f.path("json"), mapper, root);
        return 0;
    }

    /** The parsed flags and the loaded data set. */
    private record Setup(
            Metric metric, int k, int ef, int rounds, double fraction, long seed, Dataset data) {}

    private static Setup setup(Flags f) throws Exception {
        Metric metric = Metric.parse(f.required("metric"));
        int k = f.integer("k", 1);
        int ef = f.integer("ef", 1);
        int rounds = f.integer("rounds", 1);
        double fraction = f.decimal("fraction");
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException(
                    "bench churn: --fraction must be in (0, 1], got " + fraction);
        }
        long seed = f.longValue("seed");
        Dataset data =
                Dataset.load(
                        f.string("name"),
                        f.requiredPath("base"),
                        f.requiredPath("queries"),
                        f.path("truth"),
                        f.has("limit") ? f.integer("limit", 1) : -1,
                        f.has("query-limit") ? f.integer("query-limit", 1) : -1);
        int n = data.size();
        if (k > n) {
            throw new IllegalArgumentException(
                    "bench churn: k=" + k + " exceeds " + n + " vectors");
        }
        return new Setup(metric, k, ef, rounds, fraction, seed, data);
    }

    /** The index every round churns, with its ids, build time and starting recall. */
    private record Initial(HnswIndex index, String[] ids, double buildSeconds, double recall) {}

    private Initial initialBuild(Setup s, OursHnsw ours, int[][] truth) throws Exception {
        int n = s.data().size();
        String[] ids = ours.ids(n);
        int[] arrivalOrder = new int[n];
        for (int i = 0; i < n; i++) {
            arrivalOrder[i] = i;
        }
        HnswIndex[] built = new HnswIndex[1];
        double buildSeconds =
                Stopwatch.once(
                                () ->
                                        built[0] =
                                                build(
                                                        ours,
                                                        s.data().base(),
                                                        arrivalOrder,
                                                        s.data().dimension()))
                        .cpuSeconds();
        HnswIndex index = built[0];
        double initialRecall = recall(index, s.data().queries(), truth, s.k(), s.ef());
        log.printf(Locale.ROOT, "initial build %.2f s, recall %.4f%n", buildSeconds, initialRecall);
        return new Initial(index, ids, buildSeconds, initialRecall);
    }

    private static ObjectNode header(
            ObjectMapper mapper, Setup s, Initial initial, double truthFileAgreement) {
        HnswIndex index = initial.index();
        ObjectNode root = mapper.createObjectNode();
        root.put("dataset", s.data().name());
        root.put("n", s.data().size());
        root.put("dim", s.data().dimension());
        root.put("metric", s.metric().name().toLowerCase(Locale.ROOT));
        root.put("m", index.config().m());
        root.put("efConstruction", index.config().efConstruction());
        root.put("k", s.k());
        root.put("ef", s.ef());
        root.put("fraction", s.fraction());
        root.put("seed", s.seed());
        root.put("consolidateFraction", index.config().consolidateFraction());
        root.put("queries", s.data().queries().length);
        root.put("clock", "seconds are thread CPU time of the round's deletes + re-inserts");
        root.putObject("initial")
                .put("recall", initial.recall())
                .put("buildSeconds", initial.buildSeconds());
        if (!Double.isNaN(truthFileAgreement)) {
            root.put("truthFileAgreement", truthFileAgreement);
        }
        root.put(
                "selection",
                "consecutive slices of one seeded shuffle of all ids; re-inserted in a second"
                        + " seeded shuffle; fresh build inserts the same vectors in current arrival"
                        + " order");
        return root;
    }

    private void printHeader(Setup s, double initialRecall) {
        out.printf(
                Locale.ROOT,
                "%s churn: n=%d k=%d ef=%d fraction=%.2f%n",
                s.data().name(),
                s.data().size(),
                s.k(),
                s.ef(),
                s.fraction());
        out.printf(
                Locale.ROOT,
                "%5s %8s %8s %9s %9s %9s%n",
                "round",
                "recall",
                "fresh",
                "gap",
                "seconds",
                "replaced");
        out.printf(Locale.ROOT, "%5d %8.4f %8s%n", 0, initialRecall, "");
    }

    /** Victim selection and arrival order across rounds, from one seeded source. */
    private static final class Churn {
        private final int n;
        private final Random random;
        private final int perRound;
        private final boolean[] replaced;
        // Arrival order: survivors keep their relative order, re-inserted ids follow them.
        private final long[] arrival;
        private int[] victims;
        private int cursor;
        private int replacedCount;
        private long clock;

        Churn(int n, double fraction, long seed) {
            this.n = n;
            random = new Random(seed);
            victims = shuffledOrdinals(n, random);
            perRound = Math.max(1, (int) Math.round(fraction * n));
            replaced = new boolean[n];
            arrival = new long[n];
            for (int i = 0; i < n; i++) {
                arrival[i] = i;
            }
            clock = n;
        }

        int[] nextBatch() {
            int[] batch = new int[perRound];
            boolean[] inBatch = new boolean[n];
            for (int i = 0; i < perRound; ) {
                if (cursor == n) {
                    victims = shuffledOrdinals(n, random);
                    cursor = 0;
                }
                int id = victims[cursor++];
                if (!inBatch[id]) { // a batch spanning two shuffles must not repeat an id
                    inBatch[id] = true;
                    batch[i++] = id;
                }
            }
            return batch;
        }

        void reinserted(int[] batch) {
            for (int id : batch) {
                arrival[id] = clock++;
                if (!replaced[id]) {
                    replaced[id] = true;
                    replacedCount++;
                }
            }
        }
    }

    private void runRound(
            int round,
            Setup s,
            OursHnsw ours,
            Initial initial,
            int[][] truth,
            Churn churn,
            ArrayNode roundsJson)
            throws Exception {
        int n = s.data().size();
        float[][] base = s.data().base();
        float[][] queries = s.data().queries();
        HnswIndex index = initial.index();
        String[] ids = initial.ids();
        int[] batch = churn.nextBatch();
        Stopwatch.Sample deletes =
                Stopwatch.once(
                        () -> {
                            for (int id : batch) {
                                if (!index.delete(ids[id])) {
                                    throw new IllegalStateException(
                                            "delete of live id " + id + " returned false");
                                }
                            }
                        });
        shuffle(batch, churn.random);
        Stopwatch.Sample inserts =
                Stopwatch.once(
                        () -> {
                            for (int id : batch) {
                                index.upsert(ids[id], base[id]);
                            }
                        });
        churn.reinserted(batch);
        if (index.size() != n) {
            throw new IllegalStateException(
                    "index holds "
                            + index.size()
                            + " ids after round "
                            + round
                            + ", expected "
                            + n);
        }
        double recall = recall(index, queries, truth, s.k(), s.ef());

        int[] freshOrder = byArrival(churn.arrival);
        HnswIndex[] fresh = new HnswIndex[1];
        Stopwatch.Sample freshBuild =
                Stopwatch.once(
                        () -> fresh[0] = build(ours, base, freshOrder, s.data().dimension()));
        double freshRecall = recall(fresh[0], queries, truth, s.k(), s.ef());

        double seconds = deletes.cpuSeconds() + inserts.cpuSeconds();
        ObjectNode r = roundsJson.addObject();
        r.put("round", round);
        r.put("recall", recall);
        r.put("freshRecall", freshRecall);
        r.put("seconds", seconds);
        r.put("deleted", churn.perRound);
        r.put("deleteSeconds", deletes.cpuSeconds());
        r.put("insertSeconds", inserts.cpuSeconds());
        r.put("wallSeconds", deletes.wallSeconds() + inserts.wallSeconds());
        r.put("freshBuildSeconds", freshBuild.cpuSeconds());
        r.put("size", index.size());
        r.put("memoryBytes", index.memoryBytes());
        r.put("replacedFraction", churn.replacedCount / (double) n);
        out.printf(
                Locale.ROOT,
                "%5d %8.4f %8.4f %+9.4f %9.2f %8.0f%%%n",
                round,
                recall,
                freshRecall,
                recall - freshRecall,
                seconds,
                100.0 * churn.replacedCount / n);
    }

    private void writeJson(Path json, ObjectMapper mapper, ObjectNode root) throws Exception {
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            mapper.writeValue(json.toFile(), root);
            log.println("wrote " + json);
        }
    }

    private static HnswIndex build(OursHnsw ours, float[][] base, int[] order, int dim) {
        String[] ids = ours.ids(base.length);
        HnswIndex index = ours.newIndex(dim);
        for (int id : order) {
            index.upsert(ids[id], base[id]);
        }
        return index;
    }

    static double recall(HnswIndex index, float[][] queries, int[][] truth, int k, int ef) {
        int[][] answers = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            answers[q] = OursHnsw.ordinals(index.search(queries[q], k, ef));
        }
        return Recall.atK(answers, truth, k);
    }

    /** Ordinals sorted by arrival stamp (stamps are distinct). */
    static int[] byArrival(long[] arrival) {
        int n = arrival.length;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            keyed[i] = (arrival[i] << 32) | i; // stamps stay far below 2^31
        }
        java.util.Arrays.sort(keyed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) keyed[i];
        }
        return order;
    }

    static int[] shuffledOrdinals(int n, Random random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, random);
        return a;
    }

    /** Fisher–Yates with the given seeded source. */
    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
