package org.vectorindex.jobs.bench.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.vectorindex.jobs.dashboard.FlinkRest;
import org.vectorindex.operators.ShardedIndexTopology;

/**
 * Polls the job's Flink REST API once a second while {@code bench job} runs: every completed
 * checkpoint (duration, incremental and full size, and the index vertex's synchronous part and
 * alignment), failed checkpoints, restarts, and each vertex's back-pressured and busy time per
 * second. A poll that fails is counted and skipped: the REST API is a side channel and must not end
 * a run.
 */
final class FlinkSampler implements AutoCloseable {
    /**
     * One completed checkpoint. {@code indexSyncMs} is the longest synchronous part of any index
     * subtask: its task thread answers no query meanwhile. {@code indexAlignmentMs} is the longest
     * barrier alignment there. Both are -1 when the REST API did not say.
     */
    record Checkpoint(
            long id,
            long triggerMillis,
            long durationMs,
            long incrementalBytes,
            long fullBytes,
            long indexSyncMs,
            long indexAlignmentMs) {}

    /** Mean over the samples of one vertex's per-second time metrics (ms per second). */
    record VertexTime(String vertex, double backPressuredMsPerSecond, double busyMsPerSecond) {}

    private static final long[] UNKNOWN_PHASES = {-1, -1};

    private final FlinkRest rest;
    private final String jobId;
    private final Thread thread;
    private final Map<Long, Checkpoint> checkpoints = new TreeMap<>();
    private final Map<String, double[]> vertexSums = new LinkedHashMap<>();
    private volatile boolean running = true;
    private long failedCheckpoints;
    private long restarts;
    private long failedPolls;

    FlinkSampler(FlinkRest rest, String jobId) {
        this.rest = rest;
        this.jobId = jobId;
        this.thread = new Thread(this::loop, "bench-job-rest");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            long next = System.currentTimeMillis() + 1000;
            poll();
            long wait = next - System.currentTimeMillis();
            try {
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round of reads; public to the package so the end of a run can take a last one. */
    void poll() {
        try {
            JsonNode cp = rest.json("/jobs/" + jobId + "/checkpoints");
            JsonNode job = rest.json("/jobs/" + jobId);
            List<String[]> vertices = new ArrayList<>();
            for (JsonNode v : job.get("vertices")) {
                vertices.add(new String[] {v.get("id").asText(), v.get("name").asText()});
            }
            Map<String, double[]> times = new LinkedHashMap<>();
            String indexVertex = null;
            for (String[] v : vertices) {
                times.put(v[1], vertexTimes(v[0]));
                if (ShardedIndexTopology.INDEX_NAME.equals(v[1])) {
                    indexVertex = v[0];
                }
            }
            Set<Long> seen;
            synchronized (this) {
                seen = Set.copyOf(checkpoints.keySet());
            }
            Map<Long, long[]> phases = new HashMap<>();
            for (JsonNode h : cp.path("history")) {
                long id = h.path("id").asLong();
                if (indexVertex != null
                        && !seen.contains(id)
                        && "COMPLETED".equals(h.path("status").asText())) {
                    phases.put(id, indexPhases(id, indexVertex));
                }
            }
            long restartCount = readRestarts();
            synchronized (this) {
                for (JsonNode h : cp.path("history")) {
                    if ("COMPLETED".equals(h.path("status").asText())
                            && !h.path("is_savepoint").asBoolean()) {
                        long id = h.get("id").asLong();
                        long[] p = phases.getOrDefault(id, UNKNOWN_PHASES);
                        Checkpoint before = checkpoints.get(id);
                        if (before != null && p == UNKNOWN_PHASES) {
                            continue;
                        }
                        checkpoints.put(
                                id,
                                new Checkpoint(
                                        id,
                                        h.path("trigger_timestamp").asLong(),
                                        h.path("end_to_end_duration").asLong(),
                                        h.path("checkpointed_size").asLong(),
                                        h.path("state_size").asLong(),
                                        p[0],
                                        p[1]));
                    }
                }
                failedCheckpoints = cp.path("counts").path("failed").asLong();
                restarts = Math.max(restarts, restartCount);
                times.forEach(
                        (name, t) -> {
                            double[] sum = vertexSums.computeIfAbsent(name, n -> new double[3]);
                            if (t != null) {
                                sum[0] += t[0];
                                sum[1] += t[1];
                                sum[2]++;
                            }
                        });
            }
        } catch (Exception e) {
            synchronized (this) {
                failedPolls++;
            }
        }
    }

    /** {sync, alignment} ms of checkpoint {@code id} at the vertex: the maxima over subtasks. */
    private long[] indexPhases(long id, String vertexId) {
        try {
            JsonNode s =
                    rest.json(
                                    "/jobs/"
                                            + jobId
                                            + "/checkpoints/details/"
                                            + id
                                            + "/subtasks/"
                                            + vertexId)
                            .path("summary");
            return new long[] {
                s.path("checkpoint_duration").path("sync").path("max").asLong(-1),
                s.path("alignment").path("duration").path("max").asLong(-1)
            };
        } catch (Exception e) {
            return UNKNOWN_PHASES; // details of old checkpoints expire; the rest still counts
        }
    }

    /** {backPressured, busy} ms per second, averaged over the vertex's subtasks; null if absent. */
    private double[] vertexTimes(String vertexId) throws Exception {
        JsonNode values =
                rest.json(
                        "/jobs/"
                                + jobId
                                + "/vertices/"
                                + vertexId
                                + "/subtasks/metrics?get=backPressuredTimeMsPerSecond,"
                                + "busyTimeMsPerSecond&agg=avg");
        double back = Double.NaN;
        double busy = Double.NaN;
        for (JsonNode v : values) {
            double avg = v.path("avg").asDouble(Double.NaN);
            switch (v.path("id").asText()) {
                case "backPressuredTimeMsPerSecond" -> back = avg;
                case "busyTimeMsPerSecond" -> busy = avg;
                default -> {}
            }
        }
        return Double.isNaN(back) || Double.isNaN(busy) ? null : new double[] {back, busy};
    }

    private long readRestarts() throws Exception {
        for (JsonNode m : rest.json("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            return (long) m.path("value").asDouble();
        }
        return 0;
    }

    /**
     * Heap in use now, summed over the cluster's TaskManagers (not after a GC: the REST API cannot
     * ask for one); -1 when it cannot be read.
     */
    long taskManagerHeapUsed() {
        try {
            long sum = 0;
            for (JsonNode tm : rest.json("/taskmanagers").path("taskmanagers")) {
                String id = tm.get("id").asText();
                for (JsonNode m :
                        rest.json(
                                "/taskmanagers/"
                                        + id
                                        + "/metrics?get=Status.JVM.Memory.Heap.Used")) {
                    sum += (long) m.path("value").asDouble();
                }
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    synchronized List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints.values());
    }

    synchronized long failedCheckpoints() {
        return failedCheckpoints;
    }

    synchronized long restarts() {
        return restarts;
    }

    synchronized long failedPolls() {
        return failedPolls;
    }

    synchronized List<VertexTime> vertexTimes() {
        List<VertexTime> out = new ArrayList<>();
        vertexSums.forEach(
                (name, s) -> {
                    if (s[2] > 0) {
                        out.add(new VertexTime(name, s[0] / s[2], s[1] / s[2]));
                    }
                });
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(15_000);
    }
}
