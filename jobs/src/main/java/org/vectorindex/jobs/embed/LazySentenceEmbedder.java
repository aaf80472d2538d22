package org.vectorindex.jobs.embed;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Text to its sentence vector with a model opened on first use, so that a run that never embeds
 * (the usual case of a dashboard's text box) never loads it. Thread-safe.
 */
public final class LazySentenceEmbedder implements Function<String, float[]>, AutoCloseable {
    private final Supplier<TokenEmbedder> open;
    private TokenEmbedder embedder;
    private boolean closed;

    /** all-MiniLM-L6-v2, the demo's model. */
    public static LazySentenceEmbedder miniLm() {
        return new LazySentenceEmbedder(TokenEmbedder::miniLm);
    }

    LazySentenceEmbedder(Supplier<TokenEmbedder> open) {
        this.open = open;
    }

    @Override
    public synchronized float[] apply(String text) {
        if (closed) {
            throw new IllegalStateException("the embedder is closed");
        }
        if (embedder == null) {
            embedder = open.get();
        }
        return embedder.sentenceVector(text);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (embedder != null) {
            embedder.close();
        }
    }
}
