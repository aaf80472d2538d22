package org.vectorindex.jobs.multivector;

import java.util.List;

/**
 * A source of multi-vector documents and held-out queries for {@code bench multivector}. The
 * Europarl + MiniLM token embedder plugs in here: implement this interface and a {@link
 * TokenCorpusProvider} named {@code europarl}, registered in {@code
 * META-INF/services/org.vectorindex.jobs.multivector.TokenCorpusProvider}.
 */
public interface TokenCorpus {

    /** One document or query: an id and its token vectors (any length; the index normalises). */
    record Doc(String id, float[][] vectors) {}

    /** A short description for the report, e.g. {@code glove-word-sets}. */
    String name();

    /** The first {@code n} documents (all of them when {@code n <= 0}). */
    List<Doc> docs(int n) throws Exception;

    /** The first {@code q} queries (all of them when {@code q <= 0}), disjoint from the docs. */
    List<Doc> queries(int q) throws Exception;

    /** The corpus's own relevance judgements (BEIR qrels layout), or null if it has none. */
    default java.nio.file.Path qrels() {
        return null;
    }
}
