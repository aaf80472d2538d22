package org.vectorindex.jobs.bench;

import java.io.IOException;

/**
 * One approximate-nearest-neighbour system under test. The benchmark times {@link #build} and
 * {@link #search} from the outside, so both systems are measured by the same clock and loop.
 */
public interface AnnSystem {
    /** Short name used in tables, JSON and the per-query results file. */
    String name();

    /** Builds a fresh index over {@code base}; base ordinal i gets id i. Single-threaded. */
    void build(float[][] base) throws IOException;

    /** The top {@code k} base ordinals for {@code query}, best first, searching with beam ef. */
    int[] search(float[] query, int k, int ef) throws IOException;

    /** Heap bytes of the built index, as defined by {@link #memoryNote()}. */
    long memoryBytes();

    /** What {@link #memoryBytes()} counts, written next to the figure. */
    String memoryNote();
}
