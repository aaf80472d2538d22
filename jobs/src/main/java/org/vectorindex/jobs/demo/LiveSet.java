package org.vectorindex.jobs.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vectorindex.state.math.Metric;

/**
 * The demo's own copy of what should be live in the index: every upsert and delete it sends is
 * applied here too, so exact (brute-force) top-k answers over the same live data can be compared
 * with what the job returns. Vectors of a cosine collection are normalised as the index does.
 */
public final class LiveSet {
    private final Metric metric;
    private final Map<String, float[]> live = new LinkedHashMap<>();

    public LiveSet(Metric metric) {
        this.metric = metric;
    }

    public void upsert(String id, float[] vector) {
        live.put(id, metric.normalizes() ? normalized(vector) : vector.clone());
    }

    public void delete(String id) {
        live.remove(id);
    }

    public int size() {
        return live.size();
    }

    public boolean contains(String id) {
        return live.containsKey(id);
    }

    /** Ids of the exact top-{@code k}, best first (ties in insertion order). */
    public List<String> exactTopK(float[] query, int k) {
        float[] q = metric.normalizes() ? normalized(query) : query;
        int n = Math.min(k, live.size());
        String[] ids = new String[n];
        float[] scores = new float[n];
        int size = 0;
        for (Map.Entry<String, float[]> e : live.entrySet()) {
            float s = metric.score(q, e.getValue());
            if (size == n && (n == 0 || s <= scores[n - 1])) {
                continue;
            }
            int pos = size < n ? size++ : n - 1;
            while (pos > 0 && scores[pos - 1] < s) {
                scores[pos] = scores[pos - 1];
                ids[pos] = ids[pos - 1];
                pos--;
            }
            scores[pos] = s;
            ids[pos] = e.getKey();
        }
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(ids[i]);
        }
        return out;
    }

    /** Fraction of {@code truth} found in {@code hits}; 1 when the truth is empty. */
    public static double recall(List<String> truth, String[] hits) {
        if (truth.isEmpty()) {
            return 1.0;
        }
        int found = 0;
        for (String h : hits) {
            if (truth.contains(h)) {
                found++;
            }
        }
        return (double) Math.min(found, truth.size()) / truth.size();
    }

    private static float[] normalized(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float inv = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
