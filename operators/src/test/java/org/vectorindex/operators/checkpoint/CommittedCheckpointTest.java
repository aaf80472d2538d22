package org.vectorindex.operators.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.merge.ResultMergeFunction;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.MultiVectorParams;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.TokenSets;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * Restores operator snapshots committed under {@code /checkpoints/}, taken by an earlier release of
 * the index operator and the merger on each backend, and checks that the restored job carries on:
 * every shard's size and graph digest equal a reference index fed the same mutations, an in-flight
 * one-shot query and stats request finish, the open subscription updates, and answers equal brute
 * force. The snapshots hold every persisted type (HNSW node, links and meta records, pooled
 * multi-vector documents, subscription specs and local top-k, the three merge states).
 *
 * <p>Snapshots are written once, by the release whose state they hold: run with {@code
 * -Dcheckpoint.write=src/test/resources}; an existing snapshot is never overwritten.
 */
class CommittedCheckpointTest {
    private static final int SHARDS = 3;
    private static final int MV_SHARDS = 2;
    private static final int MV_DIM = 8;

    /**
     * Shard 0's in-flight stats answer was computed before the snapshot, by the earlier release's
     * digest formula; today's digest of the same graph differs, so a fresh request checks it.
     */
    private static final long EARLIER_RELEASE_DIGEST_OF_SHARD_0 = 1636549766163298468L;

    private static final HnswConfig CONFIG =
            HnswConfig.builder().dimension(4).metric(Metric.L2).m(6).efConstruction(20).build();
    private static final CollectionSpec MV =
            CollectionSpec.multiVector(
                    "mv",
                    MV_SHARDS,
                    MV_DIM,
                    8,
                    40,
                    16,
                    7L,
                    new MultiVectorParams(3, 4, 2, 4, 0, 500, 24, StoredEncoding.FLOAT32));
    private static final Map<String, String> EN = Map.of("lang", "en");

    private final HnswIndex[] reference = new HnswIndex[SHARDS];
    private final MultiVectorIndex[] mvReference = new MultiVectorIndex[MV_SHARDS];
    private final Map<String, float[]> docs = new TreeMap<>();
    private final Map<String, Map<String, String>> attrs = new TreeMap<>();
    private final TestVectors queries = new TestVectors(9, 4, 3);

    private static ShardIndexFunction newIndex() {
        return ShardIndexFunction.withHnsw(List.of(CollectionSpec.of("c", SHARDS, CONFIG), MV));
    }

