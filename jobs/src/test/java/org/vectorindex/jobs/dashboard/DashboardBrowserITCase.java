package org.vectorindex.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.jobs.client.RecordSender;
import org.vectorindex.jobs.client.TopicTail;
import org.vectorindex.jobs.testing.JobArgs;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.jobs.testing.RunningJob;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;

/**
 * The dashboard in a real headless Chromium, against the job on a local MiniCluster and an embedded
 * broker, while a client streams clustered vectors, one-shot queries and a subscription: the page
 * logs no errors, shows the live-vector count that stats reports, shows each mutation-caused update
 * (with its entered id) within 3 s of the test's own read_committed reader seeing it, and its
 * charts, recall included, hold points. Prints the page's lag and saves a screenshot in target/.
 */
class DashboardBrowserITCase {
    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.kafka();
    private static final int DIM = 16;
    private static final int BASE = 1200;
    private static final int QUERIES = 200;
    private static final int ENTERING = 30;
    private static final String SUB = "watch-1";
    private static final String COLLECTIONS_YAML =
            "collections:\n  - {name: c, dimension: 16, metric: l2, shards: 4, ef: 32}\n";
    static final Path SCREENSHOT = Path.of("target", "dashboard-screenshot.png");

    @TempDir Path tmp;

    /** When the test's reader saw each committed update of {@link #SUB}, by version. */
    private final Map<Long, Long> committedAt = new ConcurrentHashMap<>();

    private final Map<Long, SubscriptionUpdate> updates = new ConcurrentHashMap<>();
    private final Map<String, StatsResult> stats = new ConcurrentHashMap<>();

    @Test
    void pageFollowsTheJobLive() throws Exception {
        Path collections = JobEnvironment.collectionsFile(tmp, COLLECTIONS_YAML);
        float[][] data = ClusteredData.generate(BASE + QUERIES + 1, DIM, 12, 0.5, 11);
        JobArgs args =
                ENV.jobOnNewTopics(1, collections)
                        .parallelism(2)
                        .stateBackend("heap")
                        .checkpointInterval("300ms")
                        .webUi()
                        .conf("vectorindex.recall-sample-fraction=0.25");
        try (RunningJob job = args.start();
                Dashboard dash = ENV.startDashboard(job.restUrl(), collections);
                TopicTail reader = ENV.tailResults("r", this::read);
                RecordSender client = ENV.sender();
                HeadlessChromium page = new HeadlessChromium(1400, 1300)) {
            page.open(dash.url());
            page.await(
                    "the event stream",
                    Duration.ofSeconds(30),
                    () ->
                            "live"
                                    .equals(
                                            page.eval(
                                                    "return document.getElementById('status').textContent")));

            for (int i = 0; i < BASE; i++) {
                client.upsert("m", "c", "v" + i, data[i], null);
            }
            client.send("q", Query.subscribe(SUB, "c", data[BASE + QUERIES], 5, 64, null));
            client.flush();
            page.await(
                    "the subscription on the page",
                    Duration.ofSeconds(90),
                    () ->
                            SUB.equals(
                                    page.eval(
                                            "return document.getElementById('sub-select').value")));
            for (int i = 0; i < QUERIES; i++) {
                client.send("q", Query.knn("q" + i, "c", data[BASE + i], 10, 0, null));
            }
            client.flush();

            long before = updates.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            for (int j = 0; j < ENTERING; j++) {
                float[] v = data[BASE + QUERIES].clone();
                v[0] += 1e-3f * (ENTERING - j); // each closer than the last: it enters
                client.upsert("m", "c", "enter-" + j, v, null);
                client.flush();
                Thread.sleep(300);
            }
            List<Long> lags = pageLags(page, before);

            long expected = BASE + ENTERING;
            awaitStats(client, expected);
            page.await(
                    "live vectors " + expected + " on the page",
                    Duration.ofSeconds(10),
                    () ->
                            Long.toString(expected)
                                    .equals(
                                            page.eval(
                                                    "return document.getElementById('live-c').textContent")));

            page.await(
                    "the recall series",
                    Duration.ofSeconds(30),
                    () -> page.eval("return vi.snapshot.recall.sampledAtK") != null);
            double recall =
                    ((Number) page.eval("return vi.snapshot.recall.sampledAtK")).doubleValue();
            assertTrue(recall >= 0.9, "recall on the page " + recall);
            List<?> recallPoints =
                    (List<?>) page.eval("return vi.charts.recall.data[1].filter(x => x !== null)");
            assertTrue(!recallPoints.isEmpty(), "recall chart has points");
            double lastRecall = ((Number) recallPoints.get(recallPoints.size() - 1)).doubleValue();
            assertTrue(lastRecall >= 0.9, "recall series " + recallPoints);
            @SuppressWarnings("unchecked")
            Map<String, Object> points =
                    (Map<String, Object>)
                            page.eval(
                                    "return Object.fromEntries(Object.entries(vi.charts)"
                                            + ".map(([k, u]) => [k, u.data[0].length]))");
            assertEquals(4, points.size(), "four charts: " + points);
            points.forEach((k, n) -> assertTrue(((Number) n).longValue() >= 5, k + ": " + n));
            Number peakQps =
                    (Number)
                            page.eval(
                                    "return Math.max(...vi.charts.rates.data[3].filter(x => x !== null))");
            assertTrue(peakQps.doubleValue() > 0, "queries per second charted");

            page.screenshot(SCREENSHOT);
            List<String> errors = page.consoleErrors();
            assertTrue(errors.isEmpty(), "console errors: " + errors);
            report(lags);
        }
    }

