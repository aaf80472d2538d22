package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One reading of the job from Flink's REST API: the newest running job, its checkpoint counts and
 * last completed checkpoint, its restarts, and the job-wide sums of our counters. A REST API that
 * does not answer gives a reading with the error, so the page says so instead of freezing.
 */
final class JobWatch {
    /** The counters the dashboard turns into rates and recall, by metric name. */
    static final List<String> COUNTERS =
            List.of(
                    "vectorindex.upserts",
                    "vectorindex.deletes",
                    "vectorindex.results",
                    "vectorindex.subscriptionUpdates",
                    "vectorindex.recallSamples",
                    "vectorindex.recallHits",
                    "vectorindex.recallTruth");

    /** What one poll saw; fields are null or empty when unknown. */
    record Reading(
            String jobId,
            String jobName,
            Map<String, Long> counters,
            Long lastCompletedId,
            Long lastDurationMs,
            Long lastSizeBytes,
            long completedCheckpoints,
            long failedCheckpoints,
            Long restarts,
            String error) {
        long counter(String name) {
            Long v = counters.get(name);
            return v == null ? 0 : v;
        }
    }

    private final FlinkRest rest;

    JobWatch(FlinkRest rest) {
        this.rest = rest;
    }

    Reading poll() {
        try {
            String job = rest.newestRunningJob();
            if (job == null) {
                return failed(null, "no running job");
            }
            String name = rest.json("/jobs/" + job).path("name").asText(null);
            JsonNode cp = rest.json("/jobs/" + job + "/checkpoints");
            JsonNode last = cp.path("latest").path("completed");
            boolean has = last.isObject();
            Map<String, Long> sums = rest.sumsOfMetrics(job, COUNTERS);
            Long restarts = null;
            for (JsonNode m : rest.json("/jobs/" + job + "/metrics?get=numRestarts")) {
                restarts = m.path("value").asLong();
            }
            return new Reading(
                    job,
                    name,
                    sums,
                    has ? last.path("id").asLong() : null,
                    has ? last.path("end_to_end_duration").asLong() : null,
                    has ? size(last) : null,
                    cp.path("counts").path("completed").asLong(),
                    cp.path("counts").path("failed").asLong(),
                    restarts,
                    null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return failed(null, String.valueOf(e.getMessage()));
        }
    }

    /** What the checkpoint wrote (incremental under RocksDB); older Flinks report state_size. */
    private static long size(JsonNode checkpoint) {
        JsonNode written = checkpoint.get("checkpointed_size");
        return written != null ? written.asLong() : checkpoint.path("state_size").asLong();
    }

    private static Reading failed(String job, String error) {
        return new Reading(job, null, Map.of(), null, null, null, 0, 0, null, error);
    }
}