    private static ShardQuery stats() {
        return ShardQuery.stats("st1", "c", 42L).at(0, 5L);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCheckpointOfTheEarlierReleaseRestoresAndCarriesOn(Backend backend) throws Exception {
        String name = backend.name().toLowerCase();
        String writeTo = System.getProperty("checkpoint.write");
        if (writeTo != null) {
            write(backend, Path.of(writeTo, "checkpoints"), name);
        }
        List<ShardMutation> mutations = mutations();
        feedReferences(mutations);
        float[] subscribed = queries.next();
        float[] oneShot = queries.next();

        var index = Harnesses.index(newIndex(), backend, read(name + "-index.snapshot"));
        var merge =
                Harnesses.merge(new ResultMergeFunction(), backend, read(name + "-merge.snapshot"));

        for (int s = 1; s < SHARDS; s++) {
            index.processElement2(new StreamRecord<>(stats().toShard("c", s, SHARDS)));
        }
        MergedResult st = single(mergeAll(merge, Harnesses.drain(index)));
        assertEquals(MergedResult.Kind.STATS, st.kind());
        for (int s = 0; s < SHARDS; s++) {
            assertEquals(reference[s].size(), st.shards()[s].size(), "size of shard " + s);
            long expected = s == 0 ? EARLIER_RELEASE_DIGEST_OF_SHARD_0 : reference[s].graphDigest();
            assertEquals(expected, st.shards()[s].digest(), "digest " + s);
        }
        ShardQuery again = ShardQuery.stats("st2", "c", 43L).at(0, 5L);
        for (int s = 0; s < SHARDS; s++) {
            index.processElement2(new StreamRecord<>(again.toShard("c", s, SHARDS)));
        }
        MergedResult fresh = single(mergeAll(merge, Harnesses.drain(index)));
        for (int s = 0; s < SHARDS; s++) {
            assertEquals(reference[s].graphDigest(), fresh.shards()[s].digest(), "digest " + s);
        }

        ShardQuery q1 = ShardQuery.knn("q1", "c", oneShot, 5, 100, Map.of(), 7L).at(0, 6L);
        for (int s = 1; s < SHARDS; s++) {
            index.processElement2(new StreamRecord<>(q1.toShard("c", s, SHARDS)));
        }
        MergedResult r1 = single(mergeAll(merge, Harnesses.drain(index)));
        assertEquals(MergedResult.Kind.RESULT, r1.kind());
        assertEquals(
                Truth.topK(docs, attrs, oneShot, 5, Metric.L2, Map.of()).ids(), List.of(r1.ids()));

        upsert(index, "new", subscribed.clone(), EN);
        MergedResult update = single(mergeAll(merge, Harnesses.drain(index)));
        assertEquals(MergedResult.Kind.UPDATE, update.kind());
        assertEquals("s1", update.requestId());
        assertTrue(update.version() > 1, "the restored subscription carries on from its version");
        assertArrayEquals(new String[] {"new"}, update.entered());
        assertEquals(
                Truth.topK(docs, attrs, subscribed, 3, Metric.L2, EN).ids(), List.of(update.ids()));

        checkMultiVector(index);
        index.close();
        merge.close();
    }

    private void checkMultiVector(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    index)
            throws Exception {
        float[] q = new TokenSets(23, MV_DIM, 6, 2, 12).nextFlat();
        ShardQuery knn = ShardQuery.knn("mq", "mv", q, 4, 0, Map.of(), 0L);
        for (int s = 0; s < MV_SHARDS; s++) {
            index.processElement2(new StreamRecord<>(knn.toShard("mv", s, MV_SHARDS)));
        }
        List<PartialResult> partials = Harnesses.drain(index);
        assertEquals(MV_SHARDS, partials.size());
        for (PartialResult p : partials) {
            List<String> expected =
                    mvReference[p.shard()]
                            .search(TokenSets.rows(q, MV_DIM), 4, 500, null, id -> true)
                            .hits()
                            .stream()
                            .map(SearchHit::id)
                            .toList();
            assertEquals(expected, List.of(p.ids()), "mv shard " + p.shard());
        }
    }

    /** The mutations of the committed state; the same on every run (seeded). */
    private static List<ShardMutation> mutations() {
        List<ShardMutation> out = new ArrayList<>();
        TestVectors data = new TestVectors(5, 4, 3);
        for (int i = 0; i < 45; i++) {
            Map<String, String> a = Map.of("lang", i % 2 == 0 ? "en" : "de");
            out.add(ShardMutation.upsert("c", SHARDS, "d" + i, data.next(), a));
            if (i % 7 == 6) {
                out.add(ShardMutation.delete("c", SHARDS, "d" + (i / 2)));
            }
        }
        TokenSets tokens = new TokenSets(11, MV_DIM, 6, 2, 12);
        for (int i = 0; i < 10; i++) {
            out.add(ShardMutation.upsert("mv", MV_SHARDS, "m" + i, tokens.nextFlat(), EN));
        }
        return out;
    }

    private void feedReferences(List<ShardMutation> mutations) {
        for (int s = 0; s < SHARDS; s++) {
            reference[s] = new HnswIndex(CONFIG);
        }
        for (int s = 0; s < MV_SHARDS; s++) {
            mvReference[s] = new MultiVectorIndex(MV.multiVectorConfig());
        }
        for (ShardMutation m : mutations) {
            boolean multi = m.shardKey().startsWith("mv#");
            int shard = ShardKey.shardOf(m.id(), multi ? MV_SHARDS : SHARDS);
            if (multi) {
                mvReference[shard].upsertFlat(m.id(), m.vector());
            } else if (m.op() == ShardMutation.Op.UPSERT) {
                reference[shard].upsert(m.id(), m.vector());
                docs.put(m.id(), m.vector());
                attrs.put(m.id(), m.attributes());
            } else {
                reference[shard].delete(m.id());
                docs.remove(m.id());
            }
        }
    }

    private void upsert(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    index,
            String id,
            float[] v,
            Map<String, String> a)
            throws Exception {
        docs.put(id, v);
        attrs.put(id, a);
        index.processElement1(new StreamRecord<>(ShardMutation.upsert("c", SHARDS, id, v, a)));
    }

    /**
     * The state of the committed snapshots: all mutations, a subscription opened half-way, a
     * one-shot query and a stats request that only shard 0 has answered.
     */
    private void write(Backend backend, Path dir, String name) throws Exception {
        Path indexFile = dir.resolve(name + "-index.snapshot");
        Path mergeFile = dir.resolve(name + "-merge.snapshot");
        if (Files.exists(indexFile) || Files.exists(mergeFile)) {
            return;
        }
        TestVectors qs = new TestVectors(9, 4, 3);
        float[] subscribed = qs.next();
        float[] oneShot = qs.next();
        var index = Harnesses.index(newIndex(), backend, null);
        var merge = Harnesses.merge(new ResultMergeFunction(), backend, null);
        List<ShardMutation> mutations = mutations();
        int half = mutations.size() / 2;
        for (int i = 0; i < mutations.size(); i++) {
            if (i == half) {
                ShardQuery sub = ShardQuery.subscribe("s1", "c", subscribed, 3, 0, EN, 1L);
                for (int s = 0; s < SHARDS; s++) {
                    index.processElement2(new StreamRecord<>(sub.toShard("c", s, SHARDS)));
                }
            }
            index.processElement1(new StreamRecord<>(mutations.get(i)));
            mergeAll(merge, Harnesses.drain(index));
        }
        ShardQuery q1 = ShardQuery.knn("q1", "c", oneShot, 5, 100, Map.of(), 7L).at(0, 6L);
        index.processElement2(new StreamRecord<>(q1.toShard("c", 0, SHARDS)));
        index.processElement2(new StreamRecord<>(stats().toShard("c", 0, SHARDS)));
        assertTrue(mergeAll(merge, Harnesses.drain(index)).isEmpty(), "both still in flight");
        Files.createDirectories(dir);
        OperatorSnapshotUtil.writeStateHandle(index.snapshot(1, 1), indexFile.toString());
        OperatorSnapshotUtil.writeStateHandle(merge.snapshot(1, 1), mergeFile.toString());
        index.close();
        merge.close();
    }

    private static List<MergedResult> mergeAll(
            KeyedOneInputStreamOperatorTestHarness<String, PartialResult, MergedResult> merge,
            List<PartialResult> partials)
            throws Exception {
        for (PartialResult p : partials) {
            merge.processElement(new StreamRecord<>(p));
        }
        return Harnesses.drain(merge);
    }

    private static MergedResult single(List<MergedResult> results) {
        assertEquals(1, results.size(), "merged results: " + results);
        return results.get(0);
    }

    private static OperatorSubtaskState read(String resource) throws Exception {
        URL url = CommittedCheckpointTest.class.getResource("/checkpoints/" + resource);
        assertNotNull(url, "snapshot /checkpoints/" + resource + " is missing");
        try {
            return OperatorSnapshotUtil.readStateHandle(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
