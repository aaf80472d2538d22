package org.vectorindex.jobs.bench;

/** One timed search pass over the query set (repeated {@code sample.repeats()} times). */
record SearchPass(Stopwatch.Sample sample, int[][] answers) {}
