package org.vectorindex.jobs.bench.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vectorindex.jobs.bench.Stats;

/**
 * The report of {@code bench job}: one JSON document (the keys listed in the README, which checks
 * script against) and a short table. Latency quantiles are nearest-rank; lag is upserts sent but
 * not yet applied, as the stats probes saw it.
 */
final class JobBenchReport {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JSON.createObjectNode();
    private final JobBenchSettings s;
    private final long startMillis = System.currentTimeMillis();
    private List<AnswerLog.Answer> answers = List.of();

    JobBenchReport(JobBenchSettings s, UpsertStream stream) {
        this.s = s;
        ObjectNode data = root.putObject("data");
        if (s.fvecs != null) {
            data.put("fvecs", s.fvecs.toString());
        } else {
            data.put("synthetic", s.synthetic);
            data.put("clusters", s.clusters);
        }
        data.put("vectors", stream.fileSize());
        data.put("dimension", stream.dimension());
        data.put("metric", s.metric.name().toLowerCase(Locale.ROOT));
        ObjectNode set = root.putObject("settings");
        set.put("format", s.binary ? "binary" : "json");
        set.put("k", s.k);
        set.put("durationSeconds", s.duration.toMillis() / 1000.0);
    }

    void coreBuild(int vectors, double perSecond) {
        root.put("coreBuildPerSecond", Math.round(perSecond));
        root.put("coreBuildVectors", vectors);
    }

    void target(BenchTarget t) {
        ObjectNode set = (ObjectNode) root.get("settings");
        set.put("target", t.embedded ? "embedded" : "running job");
        if (t.embedded) {
            set.put("parallelism", s.parallelism);
            set.put("shards", s.shards);
            set.put("partitions", s.partitions);
            set.put("stateBackend", s.stateBackend);
            set.put("checkpointIntervalMs", s.checkpointInterval.toMillis());
            set.put("m", s.m);
            set.put("efConstruction", s.efConstruction);
        }
    }

    void load(
            long start,
            long end,
            long baseline,
            AnswerLog.Probe last,
            SendLog sent,
            AnswerLog log) {
        double seconds = (end - start) / 1e9;
        root.put("durationSeconds", round(seconds, 2));
        // Every upsert sent, late ones included: the load stopped at the end, before the last
        // probe.
        long sentUpserts = sent.upsertsSent();
        long applied = Math.min(last.liveVectors() - baseline, sentUpserts);
        ObjectNode up = root.putObject("upserts");
        if (s.saturate()) {
            up.putNull("targetPerSecond");
        } else {
            up.put("targetPerSecond", s.upsertsPerSecond);
        }
        up.put("sent", sentUpserts);
        up.put("achievedPerSecond", round(sentUpserts / seconds, 1));
        up.put("applied", applied);
        double appliedSeconds = Math.max(seconds, (last.sentNanos() - start) / 1e9);
        boolean allApplied = s.saturate() && applied >= s.upserts;
        up.put("appliedPerSecond", round(applied / (allApplied ? seconds : appliedSeconds), 1));
        root.put("lagAtEnd", sentUpserts - applied);
        lag(start, last.sentNanos(), baseline, sent, log.probes());
        answers = log.answers();
        queries(sent, seconds);
        ObjectNode sub = root.putObject("subscriptions");
        sub.put("open", log.subscriptionsOpened());
        sub.put("updates", log.updates());
        sub.set("updateLatencyMs", quantiles(log.updateLatenciesMs()));
        long core = root.path("coreBuildPerSecond").asLong();
        root.put(
                "ingestShareOfCore",
                core > 0 ? round(up.get("appliedPerSecond").asDouble() / core, 3) : null);
    }

