package org.vectorindex.jobs.bench;

import java.util.List;
import org.vectorindex.state.math.Metric;

/**
 * The systems of one {@code bench hnsw} run in a fixed order: the in-JVM {@link AnnSystem}s, then
 * hnswlib when it runs. The benchmark times the Java systems here and takes hnswlib's timings from
 * its process, so every system is measured around the same work: one build, one pass of queries.
 */
final class Participants {
    private final List<AnnSystem> systems;
    private final HnswlibProcess hnswlib;
    private final Metric metric;
    private final int m;
    private final int efConstruction;
    private final long seed;

    Participants(
            List<AnnSystem> systems,
            HnswlibProcess hnswlib,
            Metric metric,
            int m,
            int efConstruction,
            long seed) {
        this.systems = systems;
        this.hnswlib = hnswlib;
        this.metric = metric;
        this.m = m;
        this.efConstruction = efConstruction;
        this.seed = seed;
    }

    int size() {
        return systems.size() + (hnswlib == null ? 0 : 1);
    }

    String name(int i) {
        return i < systems.size() ? systems.get(i).name() : HnswlibProcess.NAME;
    }

    Stopwatch.Sample build(int i, float[][] base) throws Exception {
        if (i < systems.size()) {
            AnnSystem s = systems.get(i);
            return Stopwatch.once(() -> s.build(base));
        }
        return hnswlib.build(base.length, metric, m, efConstruction, seed);
    }

    SearchPass search(
            int i, float[][] queries, int k, int ef, double minSeconds, Stopwatch.Clock clock)
            throws Exception {
        if (i < systems.size()) {
            AnnSystem s = systems.get(i);
            int[][][] answers = new int[1][][];
            Stopwatch.Sample t =
                    Stopwatch.repeat(
                            () -> answers[0] = HnswBench.searchAll(s, queries, k, ef),
                            minSeconds,
                            clock);
            return new SearchPass(t, answers[0]);
        }
        return hnswlib.search(ef, k, queries.length, minSeconds);
    }
}
