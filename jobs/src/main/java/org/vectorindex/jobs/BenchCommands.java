package org.vectorindex.jobs;

import org.vectorindex.jobs.bench.ChurnBench;
import org.vectorindex.jobs.bench.HnswBench;
import org.vectorindex.jobs.bench.job.JobBench;
import org.vectorindex.jobs.cli.Subcommands;
import org.vectorindex.jobs.multivector.MultiVectorBenchCommand;

/** The {@code bench} command table; a new benchmark is one {@code add} line. */
public final class BenchCommands {
    private BenchCommands() {}

    public static Subcommands table() {
        return new Subcommands("flink-vector-index.jar bench")
                .add(
                        "hnsw",
                        "recall, QPS, build rate and memory of our HNSW vs Lucene's",
                        HnswBench.FLAGS.usage(),
                        new HnswBench(System.out, System.err))
                .add(
                        "churn",
                        "recall after rounds of delete + re-insert, vs a fresh build",
                        ChurnBench.FLAGS.usage(),
                        new ChurnBench(System.out, System.err))
                .add(
                        "job",
                        "the job under a paced Kafka load: rates, latencies, lag, checkpoints",
                        JobBench.FLAGS.usage(),
                        new JobBench(System.out, System.err))
                .add(
                        "multivector",
                        "pooled multi-vector index: recall vs exact MaxSim, multiply-adds, QPS",
                        MultiVectorBenchCommand.USAGE,
                        args -> MultiVectorBenchCommand.run(args.toArray(String[]::new)));
    }
}
