package org.vectorindex.operators.example;

import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.vectorindex.operators.VectorIndex;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;

/**
 * The README's "Use it in your own Flink job": the code between the markers is quoted there
 * verbatim ({@link ReadmeExampleTest} checks it), and {@link OwnJobExampleITCase} runs it.
 */
public final class OwnJobExample {
    private OwnJobExample() {}

    // README example begins
    /** A record of the user's own stream: an article and its embedding. */
    public record Article(String id, String lang, float[] embedding) {}

    /** A question about the articles; a standing one keeps its top 10 up to date. */
    public record Question(String id, float[] embedding, boolean standing) {}

    /**
     * Indexes the articles and answers the questions inside the user's own job; the outputs'
     * results(), subscriptionUpdates() and rejections() go to the job's sinks.
     */
    public static VectorIndex.Outputs searchArticles(
            DataStream<Article> articles, DataStream<Question> questions, Path collectionsFile) {
        DataStream<Mutation> mutations =
                articles.map(OwnJobExample::upsert).returns(Mutation.class);
        DataStream<Query> queries = questions.map(OwnJobExample::ask).returns(Query.class);
        return VectorIndex.builder().collections(collectionsFile).build().apply(mutations, queries);
    }

    static Mutation upsert(Article a) {
        return Mutation.upsert("articles", a.id(), a.embedding(), Map.of("lang", a.lang()));
    }

    static Query ask(Question q) {
        return q.standing()
                ? Query.subscribe(q.id(), "articles", q.embedding(), 10, 0, Map.of())
                : Query.knn(q.id(), "articles", q.embedding(), 10, 0, Map.of());
    }
    // README example ends
}
