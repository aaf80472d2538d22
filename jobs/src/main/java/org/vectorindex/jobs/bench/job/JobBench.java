package org.vectorindex.jobs.bench.job;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.vectorindex.connectors.kafka.TopicNames;
import org.vectorindex.jobs.bench.OursHnsw;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.jobs.client.Durations;
import org.vectorindex.jobs.client.LoadCommand;
import org.vectorindex.jobs.client.TopicTail;
import org.vectorindex.state.hnsw.HnswConfig;

/**
 * {@code bench job}: streams a real vector file through Kafka into the job at fixed rates and
 * measures what a user sees: achieved rates, one-shot latency inside the job and end to end,
 * subscription update latency, lag, checkpoints, heap and back-pressure. Beside it, in the same
 * command, the core's single-thread build rate on the same vectors, so the ingest share is taken
 * side by side. Without {@code --bootstrap-servers} it starts its own broker and job.
 */
public record JobBench(PrintStream out, PrintStream log) implements Command {
    public static final Flags.Spec FLAGS =
            Flags.spec("bench job")
                    .optional("fvecs", null, "vectors to stream, .fvecs or .bvecs")
                    .optional(
                            "synthetic",
                            null,
                            "instead of --fvecs: seeded clustered vectors, COUNTxDIMENSION (for"
                                    + " cost at sizes no file has; never evidence of recall)")
                    .optional("clusters", "100", "with --synthetic: Gaussian clusters")
                    .optional("metric", "l2", "l2, cosine or dot")
                    .optional("limit", null, "use only the first N vectors of the file")
                    .optional("queries", null, "query vectors (default: the streamed file's)")
                    .optional(
                            "upserts-per-second",
                            "1000",
                            "upsert rate held by the producer, or 'max': as fast as Kafka takes"
                                    + " them, to measure the saturation rate")
                    .optional(
                            "upserts",
                            null,
                            "upserts to send (default: the rate times the duration; with max,"
                                    + " twice the file)")
                    .optional("queries-per-second", "100", "one-shot k-NN queries per second")
                    .optional(
                            "change-fraction",
                            "0",
                            "after the load: send this share of the applied vectors as new"
                                    + " upserts, as fast as Kafka takes them, and report what the"
                                    + " checkpoints covering the change wrote")
                    .optional(
                            "restore",
                            "false",
                            "own job, at the end: cancel it, start it again from its newest"
                                    + " checkpoint, and time the restore")
                    .optional("subscriptions", "0", "standing queries opened before the load")
                    .optional(
                            "duration",
                            "60s",
                            "how long the load runs (with max: at most this long)")
                    .optional("k", "10", "k of the queries and subscriptions")
                    .optional("format", "json", "record format: json or binary")
                    .optional("core-limit", "20000", "vectors in the core's single-thread build")
                    .optional("seed", "42", "seed of the noise and of the core build")
                    .optional("json", null, "write the JSON report to this file")
                    .optional(
                            "results",
                            null,
                            "write one JSON line per one-shot answer (queryId, tookMs,"
                                    + " endToEndMs, hits) to this file")
                    .optional(
                            "shards",
                            "4",
                            "the collection's shards (own job: its collection's; a running"
                                    + " job: for the partitioner)")
                    .optional("m", Integer.toString(HnswConfig.DEFAULT_M), "own job: HNSW M")
                    .optional(
                            "ef-construction",
                            Integer.toString(HnswConfig.DEFAULT_EF_CONSTRUCTION),
                            "own job: HNSW efConstruction")
                    .optional("partitions", "4", "own job: partitions of every topic")
                    .optional("parallelism", "2", "own job: parallelism")
                    .optional("state-backend", "rocksdb", "own job: rocksdb or heap")
                    .optional("checkpoint-interval", "1s", "own job: checkpoint interval")
                    .optional("conf", null, "own job: extra Flink settings, k=v,k=v")
                    .optional(
                            "bootstrap-servers",
                            null,
                            "a running job's broker; then --flink-rest and --collection too")
                    .optional("flink-rest", null, "a running job's REST API, http://host:port")
                    .optional("collection", null, "a running job's collection to load")
                    .optional("mutations-topic", TopicNames.MUTATIONS, "a running job's topic")
                    .optional("queries-topic", TopicNames.QUERIES, "a running job's topic")
                    .optional("results-topic", TopicNames.RESULTS, "a running job's topic");

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int SYNTHETIC_QUERIES = 1000;

