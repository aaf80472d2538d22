package org.vectorindex.jobs.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code embed}: a smoke test and cache warmer for the demo's embedding stack, runnable from the
 * lean jar ({@code java -cp flink-vector-index.jar org.vectorindex.jobs.embed.EmbedCommand ...}).
 *
 * <pre>
 * embed TEXT...                          embed texts; print token counts, norms, cosines, timing
 * embed --docs N [--queries Q] [--selection english-sentences|all-sentences|english-lines]
 *       [--cache-dir DIR]                embed (or read from cache) Europarl passages
 * </pre>
 */
public final class EmbedCommand {

    private EmbedCommand() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args) {
        List<String> texts = new ArrayList<>();
        int docs = -1;
        int queries = 0;
        EuroparlCorpus.Selection selection = EuroparlCorpus.Selection.ENGLISH_SENTENCES;
        Path cacheDir = EmbeddingCache.defaultDir();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--docs" -> docs = Integer.parseInt(value(args, ++i, "--docs"));
                    case "--queries" -> queries = Integer.parseInt(value(args, ++i, "--queries"));
                    case "--selection" -> selection = selection(value(args, ++i, "--selection"));
                    case "--cache-dir" -> cacheDir = Path.of(value(args, ++i, "--cache-dir"));
                    case "-h", "--help" -> {
                        usage();
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        texts.add(args[i]);
                    }
                }
            }
            if (texts.isEmpty() && docs < 0) {
                throw new IllegalArgumentException("give TEXT arguments or --docs N");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("embed: " + e.getMessage());
            usage();
            return 2;
        }
        if (!texts.isEmpty()) {
            embedTexts(texts);
        }
        if (docs >= 0) {
            embedCorpus(selection, cacheDir, docs, queries);
        }
        return 0;
    }

    private static void embedTexts(List<String> texts) {
        long t0 = System.nanoTime();
        try (TokenEmbedder embedder = TokenEmbedder.miniLm()) {
            long t1 = System.nanoTime();
            System.out.printf(
                    Locale.ROOT,
                    "model %s loaded from %s in %d ms%n",
                    embedder.modelId(),
                    DemoLibraries.get().origin(),
                    (t1 - t0) / 1_000_000);
            embedder.embed(texts); // warm-up
            long t2 = System.nanoTime();
            List<TextEmbedding> out = embedder.embed(texts);
            long t3 = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                TextEmbedding e = out.get(i);
                System.out.printf(
                        Locale.ROOT,
                        "text %d: %d tokens x %d, sentence norm %.4f%n",
                        i,
                        e.tokens().length,
                        e.sentence().length,
                        Math.sqrt(dot(e.sentence(), e.sentence())));
            }
            for (int i = 0; i < texts.size(); i++) {
                for (int j = i + 1; j < texts.size(); j++) {
                    System.out.printf(
                            Locale.ROOT,
                            "cosine(%d,%d) = %.4f%n",
                            i,
                            j,
                            dot(out.get(i).sentence(), out.get(j).sentence()));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "embedding: %.2f ms per text (batch of %d, after warm-up)%n",
                    (t3 - t2) / 1e6 / texts.size(),
                    texts.size());
        }
    }

    private static void embedCorpus(
            EuroparlCorpus.Selection selection, Path cacheDir, int docs, int queries) {
        EuroparlEmbeddings emb = EuroparlEmbeddings.miniLm(selection, cacheDir);
        long t0 = System.nanoTime();
        List<EmbeddedPassage> d = emb.documents(docs);
        long t1 = System.nanoTime();
        List<EmbeddedPassage> q = emb.heldOut(queries);
        long t2 = System.nanoTime();
        long tokens = 0;
        for (EmbeddedPassage p : d) {
            tokens += p.tokens().length;
        }
        System.out.printf(
                Locale.ROOT,
                "{\"selection\":\"%s\",\"docs\":%d,\"queries\":%d,\"avgTokens\":%.2f,"
                        + "\"docsSeconds\":%.2f,\"queriesSeconds\":%.2f,\"cacheDir\":\"%s\"}%n",
                selection.key(),
                d.size(),
                q.size(),
                d.isEmpty() ? 0.0 : (double) tokens / d.size(),
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9,
                cacheDir.toString().replace("\\", "\\\\").replace("\"", "\\\""));
    }

    static EuroparlCorpus.Selection selection(String name) {
        return switch (name) {
            case "english-sentences" -> EuroparlCorpus.Selection.ENGLISH_SENTENCES;
            case "all-sentences" -> EuroparlCorpus.Selection.ALL_SENTENCES;
            case "english-lines" ->
                    new EuroparlCorpus.Selection(EuroparlCorpus.Unit.LINE, true, 200, 4000);
            default ->
                    throw new IllegalArgumentException(
                            "unknown selection "
                                    + name
                                    + " (english-sentences, all-sentences, english-lines)");
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static final String USAGE =
            "usage: embed TEXT... | embed --docs N [--queries Q]"
                    + " [--selection english-sentences|all-sentences|english-lines]"
                    + " [--cache-dir DIR]";

    private static void usage() {
        System.err.println(USAGE);
    }
}
