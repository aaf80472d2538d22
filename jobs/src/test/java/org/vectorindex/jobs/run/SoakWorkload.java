package org.vectorindex.jobs.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.kafka.ShardPartitioner;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;

/**
 * A steady load for a running job: paced upserts that cycle over a real data set (id {@code v-i}
 * always carries base vector i, so after the first pass the live set is the data set and its ground
 * truth holds), paced one-shot queries, and open subscriptions, with a hook called at fixed
 * intervals (to kill a TaskManager) and a sampler (checkpoints, heap). Every committed result is
 * read as it arrives; the report counts queries lost and answered twice, subscription versions
 * skipped or repeated, and recall@10 of every query sent once the job reported the whole first pass
 * applied (a {@code stats} probe each second until its size reaches the data set's).
 */
final class SoakWorkload {
    /** What to run and against what. */
    record Settings(
            String bootstrap,
            String mutationsTopic,
            String queriesTopic,
            String resultsTopic,
            String collection,
            int shards,
            int partitions,
            float[][] base,
            float[][] queries,
            int[][] truth,
            int upsertsPerSecond,
            int queriesPerSecond,
            int subscriptions,
            Duration duration,
            Duration hookEvery,
            Runnable hook,
            Duration sampleEvery,
            Supplier<Map<String, Object>> sampler) {}

    private final Settings s;
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final Map<String, Double> recall = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> versions = new ConcurrentHashMap<>();
    private final Set<String> counted = ConcurrentHashMap.newKeySet();
    private volatile long firstPassApplied = Long.MAX_VALUE;

    SoakWorkload(Settings s) {
        this.s = s;
    }

