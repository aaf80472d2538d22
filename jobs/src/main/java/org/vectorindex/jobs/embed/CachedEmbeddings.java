package org.vectorindex.jobs.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Passages embedded once and then read back from an {@link EmbeddingCache} file: the cached prefix
 * whose ids match the wanted passages is kept, the rest is embedded and the file re-written.
 */
public final class CachedEmbeddings {

    private static final int CHUNK = 256;

    private CachedEmbeddings() {}

    /**
     * The wanted passages, embedded, in order.
     *
     * @param file the cache file (created or extended)
     * @param embedderFactory opens the model; only called on a cache miss
     * @param modelId what the factory's embedder must report (keys the cache)
     * @param progress print embedding progress to stderr
     * @param role what the passages are, for progress lines
     */
    public static List<EmbeddedPassage> embedded(
            Path file,
            List<EuroparlCorpus.Passage> wanted,
            Supplier<TokenEmbedder> embedderFactory,
            String modelId,
            boolean progress,
            String role) {
        List<EmbeddedPassage> cached = List.of();
        if (Files.exists(file)) {
            try {
                cached = EmbeddingCache.read(file, wanted.size()).passages();
            } catch (IOException e) {
                System.err.println("ignoring unreadable embedding cache: " + e.getMessage());
            }
        }
        int valid = 0;
        while (valid < cached.size() && cached.get(valid).id().equals(wanted.get(valid).id())) {
            valid++;
        }
        if (valid == wanted.size()) {
            return cached;
        }
        List<EmbeddedPassage> out = new ArrayList<>(wanted.size());
        out.addAll(cached.subList(0, valid));
        try (TokenEmbedder embedder = embedderFactory.get()) {
            if (!embedder.modelId().equals(modelId)) {
                throw new IllegalStateException(
                        "embedder is " + embedder.modelId() + " but the cache key says " + modelId);
            }
            long start = System.nanoTime();
            int todo = wanted.size() - valid;
            for (int from = valid; from < wanted.size(); from += CHUNK) {
                List<EuroparlCorpus.Passage> chunk =
                        wanted.subList(from, Math.min(wanted.size(), from + CHUNK));
                List<String> texts = new ArrayList<>(chunk.size());
                for (EuroparlCorpus.Passage p : chunk) {
                    texts.add(p.text());
                }
                List<TextEmbedding> e = embedder.embed(texts);
                for (int i = 0; i < chunk.size(); i++) {
                    out.add(
                            new EmbeddedPassage(
                                    chunk.get(i).id(), e.get(i).sentence(), e.get(i).tokens()));
                }
                int done = out.size() - valid;
                if (progress && (done % 2048 < CHUNK || done == todo)) {
                    double ms = (System.nanoTime() - start) / 1e6;
                    System.err.printf(
                            "embedded %d/%d %s passages (%.1f ms each)%n",
                            done, todo, role, ms / done);
                }
            }
            EmbeddingCache.write(file, embedder.dimension(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file, e);
        }
        return out;
    }
}
