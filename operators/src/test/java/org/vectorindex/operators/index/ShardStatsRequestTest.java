package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.math.Metric;

/**
 * Stats requests on the HNSW index operator: every shard answers its size and graph digest, equal
 * to those of a standalone {@link HnswIndex} fed the same mutations in the same per-shard order,
 * before a snapshot, right after a restore into a fresh instance (the restored graph is the same
 * graph) and after more mutations on the restored state.
 */
class ShardStatsRequestTest {
    private static final int SHARDS = 3;
    private static final HnswConfig CONFIG =
            HnswConfig.builder().dimension(4).metric(Metric.L2).m(6).efConstruction(20).build();

    private final HnswIndex[] reference = new HnswIndex[SHARDS];

    private static ShardIndexFunction newFunction() {
        return ShardIndexFunction.withHnsw(List.of(CollectionSpec.of("c", SHARDS, CONFIG)));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void shardsAnswerSizeAndDigestOfTheReferenceGraphAcrossARestore(Backend backend)
            throws Exception {
        for (int s = 0; s < SHARDS; s++) {
            reference[s] = new HnswIndex(CONFIG);
        }
        TestVectors data = new TestVectors(3, 4, 3);
        var h = Harnesses.index(newFunction(), backend, null);
        checkStats(h, "empty");
        mutate(h, data, 0, 120);
        long[] before = checkStats(h, "st1");

        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();
        var r = Harnesses.index(newFunction(), backend, snapshot);
        long[] restored = checkStats(r, "st2");
        assertEquals(before[0], restored[0], "the restored graph is the snapshotted graph");
        mutate(r, data, 120, 200);
        long[] after = checkStats(r, "st3");
        assertNotEquals(before[0], after[0], "mutations change the digest");
        r.close();
    }

    /** Upserts ids from..to-1, deleting and re-upserting some earlier ids on the way. */
    private void mutate(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            TestVectors data,
            int from,
            int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            upsert(h, "d" + i, data.next());
            if (i % 7 == 6) {
                delete(h, "d" + (i / 2));
            }
            if (i % 11 == 10) {
                upsert(h, "d" + (i / 3), data.next());
            }
        }
        assertTrue(Harnesses.drain(h).isEmpty(), "mutations alone emit nothing");
    }

    private void upsert(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            String id,
            float[] v)
            throws Exception {
        reference[ShardKey.shardOf(id, SHARDS)].upsert(id, v);
        h.processElement1(new StreamRecord<>(ShardMutation.upsert("c", SHARDS, id, v, null)));
    }

    private void delete(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            String id)
            throws Exception {
        reference[ShardKey.shardOf(id, SHARDS)].delete(id);
        h.processElement1(new StreamRecord<>(ShardMutation.delete("c", SHARDS, id)));
    }

    /** Fans a stats request out, checks every partial; returns a digest of all shards' digests. */
    private long[] checkStats(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            String queryId)
            throws Exception {
        ShardQuery q = ShardQuery.stats(queryId, "c", 42L);
        for (int s = 0; s < SHARDS; s++) {
            h.processElement2(new StreamRecord<>(q.toShard("c", s, SHARDS)));
        }
        List<PartialResult> partials = Harnesses.drain(h);
        assertEquals(SHARDS, partials.size());
        long combined = 17;
        long total = 0;
        for (int s = 0; s < SHARDS; s++) {
            PartialResult p = partials.get(s);
            assertEquals(PartialResult.Kind.STATS, p.kind());
            assertEquals(queryId, p.requestId());
            assertEquals(s, p.shard());
            assertEquals(SHARDS, p.shardCount());
            assertEquals(0, p.ids().length);
            assertEquals(42L, p.ingestMillis());
            assertNull(p.causeId());
            assertEquals(reference[s].size(), p.stats().size(), queryId + " size of shard " + s);
            assertEquals(
                    reference[s].graphDigest(),
                    p.stats().digest(),
                    queryId + " digest of shard " + s);
            combined = 31 * combined + p.stats().digest();
            total += p.stats().size();
        }
        return new long[] {combined, total};
    }
}