    private void read(ResultRecord rr) {
        if (rr instanceof SubscriptionUpdate u && u.subscriptionId().equals(SUB)) {
            committedAt.putIfAbsent(u.version(), System.currentTimeMillis());
            updates.putIfAbsent(u.version(), u);
        } else if (rr instanceof StatsResult st) {
            stats.put(st.queryId(), st);
        }
    }

    /**
     * Waits for every update caused by an "enter-" upsert on the page; checks each shows its
     * entered id and arrived within 3 s of the commit. Returns each page lag in ms.
     */
    private List<Long> pageLags(HeadlessChromium page, long after) throws InterruptedException {
        page.await(
                "all " + ENTERING + " entering upserts committed",
                Duration.ofSeconds(60),
                () ->
                        updates.values().stream()
                                .anyMatch(
                                        u ->
                                                Arrays.asList(u.entered())
                                                        .contains("enter-" + (ENTERING - 1))));
        List<Long> lags = new ArrayList<>();
        for (SubscriptionUpdate u : updates.values()) {
            if (u.version() <= after || !u.causeId().startsWith("enter-")) {
                continue;
            }
            String key = SUB + ":" + u.version();
            page.await(
                    "version " + u.version() + " on the page",
                    Duration.ofSeconds(5),
                    () -> page.eval("return vi.arrivals['" + key + "'] || null") != null);
            long onPage = ((Number) page.eval("return vi.arrivals['" + key + "']")).longValue();
            long lag = onPage - committedAt.get(u.version());
            assertTrue(
                    lag <= 3000,
                    "version " + u.version() + " reached the page after " + lag + " ms");
            assertTrue(Arrays.asList(u.entered()).contains(u.causeId()), "entered: " + u);
            lags.add(lag);
        }
        assertTrue(lags.size() >= ENTERING / 2, "mutation-caused updates seen: " + lags.size());
        String latest =
                u(
                        updates,
                        updates.keySet().stream().mapToLong(Long::longValue).max().orElseThrow());
        page.await(
                "the newest entered id highlighted",
                Duration.ofSeconds(3),
                () ->
                        latest.equals(
                                page.eval(
                                        "const e = document.querySelector('#sub-hits li.entered');"
                                                + " return e ? e.dataset.id : null")));
        return lags;
    }

    private static String u(Map<Long, SubscriptionUpdate> updates, long version) {
        return updates.get(version).entered()[0];
    }

    /** Sends stats requests until the job reports {@code expected} live vectors. */
    private void awaitStats(RecordSender client, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int n = 0; ; n++) {
            String id = "test-stats-" + n;
            client.send("q", Query.stats(id, "c"));
            client.flush();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!stats.containsKey(id) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            StatsResult st = stats.get(id);
            if (st != null && st.totalSize() == expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stats never reported " + expected + ": " + st);
            }
            Thread.sleep(300);
        }
    }

    private static void report(List<Long> lags) throws java.io.IOException {
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        long median = sorted[(sorted.length - 1) / 2];
        long p99 = sorted[Math.min(sorted.length, (int) Math.ceil(0.99 * sorted.length)) - 1];
        String line =
                String.format(
                        Locale.ROOT,
                        "{\"pageLagMs\":{\"samples\":%d,\"median\":%d,\"p99\":%d,\"max\":%d}}",
                        sorted.length,
                        median,
                        p99,
                        sorted[sorted.length - 1]);
        System.out.println("dashboard page lag: " + line);
        Files.writeString(Path.of("target", "dashboard-lag.json"), line + "\n");
    }
}
