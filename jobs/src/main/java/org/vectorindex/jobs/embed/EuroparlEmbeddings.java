package org.vectorindex.jobs.embed;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Embedded Europarl passages, computed once and then read from an {@link EmbeddingCache}.
 *
 * <p>A selection's passages are split into two disjoint, deterministic parts: the last {@value
 * #HELD_OUT} passages (in file order) are held out as queries, the rest are documents. {@link
 * #documents(int)} returns the first {@code n} documents and {@link #heldOut(int)} the first {@code
 * q} held-out passages, so a larger request extends a smaller one and the cache for the largest
 * request serves every smaller one.
 *
 * <p>Cache files are {@code <cacheDir>/<modelId>/europarl-<selection key>-{docs,queries}.fvie};
 * they are reused when their ids match the selection's, and extended (re-written) otherwise.
 */
public final class EuroparlEmbeddings {

    /** Number of passages held out of every selection as queries. */
    public static final int HELD_OUT = 1000;

    private final EuroparlCorpus.Selection selection;
    private final Path cacheDir;
    private final Supplier<TokenEmbedder> embedderFactory;
    private final String modelId;
    private final boolean progress;
    private List<EuroparlCorpus.Passage> passages;

    /**
     * @param selection which passages
     * @param cacheDir cache root, see {@link EmbeddingCache#defaultDir()}
     * @param embedderFactory opens the model; only called on a cache miss
     * @param modelId the {@link TokenEmbedder#modelId()} the factory produces (keys the cache
     *     without loading the model)
     * @param progress print embedding progress to stderr
     */
    public EuroparlEmbeddings(
            EuroparlCorpus.Selection selection,
            Path cacheDir,
            Supplier<TokenEmbedder> embedderFactory,
            String modelId,
            boolean progress) {
        if (selection == null || cacheDir == null || embedderFactory == null || modelId == null) {
            throw new IllegalArgumentException(
                    "selection, cacheDir, embedderFactory and modelId are all required");
        }
        this.selection = selection;
        this.cacheDir = cacheDir;
        this.embedderFactory = embedderFactory;
        this.modelId = modelId;
        this.progress = progress;
    }

    /** all-MiniLM-L6-v2 through {@link DemoLibraries}, cached under {@code cacheDir}. */
    public static EuroparlEmbeddings miniLm(EuroparlCorpus.Selection selection, Path cacheDir) {
        return new EuroparlEmbeddings(
                selection, cacheDir, TokenEmbedder::miniLm, TokenEmbedder.MINILM_ID, true);
    }

    /** The selection's passages (loads the corpus on first use). */
    public synchronized List<EuroparlCorpus.Passage> passages() {
        if (passages == null) {
            passages = EuroparlCorpus.load().select(selection);
            if (passages.size() <= HELD_OUT) {
                throw new IllegalArgumentException(
                        "selection "
                                + selection.key()
                                + " has only "
                                + passages.size()
                                + " passages, fewer than the "
                                + HELD_OUT
                                + " held out as queries");
            }
        }
        return passages;
    }

    /** How many documents {@link #documents(int)} can give. */
    public int documentCapacity() {
        return passages().size() - HELD_OUT;
    }

    /** The first {@code n} document passages, embedded. */
    public List<EmbeddedPassage> documents(int n) {
        List<EuroparlCorpus.Passage> all = passages();
        int cap = all.size() - HELD_OUT;
        if (n < 0 || n > cap) {
            throw new IllegalArgumentException(
                    "documents: n must be in 0.."
                            + cap
                            + " for selection "
                            + selection.key()
                            + ", got "
                            + n);
        }
        return embedded(all.subList(0, n), "docs");
    }

    /** The first {@code q} held-out passages (never among the documents), embedded. */
    public List<EmbeddedPassage> heldOut(int q) {
        List<EuroparlCorpus.Passage> all = passages();
        if (q < 0 || q > HELD_OUT) {
            throw new IllegalArgumentException(
                    "queries: q must be in 0.." + HELD_OUT + ", got " + q);
        }
        int from = all.size() - HELD_OUT;
        return embedded(all.subList(from, from + q), "queries");
    }

    private List<EmbeddedPassage> embedded(List<EuroparlCorpus.Passage> wanted, String role) {
        Path file =
                cacheDir.resolve(modelId)
                        .resolve("europarl-" + selection.key() + "-" + role + ".fvie");
        return CachedEmbeddings.embedded(file, wanted, embedderFactory, modelId, progress, role);
    }
}
