package org.vectorindex.operators.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.FileUtils;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * Measures, not asserts: one index subtask on RocksDB with incremental checkpoints, holding N
 * vectors in S shards (several shards share the subtask's RocksDB instance, as in production).
 * Reports the time to build it from the mutations through the operator (what a restart without
 * state must do), the full checkpoint, an idle incremental one (compaction debt of the bulk load),
 * the incremental checkpoints after each of three rounds of re-upserting 1% of the vectors, and the
 * restore from the full checkpoint into a fresh operator until every shard has answered a stats
 * request (which loads it), with the digests compared. (A harness cannot restore an incremental
 * checkpoint: its handles to earlier files are placeholders that only the checkpoint coordinator
 * resolves. A restore reads every file of the shard either way.)
 *
 * <p>Run: {@code java -cp <operators test classpath>
 * org.vectorindex.operators.bench.RestoreBenchmark [n=100000] [shards=1] [dim=128]}.
 */
public final class RestoreBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RestoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int shards = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int dim = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        HnswConfig config = HnswConfig.builder().dimension(dim).metric(Metric.L2).build();
        List<CollectionSpec> collections = List.of(CollectionSpec.of("c", shards, config));
        TestVectors data = new TestVectors(7, dim, 100);
        Path dir = Files.createTempDirectory("restore-bench");
        try {
            var h = Harnesses.incrementalIndex(ShardIndexFunction.withHnsw(collections), dir, null);
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                upsert(h, shards, "d" + i, data.next());
            }
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            double buildCpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            long[] digests = stats(h, shards);
            OperatorSubtaskState full = h.snapshot(1, 1);
            h.notifyOfCompletedCheckpoint(1);
            // Let RocksDB finish the compactions the bulk load queued, then checkpoint with no
            // change: what that uploads is compaction debt, not the change.
            Thread.sleep(10_000);
            long idle = size(h.snapshot(2, 2));
            h.notifyOfCompletedCheckpoint(2);
            long[] afterChange = new long[3];
            for (int round = 0; round < afterChange.length; round++) {
                for (int i = 0; i < n / 100; i++) {
                    upsert(h, shards, "d" + ((i * 9973L + round * 31L) % n), data.next());
                }
                long id = 3 + round;
                afterChange[round] = size(h.snapshot(id, id));
                h.notifyOfCompletedCheckpoint(id);
            }
            h.close();

            long r0 = System.nanoTime();
            long rc0 = CPU.getCurrentThreadCpuTime();
            var r = Harnesses.incrementalIndex(ShardIndexFunction.withHnsw(collections), dir, full);
            double openSeconds = (System.nanoTime() - r0) / 1e9;
            long[] restored = stats(r, shards);
            double restoreSeconds = (System.nanoTime() - r0) / 1e9;
            double restoreCpu = (CPU.getCurrentThreadCpuTime() - rc0) / 1e9;
            r.close();
            if (!java.util.Arrays.equals(digests, restored)) {
                throw new IllegalStateException("the restored shards differ from the snapshot");
            }
            System.out.printf(
                    Locale.ROOT,
                    "{\"n\":%d,\"shards\":%d,\"dim\":%d,\"buildSeconds\":%.2f,"
                            + "\"buildPerSecond\":%.0f,\"fullCheckpointBytes\":%d,"
                            + "\"idleIncrementalBytes\":%d,"
                            + "\"incrementalBytesAfterEachOnePercentChange\":%s,"
                            + "\"restoreOpenSeconds\":%.2f,\"restoreSeconds\":%.2f,"
                            + "\"restoreSpeedup\":%.1f,\"buildCpuSeconds\":%.2f,"
                            + "\"restoreCpuSeconds\":%.2f,\"restoreCpuSpeedup\":%.1f}%n",
                    n,
                    shards,
                    dim,
                    buildSeconds,
                    n / buildSeconds,
                    size(full),
                    idle,
                    java.util.Arrays.toString(afterChange),
                    openSeconds,
                    restoreSeconds,
                    buildSeconds / restoreSeconds,
                    buildCpu,
                    restoreCpu,
                    buildCpu / restoreCpu);
        } finally {
            FileUtils.deleteDirectoryQuietly(dir.toFile());
        }
    }

    private static void upsert(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            int shards,
            String id,
            float[] v)
            throws Exception {
        h.processElement1(new StreamRecord<>(ShardMutation.upsert("c", shards, id, v, null)));
    }

    /** Every shard's digest; asking loads a shard that was restored. */
    private static long[] stats(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            int shards)
            throws Exception {
        Harnesses.drain(h);
        ShardQuery q = ShardQuery.stats("st", "c", 1L);
        for (int s = 0; s < shards; s++) {
            h.processElement2(new StreamRecord<>(q.toShard("c", s, shards)));
        }
        long[] out = new long[shards];
        for (PartialResult p : Harnesses.drain(h)) {
            out[p.shard()] = p.stats().digest();
        }
        return out;
    }

    /** Bytes this checkpoint uploaded (for an incremental one, only its new files). */
    private static long size(OperatorSubtaskState snapshot) {
        long size = 0;
        for (KeyedStateHandle handle : snapshot.getManagedKeyedState()) {
            size += handle.getCheckpointedSize();
        }
        return size;
    }
}
