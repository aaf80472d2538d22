package org.vectorindex.jobs.multivector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.embed.TokenEmbedder;

class ScifactCorpusTest {

    private static Path writeScifact(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("scifact"));
        try (OutputStream out =
                new GZIPOutputStream(Files.newOutputStream(data.resolve("corpus.jsonl.gz")))) {
            out.write(
                    String.join(
                                    "\n",
                                    "{\"_id\":\"11\",\"title\":\"Cod stocks\",\"text\":\"Baltic cod"
                                            + " declined.\",\"metadata\":{}}",
                                    "{\"_id\":\"12\",\"title\":\"Budget\",\"text\":\"Culture was"
                                            + " funded.\",\"metadata\":{}}",
                                    "{\"_id\":\"13\",\"title\":\"Fish\",\"text\":\"Herring"
                                            + " recovered slowly.\",\"metadata\":{}}")
                            .getBytes(StandardCharsets.UTF_8));
        }
        Files.write(
                data.resolve("queries.jsonl"),
                List.of(
                        "{\"_id\":\"0\",\"text\":\"Cod declined.\",\"metadata\":{}}",
                        "{\"_id\":\"5\",\"text\":\"Herring is back.\",\"metadata\":{}}"),
                StandardCharsets.UTF_8);
        Files.createDirectories(data.resolve("qrels"));
        Files.write(
                data.resolve("qrels").resolve("train.tsv"),
                List.of("query-id\tcorpus-id\tscore", "0\t11\t1", "5\t13\t1"),
                StandardCharsets.UTF_8);
        return data;
    }

    @Test
    void embedsTitleAndAbstractOnceAndBringsItsJudgements(@TempDir Path dir) throws Exception {
        Path data = writeScifact(dir);
        Path cache = dir.resolve("cache");
        AtomicInteger opened = new AtomicInteger();
        Map<String, String> opts =
                Map.of("scifact-dir", data.toString(), "cache-dir", cache.toString());
        TokenCorpus corpus =
                new ScifactCorpus.Provider(
                                () -> {
                                    opened.incrementAndGet();
                                    return new EuroparlMiniLmCorpusTest.WordHashEmbedder(
                                            TokenEmbedder.MINILM_128_ID);
                                },
                                false)
                        .open(opts);
        List<TokenCorpus.Doc> docs = corpus.docs(0);
        assertEquals(List.of("11", "12", "13"), docs.stream().map(TokenCorpus.Doc::id).toList());
        // "Cod stocks Baltic cod declined." : title, one space, abstract; one token a word.
        assertEquals(5, docs.get(0).vectors().length);
        assertEquals(2, corpus.docs(2).size());
        List<TokenCorpus.Doc> queries = corpus.queries(0);
        assertEquals(List.of("0", "5"), queries.stream().map(TokenCorpus.Doc::id).toList());
        assertEquals(data.resolve("qrels").resolve("train.tsv"), corpus.qrels());
        Qrels qrels = Qrels.read(corpus.qrels());
        assertEquals(1.0, qrels.ndcg("5", List.of("13"), 10), 1e-12);
        int embedded = opened.get();
        assertTrue(embedded >= 2, "docs and queries were embedded");

        // A second run reads the cache and never opens the model.
        TokenCorpus again =
                new ScifactCorpus.Provider(
                                () -> {
                                    throw new AssertionError("the cache should have served");
                                },
                                false)
                        .open(opts);
        assertEquals(5, again.docs(0).get(0).vectors().length);
        assertEquals(2, again.queries(0).size());
        assertEquals("scifact-" + TokenEmbedder.MINILM_128_ID, again.name());
    }

    @Test
    void missingDataIsAClearErrorAndTheCorpusIsRegistered(@TempDir Path dir) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new ScifactCorpus.Provider()
                                        .open(Map.of("scifact-dir", dir.toString())));
        assertTrue(e.getMessage().contains("--scifact-dir"), e.getMessage());
        boolean found = false;
        for (TokenCorpusProvider p : ServiceLoader.load(TokenCorpusProvider.class)) {
            found |= p.name().equals("scifact");
        }
        assertTrue(found, "scifact is registered for --corpus");
    }
}
