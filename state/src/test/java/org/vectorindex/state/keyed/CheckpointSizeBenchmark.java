package org.vectorindex.state.keyed;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.testing.ClusteredData;

/**
 * Measures, not asserts: the size of a RocksDB incremental checkpoint after upserting 1% of an
 * N-vector shard, against the first (full) checkpoint, with Flink's default RocksDB settings.
 *
 * <p>Run: {@code java -cp <state test classpath>
 * org.vectorindex.state.keyed.CheckpointSizeBenchmark [n=100000] [dim=64]}.
 */
public final class CheckpointSizeBenchmark {
    private CheckpointSizeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int changed = n / 100;
        float[][] data = ClusteredData.generate(n + changed, dim, 100, 17);
        HnswConfig config = HnswConfig.builder().dimension(dim).metric(Metric.L2).build();
        Path dir = Files.createTempDirectory("checkpoint-size");
        try (var h =
                new CommandRuns.Harness(
                        CommandFunction.hnsw(config),
                        new EmbeddedRocksDBStateBackend(true),
                        1,
                        0)) {
            h.setCheckpointStorage(new FileSystemCheckpointStorage(dir.toUri()));
            h.open();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                h.processElement(IndexCommand.upsert("docs#0", "d" + i, data[i]), 0L);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long full = size(h.snapshot(1L, 1L));
            h.notifyOfCompletedCheckpoint(1L);
            // Let RocksDB finish the compactions the bulk load queued, then checkpoint with no
            // change: what that uploads is compaction debt, not the change.
            Thread.sleep(10_000);
            long idle = size(h.snapshot(2L, 2L));
            h.notifyOfCompletedCheckpoint(2L);
            long[] afterChange = new long[3];
            for (int round = 0; round < afterChange.length; round++) {
                for (int i = 0; i < changed; i++) {
                    int id = (i * 97 + round * 31) % n;
                    h.processElement(
                            IndexCommand.upsert(
                                    "docs#0", "d" + id, data[n + (i + round) % changed]),
                            0L);
                }
                long checkpoint = 3L + round;
                afterChange[round] = size(h.snapshot(checkpoint, checkpoint));
                h.notifyOfCompletedCheckpoint(checkpoint);
            }
            System.out.printf(
                    "{\"n\":%d,\"dim\":%d,\"changed\":%d,\"ingestSeconds\":%.1f,"
                            + "\"fullCheckpointBytes\":%d,\"idleIncrementalBytes\":%d,"
                            + "\"incrementalBytesAfterEachOnePercentChange\":%s}%n",
                    n, dim, changed, seconds, full, idle, java.util.Arrays.toString(afterChange));
        }
    }

    private static long size(OperatorSubtaskState snapshot) {
        long size = 0;
        for (KeyedStateHandle handle : snapshot.getManagedKeyedState()) {
            size += handle.getCheckpointedSize();
        }
        return size;
    }
}
