package org.vectorindex.jobs.run;

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
 * A few reads from the Flink REST API of a local run ({@code run --web-ui-port}), as a dashboard
 * would do them: the web UI page, the running job, and a job-wide sum of one of our metrics.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public FlinkRest(int port) {
        this.base = "http://127.0.0.1:" + port;
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
        long sum = -1;
        for (JsonNode v : JSON.readTree(get("/jobs/" + jobId)).get("vertices")) {
            String vertex = "/jobs/" + jobId + "/vertices/" + v.get("id").asText();
            for (JsonNode m : JSON.readTree(get(vertex + "/subtasks/metrics"))) {
                String id = m.get("id").asText();
                if (!id.endsWith("." + name)) {
                    continue;
                }
                String query =
                        "/subtasks/metrics?agg=sum&get="
                                + URLEncoder.encode(id, StandardCharsets.UTF_8);
                for (JsonNode value : JSON.readTree(get(vertex + query))) {
                    sum = Math.max(sum, 0) + (long) value.get("sum").asDouble();
                }
            }
        }
        return sum;
    }
}
