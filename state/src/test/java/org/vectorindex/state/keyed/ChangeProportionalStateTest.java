package org.vectorindex.state.keyed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.testing.ClusteredData;

/**
 * The state entries a change rewrites must be proportional to the change, not to the index: that is
 * what lets RocksDB incremental checkpoints stay small. Measured in serialized bytes of the entries
 * {@link KeyedHnswState#persist} writes.
 */
class ChangeProportionalStateTest {

    @Test
    void onePercentChangeRewritesAFewPercentOfTheState() throws IOException {
        int n = 8000;
        int dim = 32;
        float[][] data = ClusteredData.generate(n + n / 100, dim, 20, 5);
        HnswIndex index =
                new HnswIndex(HnswConfig.builder().dimension(dim).metric(Metric.L2).build());
        for (int i = 0; i < n; i++) {
            index.upsert("d" + i, data[i]);
        }
        long full = drainedBytes(index);
        for (int i = 0; i < n / 100; i++) {
            index.upsert("d" + i, data[n + i]);
        }
        long change = drainedBytes(index);
        assertTrue(change * 10 < full, "1% change rewrote " + change + " of " + full + " bytes");
    }

    private static long drainedBytes(HnswIndex index) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        IOException[] failure = new IOException[1];
        index.drainChanges(
                ordinal ->
                        write(
                                () ->
                                        NodeRecordSerializer.INSTANCE.serialize(
                                                index.nodeRecord(ordinal), out),
                                failure),
                ordinal ->
                        write(
                                () -> LinksSerializer.INSTANCE.serialize(index.links(ordinal), out),
                                failure));
        if (failure[0] != null) {
            throw failure[0];
        }
        return out.length();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void write(IoAction action, IOException[] failure) {
        try {
            action.run();
        } catch (IOException e) {
            failure[0] = e;
        }
    }
}
