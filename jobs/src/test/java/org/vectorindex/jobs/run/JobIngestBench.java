package org.vectorindex.jobs.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.kafka.EmbeddedKafkaBroker;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;

/**
 * Measurement, not a test: end-to-end ingest rate of the job (embedded broker, local MiniCluster,
 * checkpoints on) and the tookMs of one-shot queries sent while it ingests. Data: siftsmall base
 * (10k) plus the same vectors with seeded noise under other ids (20k upserts, 128-d, l2).
 *
 * <pre>
 * java -cp &lt;jobs test class path&gt; org.vectorindex.jobs.run.JobIngestBench \
 *     ../shared/data/siftsmall/siftsmall_base.fvecs ../shared/data/siftsmall/siftsmall_query.fvecs \
 *     [parallelism=2] [backend=rocksdb] [queriesPerSecond=20]
 * </pre>
 */
public final class JobIngestBench {
    private JobIngestBench() {}

    public static void main(String[] args) throws Exception {
        float[][] base = VectorFiles.readFvecs(Path.of(args[0]), 10_000);
        float[][] queries = VectorFiles.readFvecs(Path.of(args[1]), 100);
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String backend = args.length > 3 ? args[3] : "rocksdb";
        int qps = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        Path dir = Files.createTempDirectory("ingest-bench");
        Path collections = dir.resolve("collections.yaml");
        Files.writeString(
                collections,
                "collections:\n  - {name: sift, dimension: 128, metric: l2, shards: 4}\n");
        List<Mutation> upserts = new ArrayList<>();
        Random rnd = new Random(1);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < base.length; i++) {
                float[] v = base[i].clone();
                if (pass == 1) {
                    for (int d = 0; d < v.length; d++) {
                        v[d] += (float) rnd.nextGaussian() * 2;
                    }
                }
                upserts.add(Mutation.upsert("sift", (pass == 0 ? "s-" : "t-") + i, v, null));
            }
        }
        float[] far = new float[128];
        Arrays.fill(far, 10_000f);
        upserts.add(Mutation.upsert("sift", "last", far, null));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                KafkaProducer<byte[], byte[]> p =
                        KafkaTestClients.producer(broker.bootstrapServers())) {
            broker.createTopics(2, "m", "q", "r", "d");
            JobClient job =
                    RunCommand.start(
                            new String[] {
                                "--bootstrap-servers",
                                broker.bootstrapServers(),
                                "--mutations-topic",
                                "m",
                                "--queries-topic",
                                "q",
                                "--results-topic",
                                "r",
                                "--dlq-topic",
                                "d",
                                "--collections",
                                collections.toString(),
                                "--parallelism",
                                Integer.toString(parallelism),
                                "--state-backend",
                                backend,
                                "--checkpoint-interval",
                                "1s"
                            });
            // warm-up: the job is up once a query is answered
            send(p, "q", Query.knn("warm", "sift", queries[0], 10, 0, null));
            awaitResult(broker, "warm", 120);
            long start = System.nanoTime();
            for (Mutation m : upserts) {
                p.send(new ProducerRecord<>("m", InputRecords.key(m), InputRecords.binary(m)));
            }
            p.flush();
            long produced = System.nanoTime();
            int sent = 0;
            long nextQuery = System.nanoTime();
            // queries under ingest, until the last upsert is visible
            while (true) {
                while (System.nanoTime() >= nextQuery) {
                    send(
                            p,
                            "q",
                            Query.knn(
                                    "u-" + sent,
                                    "sift",
                                    queries[sent % queries.length],
                                    10,
                                    0,
                                    null));
                    sent++;
                    nextQuery += 1_000_000_000L / qps;
                }
                p.flush();
                Query probe = Query.knn("probe-" + sent, "sift", far, 1, 0, null);
                send(p, "q", probe);
                QueryResult r = awaitResult(broker, probe.id(), 300);
                if (r.hitCount() > 0 && r.hitId(0).equals("last")) {
                    break;
                }
            }
            long done = System.nanoTime();
            List<Long> took = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> rec :
                    KafkaTestClients.readCommitted(
                            broker.bootstrapServers(), "r", Duration.ofSeconds(60))) {
                ResultRecord rr = OutputJson.readResult(rec.value());
                if (rr instanceof QueryResult q && q.queryId().startsWith("u-")) {
                    took.add(q.tookMs());
                }
            }
            took.sort(null);
            double secs = (done - start) / 1e9;
            System.out.printf(
                    "{\"upserts\":%d,\"parallelism\":%d,\"backend\":\"%s\",\"seconds\":%.1f,"
                            + "\"upsertsPerSecond\":%.0f,\"produceSeconds\":%.2f,"
                            + "\"queriesUnderIngest\":%d,\"tookMsP50\":%d,\"tookMsP99\":%d,\"tookMsMax\":%d}%n",
                    upserts.size(),
                    parallelism,
                    backend,
                    secs,
                    upserts.size() / secs,
                    (produced - start) / 1e9,
                    took.size(),
                    pct(took, 0.5),
                    pct(took, 0.99),
                    took.isEmpty() ? -1 : took.get(took.size() - 1));
            job.cancel().get();
        }
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty()
                ? -1
                : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static void send(KafkaProducer<byte[], byte[]> p, String topic, Query q) {
        p.send(new ProducerRecord<>(topic, InputRecords.key(q), InputRecords.json(q)));
        p.flush();
    }

    private static QueryResult awaitResult(EmbeddedKafkaBroker broker, String id, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> rec :
                    KafkaTestClients.readCommitted(
                            broker.bootstrapServers(), "r", Duration.ofSeconds(30))) {
                if (Arrays.equals(key, rec.key())) {
                    return (QueryResult) OutputJson.readResult(rec.value());
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no result for " + id);
    }
}
