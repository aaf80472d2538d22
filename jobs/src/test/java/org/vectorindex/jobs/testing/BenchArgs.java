package org.vectorindex.jobs.testing;

import java.util.List;

/** Flags of {@code bench hnsw} that the tests share. */
public final class BenchArgs {
    /** One timed pass per ef, however short: the tests check what is measured, not speed. */
    public static final List<String> ONE_PASS = List.of("--reps", "1", "--min-seconds", "0");

    private BenchArgs() {}
}
