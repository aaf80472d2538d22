package org.vectorindex.jobs.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.jobs.cli.Subcommands;

/**
 * {@code check recall|filtered|churn|multivector}: the quality gates of {@code .ci/run}, read from
 * the benchmarks' JSON reports. They live in Java rather than in a jq script so CI needs nothing
 * but the JDK, and they print the figures they judge so a CI log shows how close a pass was.
 */
public final class BenchCheck {
    /** Exit code of a check that ran and failed. */
    public static final int FAILED = 1;

    static final Flags.Spec RECALL =
            Flags.spec("check recall")
                    .required("json", "report written by bench hnsw --json")
                    .required("min-recall", "lowest acceptable recall@k of ours")
                    .optional("ef", null, "judge the recall at exactly this ef")
                    .optional("max-ef", null, "judge the best recall at any measured ef <= this");

    static final Flags.Spec FILTERED =
            Flags.spec("check filtered")
                    .required("json", "report written by bench hnsw --filter-selectivity --json")
                    .required("ef", "judge the filtered rows at this ef")
                    .required("min-recall", "lowest acceptable recall@k at every selectivity");

    static final Flags.Spec CHURN =
            Flags.spec("check churn")
                    .required("json", "report written by bench churn --json")
                    .optional(
                            "max-gap", "0.005", "largest allowed freshRecall - recall, last round")
                    .optional("rounds", null, "require exactly this many rounds");

    static final Flags.Spec MULTIVECTOR =
            Flags.spec("check multivector")
                    .required("json", "report written by bench multivector --json")
                    .required("candidates", "judge the setting with this many candidates k'")
                    .required(
                            "min-recall-pooled",
                            "lowest acceptable recall@k against exact MaxSim over pooled vectors")
                    .optional(
                            "min-recall-raw",
                            "0",
                            "lowest acceptable recall@k against exact MaxSim over raw tokens");

    private BenchCheck() {}

    public static Subcommands table(PrintStream out) {
        return new Subcommands("flink-vector-index.jar check")
                .add(
                        "recall",
                        "fail unless bench hnsw reached a recall",
                        RECALL.usage(),
                        args -> recall(args, out))
                .add(
                        "filtered",
                        "fail unless bench hnsw reached a recall under every filter",
                        FILTERED.usage(),
                        args -> filtered(args, out))
                .add(
                        "churn",
                        "fail unless churned recall stays near a fresh build",
                        CHURN.usage(),
                        args -> churn(args, out))
                .add(
                        "multivector",
                        "fail unless bench multivector reached a recall",
                        MULTIVECTOR.usage(),
                        args -> multivector(args, out));
    }

    static int recall(List<String> args, PrintStream out) throws IOException {
        Flags f = RECALL.parse(args);
        if (f.has("ef") == f.has("max-ef")) {
            throw new IllegalArgumentException(
                    "check recall: give exactly one of --ef or --max-ef");
        }
        double min = f.decimal("min-recall");
        JsonNode root = read(f.requiredPath("json"));
        String dataset = text(root, "dataset");
        int k = field(root, "k").asInt();
        double best = -1;
        int bestEf = -1;
        boolean exact = f.has("ef");
        int bound = exact ? f.integer("ef", 1) : f.integer("max-ef", 1);
        for (JsonNode row : field(root, "search")) {
            int ef = field(row, "ef").asInt();
            double recall = field(field(row, "ours"), "recall").asDouble();
            boolean eligible = exact ? ef == bound : ef <= bound;
            if (eligible && recall > best) {
                best = recall;
                bestEf = ef;
            }
        }
        String where = exact ? "ef=" + bound : "ef<=" + bound;
        if (bestEf < 0) {
            out.printf(
                    Locale.ROOT, "FAIL %s: the report has no search row at %s%n", dataset, where);
            return FAILED;
        }
        boolean pass = best >= min;
        out.printf(
                Locale.ROOT,
                "%s %s: recall@%d %.4f at ef=%d (%s), required >= %.4f%n",
                pass ? "PASS" : "FAIL",
                dataset,
                k,
                best,
                bestEf,
                where,
                min);
        return pass ? 0 : FAILED;
    }

