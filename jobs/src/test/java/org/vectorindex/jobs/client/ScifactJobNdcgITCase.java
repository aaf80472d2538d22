package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.multivector.JsonlTokenCorpus;
import org.vectorindex.jobs.multivector.MultiVectorBenchCommand;
import org.vectorindex.jobs.multivector.ScifactCorpus;
import org.vectorindex.jobs.multivector.TokenCorpus;
import org.vectorindex.jobs.multivector.TokenCorpus.Doc;
import org.vectorindex.jobs.testing.JobArgs;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.jobs.testing.RunningJob;
import org.vectorindex.operators.model.MultiVectorParams;
import org.vectorindex.operators.model.QueryResult;

/**
 * Relevance in the real job: the first 1,000 SciFact training abstracts (all-MiniLM-L6-v2 tokens,
 * first 128 word pieces) go through Kafka into a {@code type: multivector} collection with default
 * settings, the training claims with a judged abstract among them are sent as queries, and nDCG@10
 * computed here from the job's committed answers must equal what {@code bench multivector} reports
 * for the same slice and settings. Skipped when {@code ../shared/data/beir-scifact-train} is
 * absent.
 */
class ScifactJobNdcgITCase {
    private static final int DOCS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLLECTIONS_YAML =
            "collections:\n"
                    + "  - name: sci\n"
                    + "    type: multivector\n"
                    + "    dimension: 384\n"
                    + "    metric: cosine\n"
                    + "    shards: 1\n"
                    + "    multivector: {}\n";

    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.kafka();

    private final ClientOutput client = new ClientOutput(ENV);

    @TempDir Path tmp;

    @Test
    void jobAnswersScoreTheBenchNdcgOnTheSameSlice() throws Exception {
        Path data = ScifactCorpus.Provider.locate();
        Assumptions.assumeTrue(data != null, "../shared/data/beir-scifact-train is absent");
        Map<String, String> opts = Map.of("scifact-dir", data.toString());
        TokenCorpus corpus = new ScifactCorpus.Provider().open(opts);
        List<Doc> docs = corpus.docs(DOCS);
        Map<String, Map<String, Integer>> qrels = readQrels(corpus.qrels());
        Set<String> docIds = new HashSet<>();
        docs.forEach(d -> docIds.add(d.id()));
        List<Doc> queries = new ArrayList<>();
        for (Doc q : corpus.queries(0)) {
            Map<String, Integer> judged = qrels.get(q.id());
            if (judged != null
                    && judged.entrySet().stream()
                            .anyMatch(e -> e.getValue() > 0 && docIds.contains(e.getKey()))) {
                queries.add(q);
            }
        }
        assertTrue(queries.size() > 100, "claims judged in the slice: " + queries.size());

        // The bench with the settings a collection gets by default.
        MultiVectorParams p = MultiVectorParams.defaults();
        Path benchJson = tmp.resolve("bench.json");
        assertEquals(
                0,
                MultiVectorBenchCommand.run(
                        new String[] {
                            "--corpus", "scifact",
                            "--scifact-dir", data.toString(),
                            "--docs", String.valueOf(DOCS),
                            "--m", String.valueOf(p.pooledVectors()),
                            "--fde",
                                    p.fdeRepetitions()
                                            + ","
                                            + p.fdeSimhashBits()
                                            + ","
                                            + p.fdeProjectionDim()
                                            + (p.fdeFinalDim() > 0 ? "," + p.fdeFinalDim() : ""),
                            "--store", p.storedEncoding().name().toLowerCase(Locale.ROOT),
                            "--candidates", String.valueOf(p.candidates()),
                            "--json", benchJson.toString()
                        }));
        JsonNode bench = JSON.readTree(benchJson.toFile());
        assertEquals(queries.size(), bench.get("queries").asInt());
        double benchNdcg = bench.get("settings").get(0).get("ndcgAt10").asDouble();

        Path queryFile = tmp.resolve("claims.jsonl");
        JsonlTokenCorpus.write(queryFile, queries);
        Path collections = JobEnvironment.collectionsFile(tmp, COLLECTIONS_YAML);
        // One partition each: the job applies the abstracts in the bench's order.
        JobArgs args =
                ENV.jobOnNewTopics(1, collections).parallelism(1).stateDir(tmp.resolve("state"));
        try (RunningJob job = args.stateBackend("rocksdb").checkpointInterval("1s").start()) {
            List<String> ids = new ArrayList<>();
            docs.forEach(d -> ids.add(d.id()));
            try (RecordSender sender =
                    new RecordSender(
                            ENV.bootstrapServers(),
                            LoadCommand.partitioned(new Properties(), 1),
                            true)) {
                LoadCommand.load(sender, "m", "sci", InputRows.multis(docs), ids, 0, 1);
            }
            assertTrue(
                    ENV.applied("m", Duration.ofSeconds(300)),
                    "the job did not apply the abstracts");
            String answers =
                    client.query(
                            "sci",
                            "--jsonl",
                            queryFile.toString(),
                            "--k",
                            "10",
                            "--id-prefix",
                            "c",
                            "--timeout",
                            "180s");
            assertEquals(
                    queries.size(),
                    ClientOutput.lastJson(answers).get("answered").asLong(),
                    answers);
            Map<String, QueryResult> results = ENV.answers("r", "c-"); // fails on a duplicate
            assertEquals(queries.size(), results.size());
            double jobNdcg = 0;
            for (int i = 0; i < queries.size(); i++) {
                jobNdcg +=
                        ndcg10(
                                qrels.get(queries.get(i).id()),
                                List.of(results.get("c-" + i).hitIds()));
            }
            jobNdcg /= queries.size();
            assertEquals(benchNdcg, jobNdcg, 1e-9, "job vs bench nDCG@10");
            assertTrue(jobNdcg > 0.5, "nDCG@10 " + jobNdcg);
            assertTrue(
                    KafkaTestClients.readCommitted(
                                    ENV.bootstrapServers(), "d", Duration.ofSeconds(5))
                            .isEmpty(),
                    "dead letters");
        }
    }

    /** BEIR's nDCG@10: judged gains, log2 discount, ideal from the judgements. */
    private static double ndcg10(Map<String, Integer> gains, List<String> ranked) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            dcg += gains.getOrDefault(ranked.get(i), 0) / (Math.log(i + 2) / Math.log(2));
        }
        List<Integer> ideal = new ArrayList<>(gains.values());
        ideal.sort(Comparator.reverseOrder());
        double best = 0;
        for (int i = 0; i < Math.min(10, ideal.size()); i++) {
            best += ideal.get(i) / (Math.log(i + 2) / Math.log(2));
        }
        return best == 0 ? 0 : dcg / best;
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file) throws Exception {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            out.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], Integer.parseInt(f[2]));
        }
        return out;
    }
}
