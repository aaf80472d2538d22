package org.vectorindex.jobs.multivector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.vectorindex.jobs.embed.EmbeddingCache;
import org.vectorindex.jobs.embed.EuroparlCorpus;
import org.vectorindex.jobs.embed.EuroparlEmbeddings;
import org.vectorindex.jobs.embed.EuroparlTokenCorpus;
import org.vectorindex.jobs.embed.TokenDoc;
import org.vectorindex.jobs.embed.TokenEmbedder;

/**
 * Europarl sentences as all-MiniLM-L6-v2 token vectors ({@code --corpus europarl}): documents and
 * held-out queries from {@link EuroparlTokenCorpus}, adapted to {@link TokenCorpus}.
 *
 * <p>Why an adapter rather than a second corpus: the embedder package already owns the passage
 * selection, the cache and the model; the benchmark only needs its records under its own type.
 * Nothing here touches onnxruntime, so this class lives in the lean jar. The embeddings are read
 * from the cache ({@code --cache-dir}, default {@link EmbeddingCache#defaultDir()}); only a cache
 * miss asks for the model, which {@link TokenEmbedder#miniLm()} loads through {@link
 * org.vectorindex.jobs.embed.DemoLibraries} from {@code demo-lib/}. The Europarl text itself (to
 * check the cached ids) is also read from there.
 *
 * <p>Options: {@code --selection all|en} (sentences of every language, the default, or English
 * only; 40-300 characters either way), {@code --cache-dir DIR}.
 */
public final class EuroparlMiniLmCorpus implements TokenCorpus {

    /** Documents when {@code --docs} is absent or not positive (capped by the selection). */
    static final int DEFAULT_DOCS = 10_000;

    /** Queries when {@code --queries} is absent or not positive. */
    static final int DEFAULT_QUERIES = 100;

    private final EuroparlTokenCorpus corpus;
    private final String name;

    EuroparlMiniLmCorpus(EuroparlTokenCorpus corpus, String name) {
        this.corpus = corpus;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Doc> docs(int n) {
        return convert(corpus.docs(n > 0 ? n : Math.min(DEFAULT_DOCS, corpus.maxDocs())));
    }

    @Override
    public List<Doc> queries(int q) {
        return convert(corpus.queries(q > 0 ? q : DEFAULT_QUERIES));
    }

    private static List<Doc> convert(List<TokenDoc> in) {
        List<Doc> out = new ArrayList<>(in.size());
        for (TokenDoc d : in) {
            out.add(new Doc(d.id(), d.tokens()));
        }
        return out;
    }

    /** The {@code --selection} value: {@code all} or {@code en}. */
    static EuroparlCorpus.Selection selection(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "all":
                return EuroparlCorpus.Selection.ALL_SENTENCES;
            case "en":
                return EuroparlCorpus.Selection.ENGLISH_SENTENCES;
            default:
                throw new IllegalArgumentException(
                        "--selection wants all (every language) or en (English), got " + value);
        }
    }

    /** Registered under {@code europarl}. */
    public static final class Provider implements TokenCorpusProvider {
        private final Supplier<TokenEmbedder> embedderFactory;
        private final boolean progress;

        /** For {@link java.util.ServiceLoader}: all-MiniLM-L6-v2 through DemoLibraries. */
        public Provider() {
            this(TokenEmbedder::miniLm, true);
        }

        /**
         * With another embedder for cache misses (it must report {@link TokenEmbedder#MINILM_ID}).
         */
        Provider(Supplier<TokenEmbedder> embedderFactory, boolean progress) {
            this.embedderFactory = embedderFactory;
            this.progress = progress;
        }

        @Override
        public String name() {
            return "europarl";
        }

        @Override
        public TokenCorpus open(Map<String, String> options) {
            EuroparlCorpus.Selection selection =
                    selection(options.getOrDefault("selection", "all"));
            Path cacheDir =
                    options.containsKey("cache-dir")
                            ? Path.of(options.get("cache-dir"))
                            : EmbeddingCache.defaultDir();
            EuroparlEmbeddings embeddings =
                    new EuroparlEmbeddings(
                            selection,
                            cacheDir,
                            embedderFactory,
                            TokenEmbedder.MINILM_ID,
                            progress);
            return new EuroparlMiniLmCorpus(
                    new EuroparlTokenCorpus(embeddings),
                    "europarl-" + selection.key() + "-" + TokenEmbedder.MINILM_ID);
        }
    }
}
