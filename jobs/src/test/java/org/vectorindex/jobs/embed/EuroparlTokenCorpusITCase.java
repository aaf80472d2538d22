package org.vectorindex.jobs.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embeds a few real Europarl sentences, then serves them again from the cache alone. */
class EuroparlTokenCorpusITCase {

    private static final EuroparlCorpus.Selection SELECTION =
            EuroparlCorpus.Selection.ENGLISH_SENTENCES;

    @TempDir Path cache;

    /** An embedder factory that proves a request was served from the cache. */
    private static final Supplier<TokenEmbedder> NO_MODEL =
            () -> {
                throw new AssertionError("cache miss: the model was asked for");
            };

    @Test
    void docsAndQueriesAreDisjointNormalisedAndCached() {
        EuroparlTokenCorpus corpus = new EuroparlTokenCorpus(SELECTION, cache);
        List<TokenDoc> docs = corpus.docs(12);
        List<TokenDoc> queries = corpus.queries(4);
        assertEquals(12, docs.size());
        assertEquals(4, queries.size());

        Set<String> ids = new HashSet<>();
        for (TokenDoc d : docs) {
            ids.add(d.id());
        }
        for (TokenDoc q : queries) {
            assertTrue(ids.add(q.id()), "query " + q.id() + " is also a document");
        }
        for (TokenDoc d : docs) {
            assertTrue(d.tokens().length >= 5, d.id() + " has " + d.tokens().length);
            for (float[] t : d.tokens()) {
                assertEquals(384, t.length);
                double n = 0;
                for (float x : t) {
                    n += x * x;
                }
                assertEquals(1.0, n, 1e-4);
            }
        }

        // A second run, and any prefix, come from the cache without loading the model.
        EuroparlTokenCorpus cached =
                new EuroparlTokenCorpus(
                        new EuroparlEmbeddings(
                                SELECTION, cache, NO_MODEL, TokenEmbedder.MINILM_ID, false));
        assertSameDocs(docs, cached.docs(12));
        assertSameDocs(docs.subList(0, 5), cached.docs(5));
        assertSameDocs(queries.subList(0, 3), cached.queries(3));
        assertThrows(AssertionError.class, () -> cached.docs(13));

        // Extending the request embeds only what is missing and keeps the cached prefix.
        List<TokenDoc> more = corpus.docs(15);
        assertSameDocs(docs, more.subList(0, 12));
        assertSameDocs(more, cached.docs(15));
    }

    @Test
    void rejectsRequestsBeyondTheSelection() {
        EuroparlTokenCorpus corpus =
                new EuroparlTokenCorpus(
                        new EuroparlEmbeddings(
                                SELECTION, cache, NO_MODEL, TokenEmbedder.MINILM_ID, false));
        assertThrows(IllegalArgumentException.class, () -> corpus.docs(corpus.maxDocs() + 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> corpus.queries(EuroparlEmbeddings.HELD_OUT + 1));
        assertThrows(IllegalArgumentException.class, () -> corpus.docs(-1));
    }

    private static void assertSameDocs(List<TokenDoc> expected, List<TokenDoc> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).id(), actual.get(i).id());
            assertEquals(expected.get(i).tokens().length, actual.get(i).tokens().length);
            for (int t = 0; t < expected.get(i).tokens().length; t++) {
                assertArrayEquals(expected.get(i).tokens()[t], actual.get(i).tokens()[t]);
            }
        }
    }
}
