package org.vectorindex.jobs.run;

import java.util.ArrayList;
import java.util.List;
import org.vectorindex.operators.ModelAdapter;
import org.vectorindex.operators.index.TokenRows;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.multivector.MaxSim;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * What the job must answer for {@link MultiVectorScenario#MV}, computed without Flink: per-shard
 * {@link MultiVectorIndex} instances with the collection's config (from the same YAML), fed the
 * same mutations in the same per-shard order, and an exact MaxSim top-k over their pooled vectors.
 */
final class MultiVectorReference {
    final MultiVectorIndex[] shards = new MultiVectorIndex[MultiVectorScenario.SHARDS];
    private final MultiVectorConfig config;

    MultiVectorReference() {
        CollectionSpec spec =
                CollectionsFile.parse(MultiVectorScenario.COLLECTIONS_YAML, false, "test")
                        .require(MultiVectorScenario.MV);
        config = spec.multiVectorConfig();
        for (int s = 0; s < shards.length; s++) {
            shards[s] = new MultiVectorIndex(config);
        }
    }

    /** Applies a mutation of the multi-vector collection; returns false (and ignores) others. */
    boolean apply(Mutation m) {
        if (!m.collection().equals(MultiVectorScenario.MV)) {
            return false;
        }
        MultiVectorIndex shard = shards[ShardKey.shardOf(m.id(), shards.length)];
        if (m.op() == MutationOp.UPSERT) {
            shard.upsert(m.id(), m.vectors());
        } else {
            shard.delete(m.id());
        }
        return true;
    }

    /** The merged per-shard answers, as the job's merger ranks them. */
    List<SearchHit> knn(float[][] q, int k, int ef) {
        int candidates = Math.max(k, Math.max(ef, config.defaultCandidates()));
        List<SearchHit> all = new ArrayList<>();
        for (MultiVectorIndex s : shards) {
            all.addAll(s.search(q, k, candidates, null, null).hits());
        }
        return top(all, k);
    }

    /** Exact MaxSim top-k over every live document's pooled vectors. */
    List<SearchHit> exact(float[][] q, int k) {
        int dim = MultiVectorScenario.DIM;
        float[] flat = ModelAdapter.flatten(q);
        TokenRows.normalizeInPlace(flat, dim);
        List<SearchHit> all = new ArrayList<>();
        for (MultiVectorIndex s : shards) {
            for (String id : s.ids()) {
                float[] d = s.pooledFlat(id);
                all.add(
                        new SearchHit(
                                id, MaxSim.score(flat, flat.length / dim, d, d.length / dim, dim)));
            }
        }
        return top(all, k);
    }

    private static List<SearchHit> top(List<SearchHit> all, int k) {
        all.sort(
                (a, b) ->
                        a.score() != b.score()
                                ? Float.compare(b.score(), a.score())
                                : a.id().compareTo(b.id()));
        return new ArrayList<>(all.subList(0, Math.min(k, all.size())));
    }
}
