package org.vectorindex.jobs.bench.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Readers for the TEXMEX formats the public ANN data sets ship in: every record is a little-endian
 * int32 dimension followed by that many values (float32 for {@code .fvecs}, uint8 for {@code
 * .bvecs}, int32 for {@code .ivecs}). The dimension is repeated per record, so a truncated or
 * foreign file is detected by a dimension that changes or a record that ends early; both raise an
 * {@link IllegalArgumentException} naming the file and the record.
 */
public final class VectorFiles {
    /** Sanity bound: a "dimension" above this means the file is not in TEXMEX layout. */
    static final int MAX_DIMENSION = 1 << 16;

    private VectorFiles() {}

    /** Reads float vectors from an {@code .fvecs} or {@code .bvecs} file, by its extension. */
    public static float[][] readVectors(Path file, int limit) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".fvecs")) {
            return readFvecs(file, limit);
        }
        if (name.endsWith(".bvecs")) {
            return readBvecs(file, limit);
        }
        throw new IllegalArgumentException(
                "unsupported vector file " + file + ": expected a .fvecs or .bvecs file");
    }

    /**
     * Reads up to {@code limit} float32 vectors; {@code limit < 0} reads all.
     *
     * @throws IllegalArgumentException if the file is empty, truncated or not TEXMEX fvecs
     */
    public static float[][] readFvecs(Path file, int limit) throws IOException {
        List<float[]> out = new ArrayList<>();
        try (RecordReader r = new RecordReader(file, Float.BYTES)) {
            ByteBuffer rec;
            while ((limit < 0 || out.size() < limit) && (rec = r.next()) != null) {
                float[] v = new float[r.dimension()];
                rec.asFloatBuffer().get(v);
                out.add(v);
            }
        }
        return nonEmpty(out, file).toArray(new float[0][]);
    }

    /** Reads up to {@code limit} uint8 vectors as floats 0..255; {@code limit < 0} reads all. */
    public static float[][] readBvecs(Path file, int limit) throws IOException {
        List<float[]> out = new ArrayList<>();
        try (RecordReader r = new RecordReader(file, 1)) {
            ByteBuffer rec;
            while ((limit < 0 || out.size() < limit) && (rec = r.next()) != null) {
                float[] v = new float[r.dimension()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rec.get(i) & 0xFF;
                }
                out.add(v);
            }
        }
        return nonEmpty(out, file).toArray(new float[0][]);
    }

    /** Reads up to {@code limit} int32 records (ground-truth neighbour ids); {@code < 0}: all. */
    public static int[][] readIvecs(Path file, int limit) throws IOException {
        List<int[]> out = new ArrayList<>();
        try (RecordReader r = new RecordReader(file, Integer.BYTES)) {
            ByteBuffer rec;
            while ((limit < 0 || out.size() < limit) && (rec = r.next()) != null) {
                int[] v = new int[r.dimension()];
                rec.asIntBuffer().get(v);
                out.add(v);
            }
        }
        return nonEmpty(out, file).toArray(new int[0][]);
    }

    /** Writes float vectors as {@code .fvecs}; used to hand-make data sets and truth files. */
    public static void writeFvecs(Path file, float[][] vectors) throws IOException {
        write(
                file,
                vectors.length,
                i -> vectors[i].length,
                Float.BYTES,
                (i, b) -> b.asFloatBuffer().put(vectors[i]));
    }

    /** Writes int vectors (e.g. ground-truth ids) as {@code .ivecs}. */
    public static void writeIvecs(Path file, int[][] vectors) throws IOException {
        write(
                file,
                vectors.length,
                i -> vectors[i].length,
                Integer.BYTES,
                (i, b) -> b.asIntBuffer().put(vectors[i]));
    }

    /** Writes uint8 vectors as {@code .bvecs}; each value must be in 0..255. */
    public static void writeBvecs(Path file, int[][] vectors) throws IOException {
        write(
                file,
                vectors.length,
                i -> vectors[i].length,
                1,
                (i, b) -> {
                    for (int x : vectors[i]) {
                        if (x < 0 || x > 255) {
                            throw new IllegalArgumentException("bvecs value out of 0..255: " + x);
                        }
                        b.put((byte) x);
                    }
                });
    }

    private interface RecordWriter {
        void put(int record, ByteBuffer body);
    }

    private static void write(
            Path file,
            int records,
            java.util.function.IntUnaryOperator dimension,
            int valueBytes,
            RecordWriter writer)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < records; i++) {
                int dim = dimension.applyAsInt(i);
                ByteBuffer b =
                        ByteBuffer.allocate(4 + dim * valueBytes).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(dim);
                writer.put(i, b.slice().order(ByteOrder.LITTLE_ENDIAN));
                out.write(b.array());
            }
        }
    }

    private static <T> List<T> nonEmpty(List<T> records, Path file) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no records");
        }
        return records;
    }

    /** Streams records of one fixed dimension, reusing one buffer. */
    private static final class RecordReader implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private final int valueBytes;
        private final byte[] header = new byte[4];
        private int dimension = -1;
        private byte[] body;
        private ByteBuffer bodyBuffer;
        private long record;

        RecordReader(Path file, int valueBytes) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("vector file not found: " + file);
            }
            this.file = file;
            this.valueBytes = valueBytes;
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        }

        int dimension() {
            return dimension;
        }

        /** The next record's values (little-endian), or null at a clean end of file. */
        ByteBuffer next() throws IOException {
            int got = in.readNBytes(header, 0, 4);
            if (got == 0) {
                return null;
            }
            if (got < 4) {
                throw truncated("its dimension header", 4, got);
            }
            int dim = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (dim < 1 || dim > MAX_DIMENSION) {
                throw new IllegalArgumentException(
                        file
                                + ": record "
                                + record
                                + " declares dimension "
                                + dim
                                + "; not a TEXMEX vector file (or the wrong extension)");
            }
            if (dimension < 0) {
                dimension = dim;
                body = new byte[dim * valueBytes];
                bodyBuffer = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            } else if (dim != dimension) {
                throw new IllegalArgumentException(
                        file
                                + ": record "
                                + record
                                + " has dimension "
                                + dim
                                + " but the first record has "
                                + dimension
                                + " (truncated, corrupt or not a TEXMEX file)");
            }
            got = in.readNBytes(body, 0, body.length);
            if (got < body.length) {
                throw truncated("its values", body.length, got);
            }
            record++;
            bodyBuffer.clear();
            return bodyBuffer;
        }

        private IllegalArgumentException truncated(String part, int expected, int got) {
            return new IllegalArgumentException(
                    file
                            + " is truncated: record "
                            + record
                            + " ends inside "
                            + part
                            + " ("
                            + got
                            + " of "
                            + expected
                            + " bytes)",
                    new EOFException());
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
