package org.vectorindex.operators.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.state.math.Metric;

/** Brute-force top-k over a test's own copy of the live data: what results must equal. */
public final class Truth {
    private Truth() {}

    /** Ranked ids and users' scores. */
    public record Ranked(List<String> ids, List<Float> scores) {}

    /**
     * Exact top-k of {@code docs} for {@code query} among ids whose attributes satisfy every
     * equality in {@code filter}; score descending, then id ascending.
     */
    public static Ranked topK(
            Map<String, float[]> docs,
            Map<String, Map<String, String>> attrs,
            float[] query,
            int k,
            Metric metric,
            Map<String, String> filter) {
        float[] q = ExactShardIndex.prepare(query, metric);
        return topK(
                docs,
                attrs,
                filter,
                k,
                doc -> metric.score(q, ExactShardIndex.prepare(doc, metric)),
                metric::externalScore);
    }

    /**
     * Exact top-k of {@code docs} by {@code score} among ids whose attributes satisfy every
     * equality in {@code filter}, each score reported as {@code report} maps it.
     */
    static Ranked topK(
            Map<String, float[]> docs,
            Map<String, Map<String, String>> attrs,
            Map<String, String> filter,
            int k,
            Function<float[], Float> score,
            UnaryOperator<Float> report) {
        Map<String, Float> scored = new HashMap<>();
        for (Map.Entry<String, float[]> e : docs.entrySet()) {
            if (matches(attrs.get(e.getKey()), filter)) {
                scored.put(e.getKey(), score.apply(e.getValue()));
            }
        }
        return rank(scored, k, report);
    }

    /** The documents of {@code docs} that shard {@code shard} of {@code shards} holds. */
    public static Map<String, float[]> onShard(Map<String, float[]> docs, int shard, int shards) {
        Map<String, float[]> held = new LinkedHashMap<>();
        docs.forEach(
                (id, v) -> {
                    if (ShardKey.shardOf(id, shards) == shard) {
                        held.put(id, v);
                    }
                });
        return held;
    }

    /**
     * The best {@code k} of {@code scored} (id to score), score descending, then id ascending; each
     * score reported as {@code report} maps it.
     */
    static Ranked rank(Map<String, Float> scored, int k, UnaryOperator<Float> report) {
        List<Map.Entry<String, Float>> hits = new ArrayList<>(scored.entrySet());
        hits.sort(
                (a, b) ->
                        a.getValue().floatValue() != b.getValue().floatValue()
                                ? Float.compare(b.getValue(), a.getValue())
                                : a.getKey().compareTo(b.getKey()));
        List<String> ids = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        for (int i = 0; i < Math.min(k, hits.size()); i++) {
            ids.add(hits.get(i).getKey());
            scores.add(report.apply(hits.get(i).getValue()));
        }
        return new Ranked(ids, scores);
    }

    private static boolean matches(Map<String, String> attrs, Map<String, String> filter) {
        if (filter == null || filter.isEmpty()) {
            return true;
        }
        if (attrs == null) {
            return false;
        }
        for (Map.Entry<String, String> e : filter.entrySet()) {
            if (!e.getValue().equals(attrs.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