    /** Runs the load for the duration, waits for the last answers, and reports. */
    Map<String, Object> run() throws Exception {
        ResultsWatch reader = new ResultsWatch(s.bootstrap(), s.resultsTopic(), this::accept);
        List<Map<String, Object>> samples = new ArrayList<>();
        List<Long> hookAtMs = new ArrayList<>();
        long sentUpserts = 0;
        long sentQueries = 0;
        int n = s.base().length;
        long start = System.nanoTime();
        long firstPassDone = Long.MAX_VALUE;
        try (KafkaProducer<byte[], byte[]> p = KafkaTestClients.producer(s.bootstrap())) {
            long end = start + s.duration().toNanos();
            long nextHook = start + s.hookEvery().toNanos();
            long nextSample = start;
            boolean subscribed = false;
            long nextProbe = 0;
            int probes = 0;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                double elapsed = (now - start) / 1e9;
                for (; sentUpserts < (long) (elapsed * s.upsertsPerSecond()); sentUpserts++) {
                    int i = (int) (sentUpserts % n);
                    Mutation m = Mutation.upsert(s.collection(), "v-" + i, s.base()[i], null);
                    p.send(
                            record(
                                    s.mutationsTopic(),
                                    m.id(),
                                    InputRecords.key(m),
                                    InputRecords.binary(m)));
                }
                if (sentUpserts >= n && firstPassDone == Long.MAX_VALUE) {
                    firstPassDone = now;
                }
                if (firstPassDone <= now
                        && firstPassApplied == Long.MAX_VALUE
                        && now >= nextProbe) {
                    Query probe = Query.stats("soak-stats-" + probes++, s.collection());
                    p.send(
                            new ProducerRecord<>(
                                    s.queriesTopic(),
                                    InputRecords.key(probe),
                                    InputRecords.json(probe)));
                    nextProbe = now + Duration.ofSeconds(1).toNanos();
                }
                if (!subscribed && sentUpserts >= n) {
                    for (int j = 0; j < s.subscriptions(); j++) {
                        Query q =
                                Query.subscribe(
                                        "sub-" + j,
                                        s.collection(),
                                        s.queries()[j % s.queries().length],
                                        10,
                                        64,
                                        null);
                        p.send(
                                new ProducerRecord<>(
                                        s.queriesTopic(),
                                        InputRecords.key(q),
                                        InputRecords.json(q)));
                    }
                    subscribed = true;
                }
                for (; sentQueries < (long) (elapsed * s.queriesPerSecond()); sentQueries++) {
                    int j = (int) (sentQueries % s.queries().length);
                    String id = "q-" + sentQueries + "-" + j;
                    Query q = Query.knn(id, s.collection(), s.queries()[j], 10, 64, null);
                    if (now > firstPassApplied) {
                        counted.add(id);
                    }
                    p.send(
                            new ProducerRecord<>(
                                    s.queriesTopic(), InputRecords.key(q), InputRecords.json(q)));
                }
                if (now >= nextHook) {
                    hookAtMs.add((now - start) / 1_000_000);
                    s.hook().run();
                    nextHook += s.hookEvery().toNanos();
                }
                if (now >= nextSample) {
                    Map<String, Object> sample = new LinkedHashMap<>();
                    sample.put("atSeconds", (now - start) / 1_000_000_000L);
                    sample.putAll(s.sampler().get());
                    samples.add(sample);
                    nextSample += s.sampleEvery().toNanos();
                }
                Thread.sleep(5);
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (answers.size() < sentQueries && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(5_000); // late duplicates, if any, would show now
        reader.close();
        Map<String, Object> out = report(sentUpserts, sentQueries, samples, hookAtMs);
        out.put("firstPassSentSeconds", secondsSince(start, firstPassDone));
        out.put("firstPassAppliedSeconds", secondsSince(start, firstPassApplied));
        return out;
    }

    private static Double secondsSince(long start, long at) {
        return at == Long.MAX_VALUE ? null : (at - start) / 1e9;
    }

    private ProducerRecord<byte[], byte[]> record(
            String topic, String id, byte[] key, byte[] value) {
        int partition = ShardPartitioner.partitionOf(id, s.shards(), s.partitions());
        return new ProducerRecord<>(topic, partition, key, value);
    }

    private Map<String, Object> report(
            long sentUpserts,
            long sentQueries,
            List<Map<String, Object>> samples,
            List<Long> hooks) {
        long duplicated = answers.values().stream().filter(c -> c > 1).count();
        long lost = sentQueries - answers.size();
        double[] r = recall.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long versionGaps = 0;
        long versionRepeats = 0;
        for (List<Long> v : versions.values()) {
            for (int i = 0; i < v.size(); i++) {
                long want = i + 1;
                if (v.get(i) < want) {
                    versionRepeats++;
                } else if (v.get(i) > want) {
                    versionGaps++;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("upsertsSent", sentUpserts);
        out.put("queriesSent", sentQueries);
        out.put("queriesAnswered", answers.size());
        out.put("queriesLost", lost);
        out.put("queriesDuplicated", duplicated);
        out.put("recallSamples", r.length);
        out.put("recallAt10Mean", r.length == 0 ? 0 : Arrays.stream(r).average().orElse(0));
        out.put("recallAt10Min", r.length == 0 ? 0 : r[0]);
        out.put("recallAt10P50", r.length == 0 ? 0 : r[r.length / 2]);
        out.put("subscriptionsWithUpdates", versions.size());
        out.put("subscriptionVersionGaps", versionGaps);
        out.put("subscriptionVersionRepeats", versionRepeats);
        out.put("hookAtMs", hooks);
        out.put("samples", samples);
        return out;
    }

    private void accept(ResultRecord r) {
        if (r instanceof QueryResult q) {
            answers.merge(q.queryId(), 1, Integer::sum);
            if (counted.contains(q.queryId())) {
                recall.put(q.queryId(), recallAt10(q));
            }
        } else if (r instanceof StatsResult st && st.totalSize() >= s.base().length) {
            firstPassApplied = Math.min(firstPassApplied, System.nanoTime());
        } else if (r instanceof SubscriptionUpdate u) {
            versions.computeIfAbsent(u.subscriptionId(), k -> new ArrayList<>()).add(u.version());
        }
    }

    private double recallAt10(QueryResult q) {
        String id = q.queryId();
        int j = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        Set<String> want = new HashSet<>();
        for (int t = 0; t < 10; t++) {
            want.add("v-" + s.truth()[j][t]);
        }
        int hit = 0;
        for (String h : q.hitIds()) {
            if (want.contains(h)) {
                hit++;
            }
        }
        return hit / 10.0;
    }
}
