package org.vectorindex.operators.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.operators.VectorIndex;
import org.vectorindex.operators.example.OwnJobExample.Article;
import org.vectorindex.operators.example.OwnJobExample.Question;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.testing.LoopbackMiniCluster;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.state.math.Metric;

/**
 * Runs the README's example on a MiniCluster at parallelism 2: users' own records in, one-shot
 * answers and subscription updates that match brute force out, and a bad article among the
 * rejections rather than a failed job.
 */
class OwnJobExampleITCase {
    private static final int DIM = 8;
    private static final int K = 10;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = LoopbackMiniCluster.extension(2);

    @Test
    void theReadmeExampleAnswersLikeBruteForce(@TempDir Path dir) throws Exception {
        Path collectionsFile = dir.resolve("collections.yaml");
        Files.writeString(
                collectionsFile,
                "collections:\n"
                        + "  - name: articles\n"
                        + "    dimension: "
                        + DIM
                        + "\n"
                        + "    metric: cosine\n"
                        + "    shards: 3\n");
        TestVectors data = new TestVectors(7, DIM, 4);
        List<Article> articles = new ArrayList<>();
        Map<String, float[]> docs = new LinkedHashMap<>();
        Map<String, Map<String, String>> attrs = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            Article a = new Article("a" + i, i % 3 == 0 ? "de" : "en", data.next());
            articles.add(a);
            docs.put(a.id(), a.embedding());
            attrs.put(a.id(), Map.of("lang", a.lang()));
        }
        articles.add(new Article("too-short", "en", new float[DIM - 2]));
        List<Question> questions = new ArrayList<>();
        for (int q = 0; q < 30; q++) {
            questions.add(new Question("q" + q, data.next(), false));
        }
        for (int s = 0; s < 3; s++) {
            questions.add(new Question("s" + s, data.next(), true));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        VectorIndex.Outputs out =
                OwnJobExample.searchArticles(
                        env.fromData(articles).setParallelism(1),
                        env.fromData(questions).setParallelism(1),
                        collectionsFile);
        CloseableIterator<ResultRecord> resultsIt = out.results().collectAsync();
        CloseableIterator<SubscriptionUpdate> updatesIt = out.subscriptionUpdates().collectAsync();
        CloseableIterator<DeadLetter> rejectedIt = out.rejections().collectAsync();
        env.execute("own job example");

        Map<String, QueryResult> answers = new HashMap<>();
        resultsIt.forEachRemaining(r -> answers.put(r.key(), (QueryResult) r));
        Map<String, SubscriptionUpdate> last = new HashMap<>();
        updatesIt.forEachRemaining(u -> last.put(u.key(), u));
        List<DeadLetter> rejected = new ArrayList<>();
        rejectedIt.forEachRemaining(rejected::add);

        // One-shot questions race the articles, so only their count and size are fixed; the
        // subscriptions, which follow every article, must end at the brute-force top-k.
        assertEquals(30, answers.size(), answers.keySet().toString());
        for (QueryResult r : answers.values()) {
            assertTrue(r.hitCount() <= K, r.toString());
        }
        int found = 0;
        for (Question s : questions.subList(30, 33)) {
            List<String> truth =
                    Truth.topK(docs, attrs, s.embedding(), K, Metric.COSINE, Map.of()).ids();
            SubscriptionUpdate u = last.get(s.id());
            for (int i = 0; i < u.hitCount(); i++) {
                found += truth.contains(u.hitId(i)) ? 1 : 0;
            }
        }
        assertTrue(found >= 3 * K * 9 / 10, "subscriptions' final top-k recall: " + found);
        assertEquals(1, rejected.size(), rejected.toString());
        DeadLetter bad = rejected.get(0);
        assertEquals("too-short", new String(bad.key(), StandardCharsets.UTF_8), bad.toString());
        assertTrue(bad.detail().startsWith("upsert in collection 'articles'"), bad.detail());
    }
}
