package org.vectorindex.jobs.multivector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.embed.EmbeddedPassage;
import org.vectorindex.jobs.embed.EmbeddingCache;
import org.vectorindex.jobs.embed.EuroparlCorpus;
import org.vectorindex.jobs.embed.EuroparlEmbeddings;
import org.vectorindex.jobs.embed.TextEmbedding;
import org.vectorindex.jobs.embed.TokenEmbedder;

/**
 * The {@code europarl} corpus provider on a tiny cache of its own (never the user's ~/.cache):
 * found by ServiceLoader, maps cached passages to documents and queries unchanged, serves hits
 * without the model and sends misses to the embedder factory.
 */
class EuroparlMiniLmCorpusTest {
    private static final int DIM = 8;
    private static final EuroparlCorpus.Selection EN = EuroparlCorpus.Selection.ENGLISH_SENTENCES;

    /** Proves a request was served from the cache: the model must not be asked for. */
    private static final Supplier<TokenEmbedder> NO_MODEL =
            () -> {
                throw new AssertionError("cache miss: the model was asked for");
            };

    private static List<EuroparlCorpus.Passage> passages;

    @TempDir Path cache;

    @BeforeAll
    static void loadText() {
        passages = EuroparlCorpus.load(EuroparlMiniLmCorpusTest.class.getClassLoader()).select(EN);
    }

    private Map<String, String> options() {
        return Map.of("selection", "en", "cache-dir", cache.toString());
    }

    private Path cacheFile(String role) {
        return cache.resolve(TokenEmbedder.MINILM_ID)
                .resolve("europarl-" + EN.key() + "-" + role + ".fvie");
    }