    static int filtered(List<String> args, PrintStream out) throws IOException {
        Flags f = FILTERED.parse(args);
        int ef = f.integer("ef", 1);
        double min = f.decimal("min-recall");
        JsonNode root = read(f.requiredPath("json"));
        String dataset = text(root, "dataset");
        int rows = 0;
        boolean pass = true;
        for (JsonNode row : field(root, "filtered")) {
            if (field(row, "ef").asInt() != ef) {
                continue;
            }
            rows++;
            double recall = field(row, "recall").asDouble();
            boolean ok = recall >= min;
            pass &= ok;
            out.printf(
                    Locale.ROOT,
                    "%s %s: filtered recall %.4f at selectivity %s, ef=%d (%.2f of unfiltered"
                            + " QPS), required >= %.4f%n",
                    ok ? "PASS" : "FAIL",
                    dataset,
                    recall,
                    field(row, "selectivity").asText(),
                    ef,
                    field(row, "qpsShareOfUnfiltered").asDouble(),
                    min);
        }
        if (rows == 0) {
            out.printf(
                    Locale.ROOT, "FAIL %s: the report has no filtered row at ef=%d%n", dataset, ef);
            return FAILED;
        }
        return pass ? 0 : FAILED;
    }

    static int churn(List<String> args, PrintStream out) throws IOException {
        Flags f = CHURN.parse(args);
        double maxGap = f.decimal("max-gap");
        JsonNode root = read(f.requiredPath("json"));
        String dataset = text(root, "dataset");
        JsonNode rounds = field(root, "rounds");
        if (rounds.isEmpty()) {
            out.printf(Locale.ROOT, "FAIL %s: the churn report has no rounds%n", dataset);
            return FAILED;
        }
        if (f.has("rounds") && rounds.size() != f.integer("rounds", 1)) {
            out.printf(
                    Locale.ROOT,
                    "FAIL %s: expected %s churn rounds, the report has %d%n",
                    dataset,
                    f.string("rounds"),
                    rounds.size());
            return FAILED;
        }
        JsonNode last = rounds.get(rounds.size() - 1);
        double recall = field(last, "recall").asDouble();
        double fresh = field(last, "freshRecall").asDouble();
        // One-sided: a churned graph that beats the fresh build has not degraded.
        double gap = fresh - recall;
        boolean pass = gap <= maxGap;
        out.printf(
                Locale.ROOT,
                "%s %s churn: after %d rounds recall %.4f vs fresh build %.4f (gap %.4f, allowed"
                        + " %.4f)%n",
                pass ? "PASS" : "FAIL",
                dataset,
                rounds.size(),
                recall,
                fresh,
                gap,
                maxGap);
        return pass ? 0 : FAILED;
    }

    static int multivector(List<String> args, PrintStream out) throws IOException {
        Flags f = MULTIVECTOR.parse(args);
        int candidates = f.integer("candidates", 1);
        double minPooled = f.decimal("min-recall-pooled");
        double minRaw = f.decimal("min-recall-raw");
        JsonNode root = read(f.requiredPath("json"));
        int docs = field(root, "docs").asInt();
        for (JsonNode row : field(root, "settings")) {
            if (field(row, "candidates").asInt() != candidates) {
                continue;
            }
            double pooled = field(row, "recallVsExactPooled").asDouble();
            double raw = field(row, "recallVsExactRaw").asDouble();
            double mads =
                    field(row, "madsPerQuery").asDouble()
                            / field(row, "bruteForceMadsPerQuery").asDouble();
            boolean pass = pooled >= minPooled && raw >= minRaw;
            out.printf(
                    Locale.ROOT,
                    "%s multivector (%d docs, m=%d, k'=%d): recall vs exact pooled %.4f (required"
                            + " >= %.4f), vs exact raw %.4f (required >= %.4f), %.2f%% of"
                            + " brute-force multiply-adds%n",
                    pass ? "PASS" : "FAIL",
                    docs,
                    field(root, "m").asInt(),
                    candidates,
                    pooled,
                    minPooled,
                    raw,
                    minRaw,
                    100 * mads);
            return pass ? 0 : FAILED;
        }
        out.printf(
                Locale.ROOT,
                "FAIL multivector: the report has no setting with k'=%d%n",
                candidates);
        return FAILED;
    }

    private static JsonNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("report not found: " + file);
        }
        return new ObjectMapper().readTree(file.toFile());
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("report lacks the key '" + name + "'");
        }
        return v;
    }

    private static String text(JsonNode node, String name) {
        return field(node, name).asText();
    }
}
