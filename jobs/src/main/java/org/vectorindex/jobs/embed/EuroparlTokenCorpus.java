package org.vectorindex.jobs.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Europarl as a multi-vector corpus for the late-interaction benchmark: every passage becomes its
 * all-MiniLM-L6-v2 token vectors ([CLS]/[SEP] excluded, each normalised). Queries are held-out
 * passages, disjoint from the documents (see {@link EuroparlEmbeddings}). Embeddings are cached, so
 * only the first run pays the model (about 5-20 ms per sentence on two cores).
 */
public final class EuroparlTokenCorpus {

    private final EuroparlEmbeddings embeddings;

    /** All-language sentences ({@link EuroparlCorpus.Selection#ALL_SENTENCES}), default cache. */
    public EuroparlTokenCorpus() {
        this(EuroparlCorpus.Selection.ALL_SENTENCES, EmbeddingCache.defaultDir());
    }

    public EuroparlTokenCorpus(EuroparlCorpus.Selection selection, Path cacheDir) {
        this(EuroparlEmbeddings.miniLm(selection, cacheDir));
    }

    public EuroparlTokenCorpus(EuroparlEmbeddings embeddings) {
        this.embeddings = embeddings;
    }

    /** How many documents are available. */
    public int maxDocs() {
        return embeddings.documentCapacity();
    }

    /** The first {@code n} documents (deterministic; a prefix of any larger request). */
    public List<TokenDoc> docs(int n) {
        return tokens(embeddings.documents(n));
    }

    /** The first {@code q} held-out queries (at most {@value EuroparlEmbeddings#HELD_OUT}). */
    public List<TokenDoc> queries(int q) {
        return tokens(embeddings.heldOut(q));
    }

    private static List<TokenDoc> tokens(List<EmbeddedPassage> passages) {
        List<TokenDoc> out = new ArrayList<>(passages.size());
        for (EmbeddedPassage p : passages) {
            out.add(new TokenDoc(p.id(), p.tokens()));
        }
        return out;
    }
}