    /** Seeded, clustered-by-word token vectors (not normalised: the index normalises). */
    private static float[][] tokens(String id, int n) {
        SplittableRandom rnd = new SplittableRandom(id.hashCode());
        float[][] t = new float[n][DIM];
        for (float[] v : t) {
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) rnd.nextGaussian();
            }
        }
        return t;
    }

    private static List<EmbeddedPassage> fake(List<EuroparlCorpus.Passage> from) {
        List<EmbeddedPassage> out = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            String id = from.get(i).id();
            out.add(new EmbeddedPassage(id, new float[DIM], tokens(id, 2 + i % 5)));
        }
        return out;
    }

    @Test
    void serviceLoaderFindsTheEuroparlProvider() {
        List<String> names = new ArrayList<>();
        TokenCorpusProvider found = null;
        for (TokenCorpusProvider p : ServiceLoader.load(TokenCorpusProvider.class)) {
            names.add(p.name());
            if (p.name().equals("europarl")) {
                found = p;
            }
        }
        assertInstanceOf(EuroparlMiniLmCorpus.Provider.class, found, "providers: " + names);
        assertTrue(names.contains("glove"), "providers: " + names);
    }

    @Test
    void mapsCachedPassagesWithoutTheModel() throws Exception {
        int docStart = 0;
        int queryStart = passages.size() - EuroparlEmbeddings.HELD_OUT;
        List<EmbeddedPassage> docs = fake(passages.subList(docStart, 6));
        List<EmbeddedPassage> queries = fake(passages.subList(queryStart, queryStart + 3));
        EmbeddingCache.write(cacheFile("docs"), DIM, docs);
        EmbeddingCache.write(cacheFile("queries"), DIM, queries);

        TokenCorpus corpus = new EuroparlMiniLmCorpus.Provider(NO_MODEL, false).open(options());
        assertEquals("europarl-" + EN.key() + "-" + TokenEmbedder.MINILM_ID, corpus.name());
        assertSameDocs(docs.subList(0, 4), corpus.docs(4));
        assertSameDocs(queries.subList(0, 2), corpus.queries(2));
        // One more than the cache holds is a miss, which goes to the embedder factory.
        assertThrows(AssertionError.class, () -> corpus.docs(7));
        assertThrows(AssertionError.class, () -> corpus.queries(4));
    }

    @Test
    void aMissEmbedsOnlyTheRestThenTheBenchRunsFromTheCache() throws Exception {
        TokenCorpus embedding =
                new EuroparlMiniLmCorpus.Provider(WordHashEmbedder::new, false).open(options());
        List<TokenCorpus.Doc> docs = embedding.docs(60);
        List<TokenCorpus.Doc> queries = embedding.queries(4);
        for (int i = 0; i < docs.size(); i++) {
            assertEquals(passages.get(i).id(), docs.get(i).id());
            assertEquals(
                    WordHashEmbedder.words(passages.get(i).text()).length,
                    docs.get(i).vectors().length);
        }
        int queryStart = passages.size() - EuroparlEmbeddings.HELD_OUT;
        assertEquals(passages.get(queryStart + 3).id(), queries.get(3).id());

        // The service-loaded provider (real model on a miss) now runs the bench from the cache.
        Path json = cache.resolve("out.json");
        int code =
                MultiVectorBenchCommand.run(
                        new String[] {
                            "bench",
                            "multivector",
                            "--corpus",
                            "europarl",
                            "--selection",
                            "en",
                            "--cache-dir",
                            cache.toString(),
                            "--docs",
                            "60",
                            "--queries",
                            "4",
                            "--m",
                            "4",
                            "--k",
                            "5",
                            "--candidates",
                            "5,30",
                            "--json",
                            json.toString()
                        });
        assertEquals(0, code);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(60, report.get("docs").asInt());
        assertEquals(4, report.get("queries").asInt());
        assertEquals(2, report.get("settings").size());
        assertTrue(Files.size(cacheFile("docs")) > 0);
    }

    @Test
    void rejectsAnUnknownSelection() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new EuroparlMiniLmCorpus.Provider(NO_MODEL, false)
                                        .open(Map.of("selection", "fr")));
        assertTrue(e.getMessage().contains("--selection"), e.getMessage());
    }

    private static void assertSameDocs(List<EmbeddedPassage> expected, List<TokenCorpus.Doc> got) {
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).id(), got.get(i).id());
            float[][] e = expected.get(i).tokens();
            assertEquals(e.length, got.get(i).vectors().length);
            for (int t = 0; t < e.length; t++) {
                assertArrayEquals(e[t], got.get(i).vectors()[t]);
            }
        }
    }

    /**
     * A small real embedder for tests: one seeded vector per lower-cased word, so texts that share
     * words share tokens (clustered, not uniform). Reports the MiniLM id so it can fill that cache.
     */
    static final class WordHashEmbedder implements TokenEmbedder {
        private final String modelId;

        WordHashEmbedder() {
            this(TokenEmbedder.MINILM_ID);
        }

        WordHashEmbedder(String modelId) {
            this.modelId = modelId;
        }

        static String[] words(String text) {
            return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                    .filter(w -> !w.isEmpty())
                    .toArray(String[]::new);
        }

        @Override
        public String modelId() {
            return modelId;
        }

        @Override
        public int dimension() {
            return DIM;
        }

        @Override
        public List<TextEmbedding> embed(List<String> texts) {
            List<TextEmbedding> out = new ArrayList<>(texts.size());
            for (String text : texts) {
                String[] w = words(text);
                if (w.length == 0) {
                    throw new IllegalArgumentException("no words in '" + text + "'");
                }
                float[][] t = new float[w.length][];
                float[] mean = new float[DIM];
                for (int i = 0; i < w.length; i++) {
                    t[i] = normalised(tokens(w[i], 1)[0]);
                    for (int d = 0; d < DIM; d++) {
                        mean[d] += t[i][d];
                    }
                }
                out.add(new TextEmbedding(normalised(mean), t));
            }
            return out;
        }

        private static float[] normalised(float[] v) {
            double n = 0;
            for (float x : v) {
                n += x * x;
            }
            float inv = (float) (1 / Math.sqrt(n));
            for (int d = 0; d < v.length; d++) {
                v[d] *= inv;
            }
            return v;
        }

        @Override
        public void close() {}
    }
}
