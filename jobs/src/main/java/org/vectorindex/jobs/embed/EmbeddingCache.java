package org.vectorindex.jobs.embed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.vectorindex.state.serde.StringFormat;

/**
 * A file of embedded passages, so that re-runs skip the model (10k sentences take minutes to embed,
 * and seconds to read back).
 *
 * <p>Format (version 2), big-endian ints, little-endian float32 vectors:
 *
 * <pre>
 *   int magic 0x46564945 ("FVIE"), int version 2, int dim, int count
 *   count times: id ({@link StringFormat#STRING_VALUE}), float[dim] sentence, int tokens,
 *                float[tokens*dim]
 * </pre>
 *
 * Version 1, which wrote ids with {@code DataOutput.writeUTF} (at most 65,535 bytes), is still
 * read.
 *
 * <p>Files are written to a temporary name and moved into place, so a crash never leaves a
 * half-written cache behind under the real name.
 */
public final class EmbeddingCache {

    /** System property overriding the cache directory. */
    public static final String DIR_PROPERTY = "vectorindex.cache.dir";

    static final int MAGIC = 0x46564945;
    static final int VERSION = 2;

    private EmbeddingCache() {}

    /** {@code -Dvectorindex.cache.dir}, else {@code ${user.home}/.cache/flink-vector-index}. */
    public static Path defaultDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "flink-vector-index");
    }

    /** Writes {@code passages} (all of dimension {@code dim}) to {@code file} atomically. */
    public static void write(Path file, int dim, List<EmbeddedPassage> passages)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                    DataOutputStream out =
                            new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
                DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(out);
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(dim);
                out.writeInt(passages.size());
                ByteBuffer buf =
                        ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (EmbeddedPassage p : passages) {
                    StringFormat.write(p.id(), view);
                    writeVector(out, buf, p.sentence(), dim, p.id());
                    out.writeInt(p.tokens().length);
                    for (float[] t : p.tokens()) {
                        writeVector(out, buf, t, dim, p.id());
                    }
                }
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeVector(
            DataOutputStream out, ByteBuffer buf, float[] v, int dim, String id)
            throws IOException {
        if (v.length != dim) {
            throw new IllegalArgumentException(
                    "passage " + id + " has a vector of dimension " + v.length + ", not " + dim);
        }
        buf.clear();
        buf.asFloatBuffer().put(v);
        out.write(buf.array(), 0, dim * Float.BYTES);
    }

    /** What a cache file holds. */
    public record Contents(int dim, int count, List<EmbeddedPassage> passages) {}

    /**
     * Reads at most {@code limit} passages from {@code file}.
     *
     * @throws IOException if the file is missing, truncated or not a version-1 or -2 cache
     */
    public static Contents read(Path file, int limit) throws IOException {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not an embedding cache (bad magic)");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new IOException(
                        file + " has cache version " + version + ", not 1.." + VERSION);
            }
            StringFormat ids = StringFormat.of(version, 2);
            DataInputViewStreamWrapper view = new DataInputViewStreamWrapper(in);
            int dim = in.readInt();
            int count = in.readInt();
            if (dim <= 0 || count < 0) {
                throw new IOException(file + " has a corrupt header: dim " + dim + ", " + count);
            }
            int n = Math.min(count, limit);
            List<EmbeddedPassage> out = new ArrayList<>(n);
            byte[] bytes = new byte[dim * Float.BYTES];
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            try {
                for (int i = 0; i < n; i++) {
                    String id = ids.read(view);
                    float[] sentence = readVector(in, buf, bytes, dim);
                    int tokens = in.readInt();
                    if (tokens < 0 || tokens > TokenEmbedder.MAX_TOKENS) {
                        throw new IOException(
                                file + ": passage " + id + " has " + tokens + " tokens");
                    }
                    float[][] t = new float[tokens][];
                    for (int j = 0; j < tokens; j++) {
                        t[j] = readVector(in, buf, bytes, dim);
                    }
                    out.add(new EmbeddedPassage(id, sentence, t));
                }
            } catch (EOFException e) {
                throw new IOException(file + " is truncated", e);
            }
            return new Contents(dim, count, out);
        }
    }

    private static float[] readVector(DataInputStream in, ByteBuffer buf, byte[] bytes, int dim)
            throws IOException {
        in.readFully(bytes);
        float[] v = new float[dim];
        buf.clear();
        buf.asFloatBuffer().get(v);
        return v;
    }
}
