package org.vectorindex.jobs.multivector;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Relevance judgements in BEIR's layout ({@code query-id TAB corpus-id TAB score}, one header line)
 * and nDCG@k as BEIR computes it (pytrec_eval's {@code ndcg_cut}): gain = the judged score, an
 * unjudged document has gain 0, discount {@code log2(rank + 1)} with ranks from 1, and the ideal
 * DCG from the query's judged scores in descending order, cut at k.
 */
final class Qrels {
    private final Map<String, Map<String, Integer>> byQuery;

    Qrels(Map<String, Map<String, Integer>> byQuery) {
        this.byQuery = byQuery;
    }

    /** Reads a BEIR qrels file; a first line that is not a judgement is taken as the header. */
    static Qrels read(Path file) throws IOException {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new IOException(file + ":" + n + ": want 3 tab-separated fields");
                }
                int score;
                try {
                    score = Integer.parseInt(f[2].trim());
                } catch (NumberFormatException e) {
                    if (n == 1) {
                        continue; // header
                    }
                    throw new IOException(file + ":" + n + ": score is not an integer: " + f[2]);
                }
                out.computeIfAbsent(f[0].trim(), q -> new HashMap<>()).put(f[1].trim(), score);
            }
        }
        return new Qrels(out);
    }

    /** Whether the query has a document of positive gain among {@code docIds}. */
    boolean hasRelevantIn(String queryId, Collection<String> docIds) {
        Map<String, Integer> judged = byQuery.get(queryId);
        if (judged == null) {
            return false;
        }
        for (Map.Entry<String, Integer> e : judged.entrySet()) {
            if (e.getValue() > 0 && docIds.contains(e.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** nDCG@k of a ranking (best first); 0 for a query with no judged document of positive gain. */
    double ndcg(String queryId, List<String> ranked, int k) {
        Map<String, Integer> judged = byQuery.getOrDefault(queryId, Map.of());
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            dcg += judged.getOrDefault(ranked.get(i), 0) / log2(i + 2);
        }
        int[] gains = judged.values().stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(gains);
        double ideal = 0;
        for (int i = 0; i < Math.min(k, gains.length); i++) {
            int g = gains[gains.length - 1 - i];
            if (g <= 0) {
                break;
            }
            ideal += g / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
