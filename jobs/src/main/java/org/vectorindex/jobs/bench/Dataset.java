package org.vectorindex.jobs.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.vectorindex.jobs.bench.io.VectorFiles;

/**
 * The vectors a benchmark runs on: base vectors (ordinal = position), query vectors, and optionally
 * the ground-truth ids shipped with them.
 *
 * @param truth per query, base ordinals nearest first; null when no truth file was given
 */
public record Dataset(String name, float[][] base, float[][] queries, int[][] truth) {

    public Dataset {
        Objects.requireNonNull(name, "name is missing");
        Objects.requireNonNull(base, "base is missing");
        Objects.requireNonNull(queries, "queries is missing");
        if (base.length == 0 || queries.length == 0) {
            throw new IllegalArgumentException("a data set needs base and query vectors");
        }
        int dim = base[0].length;
        checkDimension("base", base, dim);
        checkDimension("query", queries, dim);
    }

    private static void checkDimension(String what, float[][] vectors, int dim) {
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException(
                        what
                                + " vector "
                                + i
                                + " has dimension "
                                + vectors[i].length
                                + " but the base vectors have "
                                + dim);
            }
        }
    }

    public int dimension() {
        return base[0].length;
    }

    public int size() {
        return base.length;
    }

    /**
     * Loads files; {@code baseLimit}/{@code queryLimit} below 0 read everything.
     *
     * @param truthFile may be null
     */
    public static Dataset load(
            String name,
            Path baseFile,
            Path queryFile,
            Path truthFile,
            int baseLimit,
            int queryLimit)
            throws IOException {
        float[][] base = VectorFiles.readVectors(baseFile, baseLimit);
        float[][] queries = VectorFiles.readVectors(queryFile, queryLimit);
        int[][] truth = truthFile == null ? null : VectorFiles.readIvecs(truthFile, queries.length);
        return new Dataset(name == null ? nameOf(baseFile) : name, base, queries, truth);
    }

    /**
     * A data set's name: its folder ({@code .../siftsmall/siftsmall_base.fvecs} gives {@code
     * siftsmall}), or the file name without extension when the file sits in the working directory.
     */
    static String nameOf(Path baseFile) {
        Path abs = baseFile.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent != null && parent.getFileName() != null && baseFile.getParent() != null) {
            return parent.getFileName().toString();
        }
        String file = abs.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /**
     * Checks a truth table against this data set and {@code k}: one row per query, at least k ids
     * per row, every id a loaded base ordinal. The last check catches {@code --limit} used with a
     * truth file made for the full base.
     */
    public static void validateTruth(int[][] truth, int queries, int baseSize, int k) {
        if (truth.length < queries) {
            throw new IllegalArgumentException(
                    "truth file has "
                            + truth.length
                            + " rows but there are "
                            + queries
                            + " queries");
        }
        for (int q = 0; q < queries; q++) {
            if (truth[q].length < k) {
                throw new IllegalArgumentException(
                        "truth row " + q + " has " + truth[q].length + " ids, fewer than k=" + k);
            }
            for (int i = 0; i < k; i++) {
                int id = truth[q][i];
                if (id < 0 || id >= baseSize) {
                    throw new IllegalArgumentException(
                            "truth row "
                                    + q
                                    + " names base ordinal "
                                    + id
                                    + " but only "
                                    + baseSize
                                    + " base vectors are loaded; with --limit, omit --truth so the"
                                    + " exact truth is computed for the limited base");
                }
            }
        }
    }
}
