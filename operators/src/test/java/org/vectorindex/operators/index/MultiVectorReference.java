package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.TokenSets;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * What a multi-vector collection's partials must equal: a reference {@link MultiVectorIndex} per
 * shard, fed exactly what the operator's shard gets, and the exact MaxSim top-k over its pooled
 * documents.
 */
final class MultiVectorReference {
    /** Attributes of every live document. */
    final Map<String, Map<String, String>> attrs = new HashMap<>();

    private final Map<Integer, MultiVectorIndex> shards = new HashMap<>();
    private final int shardCount;
    private final int dim;

    MultiVectorReference(MultiVectorConfig config, int shardCount) {
        for (int s = 0; s < shardCount; s++) {
            shards.put(s, new MultiVectorIndex(config));
        }
        this.shardCount = shardCount;
        this.dim = config.dimension();
    }

    void upsert(String id, float[] tokens, Map<String, String> attributes) {
        attrs.put(id, attributes);
        shards.get(ShardKey.shardOf(id, shardCount)).upsertFlat(id, tokens);
    }

    void delete(String id) {
        attrs.remove(id);
        shards.get(ShardKey.shardOf(id, shardCount)).delete(id);
    }

    /** The exact MaxSim top-k over {@code shard}'s pooled documents. */
    Truth.Ranked truth(int shard, float[] q, int k, Map<String, String> filter) {
        MultiVectorIndex ref = shards.get(shard);
        Map<String, float[]> pooled = new TreeMap<>();
        for (String id : ref.ids()) {
            pooled.put(id, ref.pooledFlat(id));
        }
        return TokenSets.topK(pooled, attrs, q, k, dim, filter);
    }

    /** A partial equals the exact MaxSim top-k over its shard's pooled documents. */
    void assertExact(PartialResult p, float[] q, int k, Map<String, String> filter) {
        Truth.Ranked truth = truth(p.shard(), q, k, filter);
        assertEquals(truth.ids(), List.of(p.ids()), p.requestId() + " shard " + p.shard());
        for (int i = 0; i < truth.scores().size(); i++) {
            assertEquals(truth.scores().get(i), p.scores()[i], p.requestId());
        }
    }

    /**
     * A partial equals what its shard's reference index answers; {@code what}, if not null, names
     * the query in the messages.
     */
    void assertAnswersLikeTheReference(
            PartialResult p,
            float[] q,
            int k,
            int candidates,
            Predicate<String> filter,
            String what) {
        List<SearchHit> expected =
                shards.get(p.shard())
                        .search(TokenSets.rows(q, dim), k, candidates, null, filter)
                        .hits();
        assertEquals(
                expected.stream().map(SearchHit::id).toList(),
                List.of(p.ids()),
                what == null ? null : what + " on shard " + p.shard());
        float[] scores = new float[expected.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = expected.get(i).score();
        }
        assertArrayEquals(scores, p.scores(), what);
    }
}