    @Override
    public int run(List<String> args) throws Exception {
        JobBenchSettings s = JobBenchSettings.parse(FLAGS.parse(args));
        UpsertStream stream;
        float[][] queries;
        if (s.synthetic != null) {
            SyntheticVectors synthetic = SyntheticVectors.parse(s.synthetic, s.clusters, s.seed);
            stream = UpsertStream.synthetic(synthetic);
            queries =
                    s.queries == null
                            ? synthetic.queries(SYNTHETIC_QUERIES)
                            : VectorFiles.readVectors(s.queries, -1);
        } else {
            float[][] base = VectorFiles.readVectors(s.fvecs, s.limit);
            stream = UpsertStream.ofFile(base, s.seed);
            queries = s.queries == null ? base : VectorFiles.readVectors(s.queries, -1);
        }
        s.sizeUpserts(stream.fileSize());
        log.printf(
                Locale.ROOT,
                "bench job: %d vectors x %d from %s%n",
                stream.fileSize(),
                stream.dimension(),
                s.fvecs != null ? s.fvecs : "--synthetic " + s.synthetic);
        JobBenchReport report = new JobBenchReport(s, stream);
        coreBuild(s, stream, report);
        long heapBefore = heapAfterGc();
        try (BenchTarget target = target(s, stream)) {
            report.target(target);
            runLoad(s, stream, queries, target, report, target.embedded ? heapBefore : -1);
        }
        report.write(out, s.json, s.results);
        return 0;
    }

    private void coreBuild(JobBenchSettings s, UpsertStream stream, JobBenchReport report) {
        int n = (int) Math.min(s.coreLimit, s.upserts);
        float[][] vectors = stream.prefix(n);
        OursHnsw core = new OursHnsw(s.metric, s.m, s.efConstruction, s.seed);
        core.ids(n);
        long t0 = System.nanoTime();
        core.build(vectors);
        double seconds = (System.nanoTime() - t0) / 1e9;
        report.coreBuild(n, n / seconds);
        log.printf(Locale.ROOT, "bench job: core build %d vectors in %.1f s%n", n, seconds);
    }

    private BenchTarget target(JobBenchSettings s, UpsertStream stream) throws Exception {
        if (s.bootstrap != null) {
            return BenchTarget.remote(s.bootstrap, s.topics, s.collection, s.flinkRest);
        }
        log.println("bench job: starting a broker and the job");
        return BenchTarget.start(
                new BenchTarget.Embedded(
                        stream.dimension(),
                        s.metric,
                        s.shards,
                        s.m,
                        s.efConstruction,
                        s.partitions,
                        s.parallelism,
                        s.stateBackend,
                        s.checkpointInterval,
                        s.conf),
                START_TIMEOUT);
    }

    private void runLoad(
            JobBenchSettings s,
            UpsertStream stream,
            float[][] queries,
            BenchTarget target,
            JobBenchReport report,
            long heapBefore)
            throws Exception {
        SendLog sent = new SendLog(s.upserts, s.queryCount());
        AnswerLog answers = new AnswerLog(sent);
        Properties producer = LoadCommand.partitioned(new Properties(), s.shards);
        PacedLoad.Plan plan =
                new PacedLoad.Plan(
                        target.collection,
                        target.mutationsTopic,
                        target.queriesTopic,
                        s.upsertsPerSecond,
                        s.upserts,
                        s.queriesPerSecond,
                        s.queryCount(),
                        s.k,
                        s.probePeriod().toNanos(),
                        s.binary);
        try (TopicTail tail =
                        TopicTail.start(
                                target.bootstrap,
                                new Properties(),
                                target.resultsTopic,
                                Duration.ofSeconds(30),
                                answers::accept);
                PacedLoad load =
                        new PacedLoad(
                                plan,
                                stream,
                                queries,
                                target.bootstrap,
                                producer,
                                new Properties(),
                                sent);
                FlinkSampler sampler = new FlinkSampler(target.rest(), target.jobId())) {
            LoadRun run = new LoadRun(s, load, answers, sent, tail, log);
            run.openSubscriptions(queries);
            long baseline = run.baseline();
            sampler.start();
            load.start();
            long end = run.awaitEnd(baseline);
            load.stop();
            AnswerLog.Probe last = run.finalProbe();
            run.awaitAnswers();
            AfterLoad after = new AfterLoad(s, stream, target, answers, load, log);
            long live = last.liveVectors();
            if (s.changeFraction > 0) {
                AfterLoad.Change change = after.change(live, sampler);
                live += change.upserts();
                report.change(change);
            }
            sampler.poll();
            if (heapBefore >= 0) {
                long heap = heapAfterGc(); // the job still runs, so its state is still live
                report.heap(heap - heapBefore, heap);
            }
            report.load(load.startNanos(), end, baseline, last, sent, answers);
            report.flink(sampler, live);
            if (load.failure() != null) {
                throw new IllegalStateException("bench job: sending failed", load.failure());
            }
            if (s.restore) {
                report.restore(after.restore(live));
            }
        }
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    static Path path(String p) {
        return p == null ? null : Path.of(p);
    }

    static List<String> commaList(String v) {
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
    }

    static Duration duration(String flag, String v) {
        return Durations.parse(flag, v);
    }
}
