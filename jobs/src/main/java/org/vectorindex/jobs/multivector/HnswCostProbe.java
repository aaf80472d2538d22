package org.vectorindex.jobs.multivector;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.vectorindex.state.hnsw.HnswIndex;

/**
 * Reads how many vectors the last HNSW search scored, so the benchmark can charge the graph walk in
 * multiply-adds (scored vectors × FDE dimension) instead of leaving it out. {@link HnswIndex} has
 * no public counter yet, so this measurement-only shim reads the level-0 beam's counter
 * reflectively; it prefers a public {@code lastSearchVisited()} once the index offers one. The
 * greedy descent through the upper levels (a few dozen scores) is not included.
 */
final class HnswCostProbe {
    private final Object target;
    private final Method counter;

    private HnswCostProbe(Object target, Method counter) {
        this.target = target;
        this.counter = counter;
    }

    /** A probe for {@code graph}, or null when the counter cannot be reached. */
    static HnswCostProbe attach(HnswIndex graph) {
        if (graph == null) {
            return null;
        }
        try {
            return new HnswCostProbe(graph, HnswIndex.class.getMethod("lastSearchVisited"));
        } catch (NoSuchMethodException ignored) {
            // fall through to the internal counter
        }
        try {
            Field f = HnswIndex.class.getDeclaredField("searcher");
            f.setAccessible(true);
            Object searcher = f.get(graph);
            Method m = searcher.getClass().getDeclaredMethod("visitedCount");
            m.setAccessible(true);
            return new HnswCostProbe(searcher, m);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    long lastScored() {
        try {
            return ((Number) counter.invoke(target)).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("HNSW visit counter unreadable", e);
        }
    }
}
