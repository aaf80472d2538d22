package org.vectorindex.state.keyed;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
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
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new IndexingFunction(config)),
                        IndexCommand::key,
                        Types.STRING,
                        128,
                        1,
                        0)) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
            h.setCheckpointStorage(new FileSystemCheckpointStorage(dir.toUri()));
            h.open();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                h.processElement(IndexCommand.upsert("docs#0", "d" + i, data[i]), 0L);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long full = size(h.snapshot(1L, 1L));
            h.notifyOfCompletedCheckpoint(1L);
            for (int i = 0; i < changed; i++) {
                h.processElement(
                        IndexCommand.upsert("docs#0", "d" + (i * 97 % n), data[n + i]), 0L);
            }
            long incremental = size(h.snapshot(2L, 2L));
            h.notifyOfCompletedCheckpoint(2L);
            for (int i = 0; i < changed; i++) {
                h.processElement(IndexCommand.upsert("docs#0", "d" + (i * 89 % n), data[i]), 0L);
            }
            long incremental2 = size(h.snapshot(3L, 3L));
            System.out.printf(
                    "{\"n\":%d,\"dim\":%d,\"changed\":%d,\"ingestSeconds\":%.1f,"
                            + "\"fullCheckpointBytes\":%d,\"incrementalBytes\":%d,"
                            + "\"secondIncrementalBytes\":%d,\"ratio\":%.4f}%n",
                    n,
                    dim,
                    changed,
                    seconds,
                    full,
                    incremental,
                    incremental2,
                    (double) incremental / full);
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
