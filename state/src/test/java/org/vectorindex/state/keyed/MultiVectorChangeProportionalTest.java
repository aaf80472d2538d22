package org.vectorindex.state.keyed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.multivector.CandidateSearch;
import org.vectorindex.state.multivector.MultiVectorIndex;
import org.vectorindex.state.testing.ClusteredData;

/**
 * As for single-vector indexes, what {@link KeyedMultiVectorState#persist} rewrites after a change
 * must be proportional to the change: the changed documents' entries plus the graph nodes and link
 * lists the change touched. Measured in serialized bytes of those entries.
 */
class MultiVectorChangeProportionalTest {

    @Test
    void onePercentChangeRewritesAFewPercentOfTheState() {
        int n = 3000;
        int dim = KeyedMultiVectorStateTest.DIM;
        int slot = KeyedMultiVectorStateTest.TOKENS_PER_SLOT;
        float[] tokens =
                KeyedMultiVectorStateTest.flatten(
                        ClusteredData.generate((n + n / 100) * slot, dim, 12, 8));
        MultiVectorIndex index =
                new MultiVectorIndex(KeyedMultiVectorStateTest.config(CandidateSearch.HNSW));
        for (int i = 0; i < n; i++) {
            index.upsertFlat("d" + i, KeyedMultiVectorStateTest.doc(tokens, i));
        }
        long full = drainedBytes(index, n);
        for (int i = 0; i < n / 100; i++) {
            if (i % 2 == 0) {
                index.upsertFlat("d" + i, KeyedMultiVectorStateTest.doc(tokens, n + i));
            } else {
                index.delete("d" + i);
            }
        }
        long change = drainedBytes(index, n / 100);
        System.out.println("multi-vector 1% change rewrote " + change + " of " + full + " bytes");
        assertTrue(change * 10 < full, "1% change rewrote " + change + " of " + full + " bytes");
    }

    /** Bytes of the entries persist would write now; checks the number of changed documents. */
    private static long drainedBytes(MultiVectorIndex index, int expectedDocs) {
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        List<String> ids = new ArrayList<>();
        index.drainChanges(ids::add);
        assertEquals(expectedDocs, ids.size());
        HnswIndex graph = index.candidateGraph();
        try {
            for (String id : ids) {
                float[] pooled = index.pooledFlat(id);
                if (pooled != null) {
                    PooledDocumentSerializer.INSTANCE.serialize(
                            new PooledDocument(pooled, null), out);
                }
            }
            graph.drainChanges(
                    o ->
                            write(
                                    () ->
                                            NodeRecordSerializer.INSTANCE.serialize(
                                                    graph.nodeRecord(o), out)),
                    o -> write(() -> LinksSerializer.INSTANCE.serialize(graph.links(o), out)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.length();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
