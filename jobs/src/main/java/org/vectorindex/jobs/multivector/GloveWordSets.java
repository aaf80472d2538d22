package org.vectorindex.jobs.multivector;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Real-vector multi-vector data for cheap checks: "sentences" as sets of GloVe word vectors, from
 * {@code glove-100-angular-20k} (20,000 lower-case words × 100 d).
 *
 * <p>The data folder holds no running text, so sentences are built deterministically as topic
 * mixtures. A topic is one of the 200 held-out query words ({@code angular_query_words.txt}) and
 * its words are that word's 100 nearest vocabulary words by cosine ({@code
 * angular_groundtruth.ivecs}). A document draws 3 distinct topics and 15–30 words from each topic's
 * neighbour list, plus 5–15 function words from the 200 most frequent words; a query draws 2
 * topics, 4–8 words from each and 1–3 function words. Words are deduplicated (it is a word
 * <em>set</em>), each token is the normalised vector of its word. All draws come from a {@link
 * SplittableRandom} with a caller-given seed, so the corpus is identical on every run. Documents
 * and queries use different seeds: queries are held out, not copies of documents.
 */
public final class GloveWordSets {
    public static final String FOLDER = "glove-100-angular-20k";
    private static final int FUNCTION_WORDS = 200;

    private final String[] vocab;
    private final float[] vectors; // as stored in GloVe (not normalised), 20000 × dim
    private final int dim;
    private final int[][] topics; // 200 × 100 vocabulary ids

    /** One word set: an id, its words, and their GloVe vectors (unnormalised). */
    public record WordSet(String id, List<String> words, float[][] vectors) {}

    private GloveWordSets(String[] vocab, float[] vectors, int dim, int[][] topics) {
        this.vocab = vocab;
        this.vectors = vectors;
        this.dim = dim;
        this.topics = topics;
    }

    /**
     * The data folder {@code ../shared/data/glove-100-angular-20k} as seen from the repository root
     * or from a module directory, or null when absent (tests then skip).
     */
    public static Path locate() {
        for (String base : new String[] {"../shared/data", "../../shared/data"}) {
            Path p = Path.of(base, FOLDER);
            if (Files.isRegularFile(p.resolve("vectors.fvecs"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    public static GloveWordSets load(Path folder) throws IOException {
        List<String> words =
                Files.readAllLines(folder.resolve("vocab.txt"), StandardCharsets.UTF_8);
        float[][] raw = readFvecs(folder.resolve("vectors.fvecs"));
        if (raw.length != words.size()) {
            throw new IOException(
                    "vocab.txt has " + words.size() + " words but vectors.fvecs " + raw.length);
        }
        int dim = raw[0].length;
        float[] flat = new float[raw.length * dim];
        for (int i = 0; i < raw.length; i++) {
            System.arraycopy(raw[i], 0, flat, i * dim, dim);
        }
        int[][] topics = readIvecs(folder.resolve("angular_groundtruth.ivecs"));
        return new GloveWordSets(words.toArray(new String[0]), flat, dim, topics);
    }

    public int dimension() {
        return dim;
    }

    public int vocabularySize() {
        return vocab.length;
    }

    /** {@code n} documents {@code doc-0 …}: 3 topics × 15–30 words + 5–15 function words. */
    public List<WordSet> documents(int n, long seed) {
        return generate("doc-", n, seed, 3, 15, 30, 5, 15);
    }

    /** {@code n} held-out queries {@code q-0 …}: 2 topics × 4–8 words + 1–3 function words. */
    public List<WordSet> queries(int n, long seed) {
        return generate("q-", n, seed, 2, 4, 8, 1, 3);
    }

    /** The GloVe vector of a vocabulary word, by rank, as stored (not normalised). */
    public float[] vector(int rank) {
        return java.util.Arrays.copyOfRange(vectors, rank * dim, (rank + 1) * dim);
    }

    private List<WordSet> generate(
            String prefix,
            int n,
            long seed,
            int topicCount,
            int minWords,
            int maxWords,
            int minFunction,
            int maxFunction) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<WordSet> out = new ArrayList<>(n);
        int[] chosen = new int[topicCount];
        for (int d = 0; d < n; d++) {
            Set<Integer> ids = new LinkedHashSet<>();
            for (int t = 0; t < topicCount; t++) {
                int topic;
                boolean dup;
                do {
                    topic = rnd.nextInt(topics.length);
                    dup = false;
                    for (int u = 0; u < t; u++) {
                        dup |= chosen[u] == topic;
                    }
                } while (dup);
                chosen[t] = topic;
                int words = minWords + rnd.nextInt(maxWords - minWords + 1);
                int[] pick = sample(rnd, topics[topic].length, words);
                for (int p : pick) {
                    ids.add(topics[topic][p]);
                }
            }
            int function = minFunction + rnd.nextInt(maxFunction - minFunction + 1);
            for (int p : sample(rnd, FUNCTION_WORDS, function)) {
                ids.add(p);
            }
            List<String> words = new ArrayList<>(ids.size());
            float[][] vs = new float[ids.size()][];
            int i = 0;
            for (int id : ids) {
                words.add(vocab[id]);
                vs[i++] = vector(id);
            }
            out.add(new WordSet(prefix + d, words, vs));
        }
        return out;
    }

    /** {@code k} distinct values of {@code [0, n)} by a partial Fisher–Yates shuffle. */
    private static int[] sample(SplittableRandom rnd, int n, int k) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, k);
    }

    static float[][] readFvecs(Path path) throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path))) {
            DataInputStream data = new DataInputStream(in);
            byte[] head = new byte[4];
            while (data.read(head, 0, 1) == 1) {
                data.readFully(head, 1, 3);
                int d = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
                byte[] body = new byte[4 * d];
                data.readFully(body);
                float[] row = new float[d];
                ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(row);
                rows.add(row);
            }
        }
        return rows.toArray(new float[0][]);
    }

    static int[][] readIvecs(Path path) throws IOException {
        float[][] asFloats = readFvecs(path); // same layout; reinterpret the bits
        int[][] out = new int[asFloats.length][];
        for (int i = 0; i < asFloats.length; i++) {
            out[i] = new int[asFloats[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = Float.floatToRawIntBits(asFloats[i][j]);
            }
        }
        return out;
    }
}
