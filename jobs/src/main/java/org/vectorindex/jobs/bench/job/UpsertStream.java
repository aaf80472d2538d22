package org.vectorindex.jobs.bench.job;

import java.util.Random;

/**
 * The upserts {@code bench job} sends: upsert {@code n} has id {@code "u" + n} and the file's
 * vector {@code n mod size}; every pass after the first adds seeded Gaussian noise (5% of the
 * data's RMS component), so ids stay unique and the index keeps growing as a user's would. Ids are
 * unique so that the job's count of applied upserts is also its count of live vectors.
 */
final class UpsertStream {
    private final float[][] base;
    private final long seed;
    private final float sigma;

    UpsertStream(float[][] base, long seed) {
        if (base.length == 0) {
            throw new IllegalArgumentException("bench job: the vector file is empty");
        }
        this.base = base;
        this.seed = seed;
        this.sigma = 0.05f * rms(base);
    }

    static final String PREFIX = "u";

    static String id(long n) {
        return PREFIX + n;
    }

    /** The upsert number of {@code id}, or -1 when it is not one of ours. */
    static long number(String id) {
        return SendLog.number(id, PREFIX);
    }

    float[] vector(long n) {
        float[] v = base[(int) (n % base.length)].clone();
        if (n >= base.length) {
            Random r = new Random(seed * 0x9E3779B97F4A7C15L + n);
            for (int d = 0; d < v.length; d++) {
                v[d] += (float) r.nextGaussian() * sigma;
            }
        }
        return v;
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
        return base[0].length;
    }

    int fileSize() {
        return base.length;
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
