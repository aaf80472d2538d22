package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A few reads from the Flink REST API (a local run's {@code run --web-ui-port}, or a cluster's), as
 * the dashboard does them: the web UI page, the running job, its checkpoints, and job-wide sums of
 * our metrics.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public FlinkRest(int port) {
        this("http://127.0.0.1:" + port);
    }

    /** {@code base} like {@code http://127.0.0.1:8081}, without a trailing slash. */
    public FlinkRest(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** GET {@code path} as JSON. */
    public JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path));
    }

    /** Body of GET {@code path}; fails on a status other than 200. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Id of a running job, the one started last; null when none runs. */
    public String newestRunningJob() throws IOException, InterruptedException {
        String found = null;
        long start = Long.MIN_VALUE;
        for (JsonNode job : json("/jobs/overview").get("jobs")) {
            if ("RUNNING".equals(job.get("state").asText())
                    && job.path("start-time").asLong() > start) {
                found = job.get("jid").asText();
                start = job.path("start-time").asLong();
            }
        }
        return found;
    }

    /** Id of the single running job. */
    public String runningJob() throws IOException, InterruptedException {
        String found = null;
        for (JsonNode job : JSON.readTree(get("/jobs/overview")).get("jobs")) {
            if ("RUNNING".equals(job.get("state").asText())) {
                if (found != null) {
                    throw new IllegalStateException("more than one running job");
                }
                found = job.get("jid").asText();
            }
        }
        if (found == null) {
            throw new IllegalStateException("no running job");
        }
        return found;
    }

    /**
     * Sum over every vertex and subtask of the metrics whose id ends with {@code "." + name} (e.g.
     * {@code vectorindex.upserts}); -1 when no vertex reports it yet.
     */
    public long sumOfMetric(String jobId, String name) throws IOException, InterruptedException {
        Long sum = sumsOfMetrics(jobId, java.util.List.of(name)).get(name);
        return sum == null ? -1 : sum;
    }

    /**
     * For each of {@code names} that some vertex reports, its sum over every vertex and subtask of
     * the metrics whose id ends with {@code "." + name}; absent names are left out.
     */
    public java.util.Map<String, Long> sumsOfMetrics(String jobId, java.util.List<String> names)
            throws IOException, InterruptedException {
        java.util.Map<String, Long> sums = new java.util.HashMap<>();
        for (JsonNode v : json("/jobs/" + jobId).get("vertices")) {
            String vertex = "/jobs/" + jobId + "/vertices/" + v.get("id").asText();
            java.util.Map<String, String> wanted = new java.util.HashMap<>();
            for (JsonNode m : json(vertex + "/subtasks/metrics")) {
                String id = m.get("id").asText();
                for (String name : names) {
                    if (id.endsWith("." + name)) {
                        wanted.put(id, name);
                    }
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            String query =
                    "/subtasks/metrics?agg=sum&get="
                            + URLEncoder.encode(
                                    String.join(",", wanted.keySet()), StandardCharsets.UTF_8);
            for (JsonNode value : json(vertex + query)) {
                String name = wanted.get(value.get("id").asText());
                if (name != null && value.has("sum")) {
                    sums.merge(name, (long) value.get("sum").asDouble(), Long::sum);
                }
            }
        }
        return sums;
    }
}
