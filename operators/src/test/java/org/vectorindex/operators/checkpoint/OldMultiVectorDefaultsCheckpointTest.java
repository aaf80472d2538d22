package org.vectorindex.operators.checkpoint;

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
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TokenSets;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.math.Int8Codec;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * Restores index-operator snapshots committed under {@code /checkpoints/*-mv-old-defaults}, taken
 * by the release whose {@code type: multivector} defaults were Ward m=16, float32 stored vectors
 * and k'=100, of a collection declared with no multivector settings at all. Today's defaults (m=24,
 * INT8, k'=300) apply to the same declaration: the restored documents keep their 16 pooled vectors,
 * re-quantized, and every answer must equal exact MaxSim over exactly those vectors; a document
 * upserted after the restore is pooled and encoded with the new defaults.
 *
 * <p>Snapshots are written once, by the release whose state they hold: run with {@code
 * -Dcheckpoint.write=src/test/resources}; an existing snapshot is never overwritten.
 */
class OldMultiVectorDefaultsCheckpointTest {
    private static final int DIM = 16;
    private static final int SHARDS = 2;
    private static final String DECLARED =
            "collections:\n"
                    + "  - {name: mv, type: multivector, dimension: 16, metric: cosine, shards: 2}\n";

    /** The same collection with the earlier release's defaults spelled out. */
    private static final String EARLIER_DEFAULTS =
            "collections:\n"
                    + "  - {name: mv, type: multivector, dimension: 16, metric: cosine, shards: 2,\n"
                    + "     multivector: {pooledVectors: 16, candidates: 100,"
                    + " storedEncoding: float32}}\n";

    private static List<CollectionSpec> collections(String yaml) {
        return CollectionsFile.parse(yaml, false, "test").all();
    }

    private static ShardIndexFunction newIndex() {
        return ShardIndexFunction.withHnsw(collections(DECLARED));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void restoresUnderTodaysDefaultsAndAnswersExactlyOverWhatWasStored(Backend backend)
            throws Exception {
        String name = backend.name().toLowerCase() + "-mv-old-defaults.snapshot";
        String writeTo = System.getProperty("checkpoint.write");
        if (writeTo != null) {
            write(backend, Path.of(writeTo, "checkpoints"), name);
        }
        MultiVectorConfig today = collections(DECLARED).get(0).multiVectorConfig();
        MultiVectorConfig earlier = collections(EARLIER_DEFAULTS).get(0).multiVectorConfig();
        assertEquals(24, today.pooledTokens());
        assertEquals(StoredEncoding.INT8, today.storedEncoding());
        assertEquals(16, earlier.pooledTokens());

        // What the earlier release stored per shard: the same mutations under its defaults.
        MultiVectorIndex[] stored = new MultiVectorIndex[SHARDS];
        for (int s = 0; s < SHARDS; s++) {
            stored[s] = new MultiVectorIndex(earlier);
        }
        for (ShardMutation m : mutations()) {
            MultiVectorIndex shard = stored[ShardKey.shardOf(m.id(), SHARDS)];
            if (m.op() == ShardMutation.Op.UPSERT) {
                shard.upsertFlat(m.id(), m.vector());
            } else {
                shard.delete(m.id());
            }
        }

        var index = Harnesses.index(newIndex(), backend, read(name));
        TokenSets queries = new TokenSets(37, DIM, 8, 4, 12);
        for (int i = 0; i < 3; i++) {
            float[] q = queries.nextFlat();
            for (PartialResult p : knn(index, "q" + i, q, 5)) {
                assertExact(requantized(stored[p.shard()]), q, 5, p);
            }
        }

        float[] tokens = new TokenSets(41, DIM, 8, 48, 48).nextFlat();
        ShardMutation upsert = ShardMutation.upsert("mv", SHARDS, "new", tokens, Map.of());
        index.processElement1(new StreamRecord<>(upsert));
        MultiVectorIndex pooledToday = new MultiVectorIndex(today);
        pooledToday.upsertFlat("new", tokens);
        MultiVectorIndex pooledEarlier = new MultiVectorIndex(earlier);
        pooledEarlier.upsertFlat("new", tokens);
        assertEquals(24 * DIM, pooledToday.pooledFlat("new").length);
        assertNotNull(pooledToday.pooledCodes("new"), "stored as INT8 codes");

        int shard = ShardKey.shardOf("new", SHARDS);
        float[] q = queries.nextFlat();
        for (PartialResult p : knn(index, "qn", q, 50)) {
            Map<String, float[]> docs = requantized(stored[p.shard()]);
            if (p.shard() == shard) {
                Map<String, float[]> withEarlier = new TreeMap<>(docs);
                withEarlier.put("new", pooledEarlier.pooledFlat("new"));
                docs.put("new", pooledToday.pooledFlat("new"));
                float todayScore = scoreOf(TokenSets.topK(docs, Map.of(), q, 50, DIM, Map.of()));
                float earlierScore =
                        scoreOf(TokenSets.topK(withEarlier, Map.of(), q, 50, DIM, Map.of()));
                assertTrue(
                        Math.abs(todayScore - earlierScore) > 1e-4,
                        "the two poolings must be told apart: " + todayScore + " " + earlierScore);
            }
            assertExact(docs, q, 50, p);
        }
        index.close();
    }

    private static float scoreOf(Truth.Ranked ranked) {
        return ranked.scores().get(ranked.ids().indexOf("new"));
    }

    /** A shard's stored vectors as a restore re-quantizes them under INT8, by id. */
    private static Map<String, float[]> requantized(MultiVectorIndex shard) {
        Map<String, float[]> out = new TreeMap<>();
        for (String id : shard.ids()) {
            out.put(id, Int8Codec.dequantize(Int8Codec.quantize(shard.pooledFlat(id), DIM), DIM));
        }
        return out;
    }

    private static void assertExact(Map<String, float[]> docs, float[] q, int k, PartialResult p) {
        Truth.Ranked truth = TokenSets.topK(docs, Map.of(), q, k, DIM, Map.of());
        assertEquals(truth.ids(), List.of(p.ids()), "shard " + p.shard());
        for (int i = 0; i < p.scores().length; i++) {
            assertEquals(truth.scores().get(i), p.scores()[i], 1e-5f, "score " + i);
        }
    }

    private static List<PartialResult> knn(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    index,
            String id,
            float[] q,
            int k)
            throws Exception {
        ShardQuery knn = ShardQuery.knn(id, "mv", q, k, 0, Map.of(), 0L);
        for (int s = 0; s < SHARDS; s++) {
            index.processElement2(new StreamRecord<>(knn.toShard("mv", s, SHARDS)));
        }
        List<PartialResult> partials = Harnesses.drain(index);
        assertEquals(SHARDS, partials.size());
        return partials;
    }

    /** The mutations of the committed state (seeded): more tokens than either default keeps. */
    private static List<ShardMutation> mutations() {
        List<ShardMutation> out = new ArrayList<>();
        TokenSets tokens = new TokenSets(31, DIM, 8, 20, 60);
        for (int i = 0; i < 24; i++) {
            out.add(ShardMutation.upsert("mv", SHARDS, "m" + i, tokens.nextFlat(), Map.of()));
        }
        out.add(ShardMutation.delete("mv", SHARDS, "m5"));
        out.add(ShardMutation.upsert("mv", SHARDS, "m7", tokens.nextFlat(), Map.of()));
        return out;
    }

    private static void write(Backend backend, Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return;
        }
        var index = Harnesses.index(newIndex(), backend, null);
        for (ShardMutation m : mutations()) {
            index.processElement1(new StreamRecord<>(m));
        }
        assertTrue(Harnesses.drain(index).isEmpty(), "no subscriptions, so no partials");
        Files.createDirectories(dir);
        OperatorSnapshotUtil.writeStateHandle(index.snapshot(1, 1), file.toString());
        index.close();
    }

    private static OperatorSubtaskState read(String resource) throws Exception {
        URL url =
                OldMultiVectorDefaultsCheckpointTest.class.getResource("/checkpoints/" + resource);
        assertNotNull(url, "snapshot /checkpoints/" + resource + " is missing");
        try {
            return OperatorSnapshotUtil.readStateHandle(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
