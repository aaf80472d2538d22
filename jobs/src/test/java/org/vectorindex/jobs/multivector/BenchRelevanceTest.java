package org.vectorindex.jobs.multivector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench multivector --qrels}: every nDCG the bench reports is recomputed here from the
 * rankings with this test's own brute force and its own nDCG.
 */
class BenchRelevanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Per query: rank 1 gain 2, rank 3 gain 1, rank 15 gain 1 of the exact raw ranking. */
    private static final double PLANTED =
            (2 + 1 / log2(4)) / (2 + 1 / log2(3) + 1 / log2(4)); // 0.7984849

    @Test
    void reportsNdcgOfExactRawStoredSingleVectorAndEverySetting(@TempDir Path dir)
            throws IOException {
        Path docsFile = dir.resolve("docs.jsonl");
        Path queriesFile = dir.resolve("queries.jsonl");
        MultiVectorBenchCommandTest.writeCorpus(docsFile, "d", 300, 1);
        MultiVectorBenchCommandTest.writeCorpus(queriesFile, "q", 8, 2);
        List<TokenCorpus.Doc> docs = JsonlTokenCorpus.read(docsFile, 0);
        List<TokenCorpus.Doc> queries = JsonlTokenCorpus.read(queriesFile, 0);
        List<String> qrels = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
        Map<String, Map<String, Integer>> judged = new HashMap<>();
        for (int i = 0; i < queries.size() - 1; i++) {
            String q = queries.get(i).id();
            List<String> exact = rank(queries.get(i).vectors(), docs);
            judged.put(q, Map.of(exact.get(0), 2, exact.get(2), 1, exact.get(14), 1));
            judged.get(q).forEach((d, g) -> qrels.add(q + "\t" + d + "\t" + g));
        }
        // The last query's only judged document is not in the corpus: it is left out.
        qrels.add(queries.get(queries.size() - 1).id() + "\tmissing\t1");
        Path qrelsFile = dir.resolve("qrels.tsv");
        Files.write(qrelsFile, qrels, StandardCharsets.UTF_8);

        Path json = dir.resolve("out.json");
        Path results = dir.resolve("results.jsonl");
        assertEquals(
                0,
                MultiVectorBenchCommand.run(
                        new String[] {
                            "--docs-file", docsFile.toString(),
                            "--queries-file", queriesFile.toString(),
                            "--qrels", qrelsFile.toString(),
                            "--m", "512",
                            "--candidates", "10,40",
                            "--json", json.toString(),
                            "--results", results.toString()
                        }));
        JsonNode report = MAPPER.readTree(json.toFile());
        assertEquals(7, report.get("queries").asInt());
        assertEquals(PLANTED, report.get("ndcgAt10ExactRaw").asDouble(), 1e-9);
        // m = 512 keeps every token, so the stored vectors rank as the raw ones.
        assertEquals(PLANTED, report.get("ndcgAt10ExactStored").asDouble(), 1e-9);

        double single = 0;
        for (int i = 0; i < 7; i++) {
            single += ndcg(judged.get(queries.get(i).id()), rankByMean(queries.get(i), docs));
        }
        assertEquals(single / 7, report.get("ndcgAt10SingleVector").asDouble(), 1e-9);
        assertTrue(single / 7 < PLANTED, "the planted judgements favour MaxSim");

        Map<Integer, Double> fromResults = new HashMap<>();
        List<String> lines = Files.readAllLines(results);
        assertEquals(2 * 7, lines.size());
        for (String line : lines) {
            JsonNode l = MAPPER.readTree(line);
            List<String> ids = new ArrayList<>();
            l.get("ids").forEach(n -> ids.add(n.asText()));
            fromResults.merge(
                    l.get("candidates").asInt(),
                    ndcg(judged.get(l.get("query").asText()), ids) / 7,
                    Double::sum);
        }
        for (JsonNode row : report.get("settings")) {
            double expected = fromResults.get(row.get("candidates").asInt());
            assertEquals(expected, row.get("ndcgAt10").asDouble(), 1e-9, row.toString());
        }
    }

    private static double ndcg(Map<String, Integer> gains, List<String> ranked) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            dcg += gains.getOrDefault(ranked.get(i), 0) / log2(i + 2);
        }
        List<Integer> ideal = new ArrayList<>(gains.values());
        ideal.sort(Comparator.reverseOrder());
        double best = 0;
        for (int i = 0; i < Math.min(10, ideal.size()); i++) {
            best += ideal.get(i) / log2(i + 2);
        }
        return dcg / best;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Document ids by exact MaxSim over unit-length tokens, best first. */
    private static List<String> rank(float[][] query, List<TokenCorpus.Doc> docs) {
        double[] score = new double[docs.size()];
        for (int d = 0; d < docs.size(); d++) {
            for (float[] q : query) {
                double best = Double.NEGATIVE_INFINITY;
                for (float[] t : docs.get(d).vectors()) {
                    best = Math.max(best, cosine(q, t));
                }
                score[d] += best;
            }
        }
        return order(score, docs);
    }

    private static List<String> rankByMean(TokenCorpus.Doc query, List<TokenCorpus.Doc> docs) {
        double[] q = mean(query.vectors());
        double[] score = new double[docs.size()];
        for (int d = 0; d < docs.size(); d++) {
            double[] m = mean(docs.get(d).vectors());
            double dot = 0;
            double nm = 0;
            for (int j = 0; j < m.length; j++) {
                dot += q[j] * m[j];
                nm += m[j] * m[j];
            }
            score[d] = dot / Math.sqrt(nm);
        }
        return order(score, docs);
    }

    private static List<String> order(double[] score, List<TokenCorpus.Doc> docs) {
        return IntStream.range(0, docs.size())
                .boxed()
                .sorted((a, b) -> Double.compare(score[b], score[a]))
                .map(d -> docs.get(d).id())
                .toList();
    }

    /** Mean of the unit-length tokens. */
    private static double[] mean(float[][] tokens) {
        double[] m = new double[tokens[0].length];
        for (float[] t : tokens) {
            double n = Math.sqrt(dot(t, t));
            for (int j = 0; j < m.length; j++) {
                m[j] += t[j] / n;
            }
        }
        return m;
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (double) a[j] * b[j];
        }
        return s;
    }
}
