package org.vectorindex.operators.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.FileUtils;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * Measures, not asserts: how long each checkpoint holds the index subtask's thread, which answers
 * no query meanwhile. One subtask on RocksDB with incremental checkpoints holds N vectors in S
 * shards; then, for C checkpoints, U re-upserts of existing ids arrive between two checkpoints, and
 * the benchmark times the upserts and the snapshot (the operator's write of changed entries,
 * RocksDB's native checkpoint, and the upload, which a harness runs on the same thread).
 *
 * <p>Run: {@code java -cp <operators test classpath>
 * org.vectorindex.operators.bench.SnapshotPauseBenchmark [n=20000] [shards=2] [dim=128]
 * [upserts=1000] [checkpoints=40]}.
 */
public final class SnapshotPauseBenchmark {
    private SnapshotPauseBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = arg(args, 0, 20_000);
        int shards = arg(args, 1, 2);
        int dim = arg(args, 2, 128);
        int upserts = arg(args, 3, 1000);
        int checkpoints = arg(args, 4, 40);
        HnswConfig config = HnswConfig.builder().dimension(dim).metric(Metric.L2).build();
        List<CollectionSpec> collections = List.of(CollectionSpec.of("c", shards, config));
        TestVectors data = new TestVectors(11, dim, 100);
        Path dir = Files.createTempDirectory("snapshot-pause");
        try (var h =
                Harnesses.incrementalIndex(ShardIndexFunction.withHnsw(collections), dir, null)) {
            for (int i = 0; i < n; i++) {
                upsert(h, shards, "d" + i, data.next());
            }
            h.snapshot(0, 0);
            h.notifyOfCompletedCheckpoint(0);
            double[] snapshotMs = new double[checkpoints];
            double[] upsertMs = new double[checkpoints];
            for (int c = 0; c < checkpoints; c++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < upserts; i++) {
                    long id = (c * 7919L * upserts + i * 104729L) % n;
                    upsert(h, shards, "d" + id, data.next());
                }
                long t1 = System.nanoTime();
                h.snapshot(c + 1, c + 1);
                h.notifyOfCompletedCheckpoint(c + 1);
                snapshotMs[c] = (System.nanoTime() - t1) / 1e6;
                upsertMs[c] = (t1 - t0) / 1e6;
                Harnesses.drain(h);
            }
            System.out.printf(
                    Locale.ROOT,
                    "{\"n\":%d,\"shards\":%d,\"dim\":%d,\"upsertsPerCheckpoint\":%d,"
                            + "\"checkpoints\":%d,\"snapshotMs\":%s,\"upsertMs\":%s,"
                            + "\"snapshotMsEach\":%s}%n",
                    n,
                    shards,
                    dim,
                    upserts,
                    checkpoints,
                    summary(snapshotMs),
                    summary(upsertMs),
                    Arrays.toString(Arrays.stream(snapshotMs).mapToLong(Math::round).toArray()));
        } finally {
            FileUtils.deleteDirectoryQuietly(dir.toFile());
        }
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }

    private static void upsert(Harnesses.IndexHarness h, int shards, String id, float[] v)
            throws Exception {
        h.processElement1(new StreamRecord<>(ShardMutation.upsert("c", shards, id, v, null)));
    }

    private static String summary(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return String.format(
                Locale.ROOT,
                "{\"p50\":%.1f,\"p90\":%.1f,\"max\":%.1f,\"mean\":%.1f}",
                s[s.length / 2],
                s[(int) (s.length * 0.9)],
                s[s.length - 1],
                sum / s.length);
    }
}
