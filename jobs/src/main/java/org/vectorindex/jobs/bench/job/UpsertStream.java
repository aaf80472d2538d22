package org.vectorindex.jobs.bench.job;

import java.util.Random;
import java.util.function.LongFunction;

/**
 * The upserts {@code bench job} sends: upsert {@code n} has id {@code "u" + n}. From a file, its
 * vector is the file's vector {@code n mod size}, and every pass after the first adds seeded
 * Gaussian noise (5% of the data's RMS component), so ids stay unique and the index keeps growing
 * as a user's would. Synthetic vectors are unique already. Ids are unique so that the job's count
 * of applied upserts is also its count of live vectors.
 */
final class UpsertStream {
    static final String PREFIX = "u";

    private final LongFunction<float[]> vectors;
    private final int dimension;
    private final int size;

    private UpsertStream(LongFunction<float[]> vectors, int dimension, int size) {
        this.vectors = vectors;
        this.dimension = dimension;
        this.size = size;
    }

    static UpsertStream ofFile(float[][] base, long seed) {
        if (base.length == 0) {
            throw new IllegalArgumentException("bench job: the vector file is empty");
        }
        float sigma = 0.05f * rms(base);
        LongFunction<float[]> noisy =
                n -> {
                    float[] v = base[(int) (n % base.length)].clone();
                    if (n >= base.length) {
                        Random r = new Random(seed * 0x9E3779B97F4A7C15L + n);
                        for (int d = 0; d < v.length; d++) {
                            v[d] += (float) r.nextGaussian() * sigma;
                        }
                    }
                    return v;
                };
        return new UpsertStream(noisy, base[0].length, base.length);
    }

    static UpsertStream synthetic(SyntheticVectors s) {
        return new UpsertStream(s::vector, s.dimension(), s.count());
    }

    static String id(long n) {
        return PREFIX + n;
    }

    /** The upsert number of {@code id}, or -1 when it is not one of ours. */
    static long number(String id) {
        return SendLog.number(id, PREFIX);
    }

    float[] vector(long n) {
        return vectors.apply(n);
    }

    /** The first {@code n} vectors, for the single-thread core build. */
    float[][] prefix(int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = vector(i);
        }
        return out;
    }

    int dimension() {
        return dimension;
    }

    /** Vectors in the file, or synthetic vectors asked for. */
    int fileSize() {
        return size;
    }

    private static float rms(float[][] vectors) {
        double sum = 0;
        long count = 0;
        for (float[] v : vectors) {
            for (float x : v) {
                sum += (double) x * x;
            }
            count += v.length;
        }
        return (float) Math.sqrt(sum / Math.max(1, count));
    }
}
