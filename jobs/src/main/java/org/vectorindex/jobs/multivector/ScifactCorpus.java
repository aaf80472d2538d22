package org.vectorindex.jobs.multivector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.vectorindex.jobs.embed.CachedEmbeddings;
import org.vectorindex.jobs.embed.EmbeddedPassage;
import org.vectorindex.jobs.embed.EmbeddingCache;
import org.vectorindex.jobs.embed.EuroparlCorpus;
import org.vectorindex.jobs.embed.TokenEmbedder;

/**
 * BEIR SciFact ({@code --corpus scifact --scifact-dir DIR}): documents are {@code title + " " +
 * text} of {@code corpus.jsonl.gz}, queries the claims of {@code queries.jsonl}, both as
 * all-MiniLM-L6-v2 token vectors of the first {@value TokenEmbedder#TRAINED_TOKENS} word pieces
 * (the length the model was trained on). Judgements are {@code qrels/train.tsv} ({@link #qrels()}).
 *
 * <p>Embeddings are cached ({@code --cache-dir}, default {@link EmbeddingCache#defaultDir()}) under
 * a name that carries a fingerprint of every id and text, so edited data is never served stale
 * vectors; only a cache miss loads the model.
 */
public final class ScifactCorpus implements TokenCorpus {
    /** Where the data is looked for when {@code --scifact-dir} is absent. */
    static final String FOLDER = "beir-scifact-train";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path cacheDir;
    private final Supplier<TokenEmbedder> embedderFactory;
    private final String modelId;
    private final boolean progress;

    ScifactCorpus(
            Path dir,
            Path cacheDir,
            Supplier<TokenEmbedder> embedderFactory,
            String modelId,
            boolean progress) {
        this.dir = dir;
        this.cacheDir = cacheDir;
        this.embedderFactory = embedderFactory;
        this.modelId = modelId;
        this.progress = progress;
    }

    @Override
    public String name() {
        return "scifact-" + modelId;
    }

    @Override
    public List<Doc> docs(int n) throws IOException {
        return embed(read(dir.resolve("corpus.jsonl.gz"), true), n, "docs");
    }

    @Override
    public List<Doc> queries(int q) throws IOException {
        return embed(read(dir.resolve("queries.jsonl"), false), q, "queries");
    }

    /** The training judgements. */
    @Override
    public Path qrels() {
        return dir.resolve("qrels").resolve("train.tsv");
    }

    private List<Doc> embed(List<EuroparlCorpus.Passage> all, int n, String role) {
        Path file =
                cacheDir.resolve(modelId)
                        .resolve("scifact-" + role + "-" + fingerprint(all) + ".fvie");
        List<EuroparlCorpus.Passage> wanted = n > 0 && n < all.size() ? all.subList(0, n) : all;
        List<EmbeddedPassage> e =
                CachedEmbeddings.embedded(file, wanted, embedderFactory, modelId, progress, role);
        List<Doc> out = new ArrayList<>(e.size());
        for (EmbeddedPassage p : e) {
            out.add(new Doc(p.id(), p.tokens()));
        }
        return out;
    }

    /** Every record's id and text; documents join title and abstract with one space. */
    static List<EuroparlCorpus.Passage> read(Path file, boolean titled) throws IOException {
        List<EuroparlCorpus.Passage> out = new ArrayList<>();
        boolean gz = file.getFileName().toString().endsWith(".gz");
        try (Reader in =
                        new InputStreamReader(
                                gz
                                        ? new GZIPInputStream(Files.newInputStream(file), 1 << 16)
                                        : Files.newInputStream(file),
                                StandardCharsets.UTF_8);
                BufferedReader r = new BufferedReader(in)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o = JSON.readTree(line);
                String text = o.path("text").asText("");
                if (titled) {
                    text = o.path("title").asText("") + " " + text;
                }
                out.add(new EuroparlCorpus.Passage(o.path("_id").asText(), text));
            }
        }
        return out;
    }

    private static String fingerprint(List<EuroparlCorpus.Passage> all) {
        long h = 0xcbf29ce484222325L;
        for (EuroparlCorpus.Passage p : all) {
            h = (h ^ p.id().hashCode()) * 0x100000001b3L;
            h = (h ^ p.text().hashCode()) * 0x100000001b3L;
        }
        return Long.toHexString(h);
    }

    /** Registered under {@code scifact}. */
    public static final class Provider implements TokenCorpusProvider {
        private final Supplier<TokenEmbedder> embedderFactory;
        private final boolean progress;

        /** For {@link java.util.ServiceLoader}: all-MiniLM-L6-v2 cut at 128 word pieces. */
        public Provider() {
            this(() -> TokenEmbedder.miniLm(TokenEmbedder.TRAINED_TOKENS), true);
        }

        /** With another embedder (it must report {@link TokenEmbedder#MINILM_128_ID}). */
        Provider(Supplier<TokenEmbedder> embedderFactory, boolean progress) {
            this.embedderFactory = embedderFactory;
            this.progress = progress;
        }

        @Override
        public String name() {
            return "scifact";
        }

        @Override
        public TokenCorpus open(Map<String, String> options) {
            Path dir =
                    options.containsKey("scifact-dir")
                            ? Path.of(options.get("scifact-dir"))
                            : locate();
            if (dir == null || !Files.isRegularFile(dir.resolve("corpus.jsonl.gz"))) {
                throw new IllegalArgumentException(
                        "SciFact data not found: expected ../shared/data/"
                                + FOLDER
                                + " or --scifact-dir DIR with corpus.jsonl.gz, queries.jsonl"
                                + " and qrels/train.tsv");
            }
            Path cacheDir =
                    options.containsKey("cache-dir")
                            ? Path.of(options.get("cache-dir"))
                            : EmbeddingCache.defaultDir();
            return new ScifactCorpus(
                    dir, cacheDir, embedderFactory, TokenEmbedder.MINILM_128_ID, progress);
        }

        /** {@code ../shared/data/beir-scifact-train} from the repository root or a module. */
        public static Path locate() {
            for (String base : new String[] {"../shared/data", "../../shared/data"}) {
                Path p = Path.of(base, FOLDER);
                if (Files.isDirectory(p)) {
                    return p;
                }
            }
            return null;
        }
    }
}