    private void lag(
            long start, long end, long baseline, SendLog sent, List<AnswerLog.Probe> probes) {
        List<double[]> series = new ArrayList<>();
        for (AnswerLog.Probe p : probes) {
            if (p.sentNanos() >= start && p.sentNanos() <= end) {
                double lag = sent.upsertsSentBy(p.sentNanos()) - (p.liveVectors() - baseline);
                series.add(new double[] {(p.sentNanos() - start) / 1e9, lag});
            }
        }
        series.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] lags = series.stream().mapToDouble(x -> x[1]).toArray();
        int third = lags.length / 3;
        ObjectNode lag = root.putObject("lag");
        lag.put("probes", lags.length);
        if (lags.length > 0) {
            lag.put("p50", Stats.nearestRank(lags, 0.5));
            lag.put("max", Stats.max(lags));
        }
        if (third > 0) {
            lag.put("firstThirdMedian", Stats.median(java.util.Arrays.copyOfRange(lags, 0, third)));
            lag.put(
                    "lastThirdMedian",
                    Stats.median(
                            java.util.Arrays.copyOfRange(lags, lags.length - third, lags.length)));
        }
        double allowed = s.saturate() ? Double.NaN : Math.max(100, s.upsertsPerSecond);
        lag.put("sustained", !s.saturate() && root.get("lagAtEnd").asDouble() <= allowed);
    }

    private void queries(SendLog sent, double seconds) {
        ObjectNode q = root.putObject("queries");
        q.put("targetPerSecond", s.queriesPerSecond);
        q.put("sent", sent.queriesSent());
        q.put("achievedPerSecond", round(sent.queriesSent() / seconds, 1));
        q.put("answered", answers.size());
        q.set("inJobMs", quantiles(answers.stream().mapToDouble(a -> a.tookMs()).toArray()));
        q.set("endToEndMs", quantiles(answers.stream().mapToDouble(a -> a.endToEndMs()).toArray()));
    }

    /** Flink's side of the run; {@code live} is the vectors the job holds at the end. */
    void flink(FlinkSampler f, long live) {
        List<FlinkSampler.Checkpoint> during = new ArrayList<>();
        for (FlinkSampler.Checkpoint c : f.checkpoints()) {
            if (c.triggerMillis() >= startMillis) {
                during.add(c);
            }
        }
        ObjectNode cp = root.putObject("checkpoints");
        cp.put("completed", during.size());
        cp.put("failed", f.failedCheckpoints());
        cp.set("durationMs", quantiles(during.stream().mapToDouble(c -> c.durationMs()).toArray()));
        cp.set(
                "incrementalBytes",
                quantiles(during.stream().mapToDouble(c -> c.incrementalBytes()).toArray()));
        cp.set("fullBytes", quantiles(during.stream().mapToDouble(c -> c.fullBytes()).toArray()));
        // The index's task thread answers no query while its snapshot's synchronous part runs.
        cp.set(
                "indexSyncMs",
                quantiles(
                        during.stream()
                                .mapToDouble(c -> c.indexSyncMs())
                                .filter(ms -> ms >= 0)
                                .toArray()));
        cp.set(
                "indexAlignmentMs",
                quantiles(
                        during.stream()
                                .mapToDouble(c -> c.indexAlignmentMs())
                                .filter(ms -> ms >= 0)
                                .toArray()));
        ArrayNode bp = root.putArray("backPressure");
        for (FlinkSampler.VertexTime v : f.vertexTimes()) {
            ObjectNode n = bp.addObject();
            n.put("vertex", v.vertex());
            n.put("backPressuredMsPerSecond", round(v.backPressuredMsPerSecond(), 1));
            n.put("busyMsPerSecond", round(v.busyMsPerSecond(), 1));
        }
        root.put("heapBytesUsedTaskManagers", f.taskManagerHeapUsed());
        if (!root.has("heapBytesAfterGc")) {
            root.putNull("heapBytesAfterGc"); // a running job's TaskManagers cannot be made to GC
        }
        root.put("liveVectorsAtEnd", live);
        if (!during.isEmpty() && live > 0) {
            long full = during.get(during.size() - 1).fullBytes();
            root.put("stateBytesPerVector", round((double) full / live, 1));
        }
        if (root.path("heapBytesAfterGc").isNumber() && live > 0) {
            root.put(
                    "heapBytesPerVector", round(root.get("heapBytesAfterGc").asDouble() / live, 1));
        }
        root.put("restarts", f.restarts());
        root.put("restPollsFailed", f.failedPolls());
    }

    void change(AfterLoad.Change c) {
        ObjectNode n = root.putObject("change");
        n.put("upserts", c.upserts());
        n.put("appliedSeconds", round(c.appliedSeconds(), 2));
        n.put("settleSeconds", round(c.settleSeconds(), 1));
        n.put("idleIncrementalBytes", c.idleIncrementalBytes());
        n.put("checkpoints", c.checkpoints());
        n.put("incrementalBytes", c.incrementalBytes());
        n.put("fullBytes", c.fullBytes());
        n.put(
                "incrementalShareOfFull",
                c.fullBytes() > 0 ? round((double) c.incrementalBytes() / c.fullBytes(), 4) : null);
    }

    void restore(AfterLoad.Restore r) {
        ObjectNode n = root.putObject("restore");
        n.put("toRunningMs", r.toRunningMs());
        n.put("toServingMs", r.toServingMs());
        n.put("liveVectors", r.liveVectors());
    }

    void heap(long jobBytes, long processBytes) {
        root.put("heapBytesAfterGc", jobBytes);
        root.put("heapBytesAfterGcProcess", processBytes);
    }

    /** count, p50, p99, p999 and max; the quantiles are null when there are no samples. */
    private static ObjectNode quantiles(double[] samples) {
        ObjectNode n = JSON.createObjectNode();
        n.put("count", samples.length);
        double[] ps = {0.5, 0.99, 0.999, 1};
        String[] keys = {"p50", "p99", "p999", "max"};
        for (int i = 0; i < ps.length; i++) {
            if (samples.length == 0) {
                n.putNull(keys[i]);
            } else {
                n.put(keys[i], round(Stats.nearestRank(samples, ps[i]), 1));
            }
        }
        return n;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    void write(PrintStream out, Path json, Path results) throws IOException {
        root.put("finishedAt", Instant.now().toString());
        if (json != null) {
            JSON.writeValue(json.toFile(), root);
        }
        if (results != null) {
            try (BufferedWriter w = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
                ObjectMapper line = new ObjectMapper();
                for (AnswerLog.Answer a : answers) {
                    w.write(line.writeValueAsString(a));
                    w.newLine();
                }
            }
        }
        table(out);
    }

    private void table(PrintStream out) {
        var up = root.path("upserts");
        var q = root.path("queries");
        var cp = root.path("checkpoints");
        out.printf(
                Locale.ROOT,
                "bench job  %s, %.1f s%n",
                root.path("data").has("fvecs")
                        ? root.path("data").path("fvecs").asText()
                        : "synthetic " + root.path("data").path("synthetic").asText(),
                root.path("durationSeconds").asDouble());
        out.printf(
                Locale.ROOT,
                "  upserts     target %s/s  sent %.0f/s  applied %.0f/s  (core single-thread %d/s: %.0f%%)  lag at end %d%n",
                up.path("targetPerSecond").isNull()
                        ? "max"
                        : String.format(Locale.ROOT, "%.0f", up.path("targetPerSecond").asDouble()),
                up.path("achievedPerSecond").asDouble(),
                up.path("appliedPerSecond").asDouble(),
                root.path("coreBuildPerSecond").asLong(),
                100 * root.path("ingestShareOfCore").asDouble(),
                root.path("lagAtEnd").asLong());
        out.printf(
                Locale.ROOT,
                "  queries     target %.0f/s  sent %.1f/s  answered %d%n",
                q.path("targetPerSecond").asDouble(),
                q.path("achievedPerSecond").asDouble(),
                q.path("answered").asLong());
        row(out, "  in job ms  ", q.path("inJobMs"));
        row(out, "  end-to-end ", q.path("endToEndMs"));
        row(out, "  sub update ", root.path("subscriptions").path("updateLatencyMs"));
        row(out, "  ckpt ms    ", cp.path("durationMs"));
        row(out, "  ckpt bytes ", cp.path("incrementalBytes"));
        row(out, "  index sync ", cp.path("indexSyncMs"));
        row(out, "  index align", cp.path("indexAlignmentMs"));
        for (var v : root.path("backPressure")) {
            out.printf(
                    Locale.ROOT,
                    "  %-40s back-pressured %.0f ms/s, busy %.0f ms/s%n",
                    v.path("vertex").asText(),
                    v.path("backPressuredMsPerSecond").asDouble(),
                    v.path("busyMsPerSecond").asDouble());
        }
        if (root.has("heapBytesAfterGc")) {
            out.printf(
                    Locale.ROOT,
                    "  heap after GC (job) %.1f MB%n",
                    root.path("heapBytesAfterGc").asLong() / 1e6);
        }
    }

    private static void row(
            PrintStream out, String label, com.fasterxml.jackson.databind.JsonNode n) {
        if (n.path("count").asLong() == 0) {
            out.println(label + " (none)");
            return;
        }
        out.printf(
                Locale.ROOT,
                "%s p50 %.0f  p99 %.0f  p99.9 %.0f  max %.0f  (n=%d)%n",
                label,
                n.path("p50").asDouble(),
                n.path("p99").asDouble(),
                n.path("p999").asDouble(),
                n.path("max").asDouble(),
                n.path("count").asLong());
    }
}
