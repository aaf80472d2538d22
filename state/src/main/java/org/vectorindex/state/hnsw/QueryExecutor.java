package org.vectorindex.state.hnsw;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.vectorindex.state.math.Metric;

/**
 * Runs one prepared query over an index: a graph walk, filtered or not, or an exact scan, and turns
 * the ordinals found into hits. Its scratch (scorer, heap, entry) is reused by every query.
 */
final class QueryExecutor {
    private final HnswGraph graph;
    private final IdTable ids;
    private final Metric metric;
    private final GraphSearcher searcher;
    private final AttributePostings postings;
    private final VectorStore.QueryScorer queryScorer;
    private final LongHeap exactHeap = LongHeap.minHeap(64);
    private final long[] entry = new long[1];
    private final IntPredicate live;
    private final IntPredicate selected;
    private final FilterAccept filterAccept = new FilterAccept();
    private long lastScored;

    QueryExecutor(
            HnswGraph graph,
            VectorStore store,
            IdTable ids,
            Metric metric,
            GraphSearcher searcher,
            AttributePostings postings) {
        this.graph = graph;
        this.ids = ids;
        this.metric = metric;
        this.searcher = searcher;
        this.postings = postings;
        this.queryScorer = store.new QueryScorer();
        this.live = graph::isLive;
        this.selected = postings::isSelected;
    }

    /** Vectors the last query scored. */
    long lastScored() {
        return lastScored;
    }

    /** Top k of the live ordinals accepted by {@code filter} (null: all) by their ids. */
    List<SearchHit> accepting(
            float[] q, int k, int beam, Predicate<String> filter, int ordinalLimit) {
        if (filter == null) {
            walk(q, beam, live, Integer.MAX_VALUE);
            return collect(searcher.results(), k);
        }
        IntPredicate accept = filterAccept.reset(filter);
        int accepted = countAccepted(accept, ordinalLimit);
        if (accepted == 0) {
            lastScored = 0;
            return List.of();
        }
        boolean complete = walk(q, beam, accept, accepted);
        if (complete && searcher.results().size() >= Math.min(k, accepted)) {
            return collect(searcher.results(), k);
        }
        return exact(q, k, accept, ordinalLimit);
    }

    /**
     * Top k of the live ordinals whose attributes satisfy {@code filter}: a walk when it is
     * expected to score fewer vectors than the selected ones, else (or when the walk cannot supply
     * k accepted hits within as many scores) an exact scan of them.
     */
    List<SearchHit> selectedBy(
            float[] q, int k, int beam, AttributeFilter filter, int ordinalLimit, int m, int live) {
        int accepted = postings.select(filter, ordinalLimit);
        if (accepted == 0) {
            lastScored = 0;
            return List.of();
        }
        // a filtered walk scores about beam * m nodes per accepted share of the live ones
        long walkCost = (long) beam * m * live / accepted;
        if (walkCost < accepted) {
            boolean complete = walk(q, beam, selected, accepted);
            if (complete && searcher.results().size() >= Math.min(k, accepted)) {
                return collect(searcher.results(), k);
            }
        }
        return exactSelected(q, k, ordinalLimit);
    }

    /** Exact top k of the live ordinals accepted by {@code filter} (null: all) by their ids. */
    List<SearchHit> exactAccepting(float[] q, int k, Predicate<String> filter, int ordinalLimit) {
        return exact(q, k, filter == null ? live : filterAccept.reset(filter), ordinalLimit);
    }

    /** Exact top k of the live ordinals whose attributes satisfy {@code filter}. */
    List<SearchHit> exactSelectedBy(float[] q, int k, AttributeFilter filter, int ordinalLimit) {
        postings.select(filter, ordinalLimit);
        return exactSelected(q, k, ordinalLimit);
    }

    private List<SearchHit> exactSelected(float[] q, int k, int ordinalLimit) {
        exactHeap.clear();
        lastScored = 0;
        VectorStore.QueryScorer scorer = queryScorer.reset(q);
        for (int o = postings.nextSelected(0, ordinalLimit);
                o >= 0;
                o = postings.nextSelected(o + 1, ordinalLimit)) {
            exactHeap.pushBounded(NodeScore.encode(o, scorer.score(o)), k);
            lastScored++;
        }
        return collect(exactHeap, k);
    }

    private List<SearchHit> exact(float[] q, int k, IntPredicate accept, int ordinalLimit) {
        exactHeap.clear();
        lastScored = 0;
        VectorStore.QueryScorer scorer = queryScorer.reset(q);
        for (int ordinal = 0; ordinal < ordinalLimit; ordinal++) {
            if (graph.exists(ordinal) && accept.test(ordinal)) {
                exactHeap.pushBounded(NodeScore.encode(ordinal, scorer.score(ordinal)), k);
                lastScored++;
            }
        }
        return collect(exactHeap, k);
    }

    private boolean walk(float[] q, int beam, IntPredicate accept, int visitLimit) {
        VectorStore.QueryScorer scorer = queryScorer.reset(q);
        searcher.resetScored();
        int ep = graph.entryPoint();
        long current = NodeScore.encode(ep, scorer.score(ep));
        for (int level = graph.maxLevel(); level > 0; level--) {
            current = searcher.greedy(scorer, current, level);
        }
        entry[0] = current;
        boolean complete = searcher.searchLevel(scorer, entry, 1, beam, 0, accept, visitLimit);
        lastScored = 1 + searcher.scored();
        return complete;
    }

    private List<SearchHit> collect(LongHeap heap, int k) {
        while (heap.size() > k) {
            heap.pop();
        }
        SearchHit[] hits = new SearchHit[heap.size()];
        for (int i = hits.length - 1; i >= 0; i--) {
            long top = heap.pop();
            hits[i] =
                    new SearchHit(
                            ids.id(NodeScore.node(top)),
                            metric.externalScore(NodeScore.score(top)));
        }
        return List.of(hits);
    }

    private int countAccepted(IntPredicate accept, int ordinalLimit) {
        int n = 0;
        for (int ordinal = 0; ordinal < ordinalLimit; ordinal++) {
            if (graph.exists(ordinal) && accept.test(ordinal)) {
                n++;
            }
        }
        return n;
    }

    /** Live and accepted by a user filter over ids; one reusable instance. */
    private final class FilterAccept implements IntPredicate {
        private Predicate<String> filter;

        FilterAccept reset(Predicate<String> filter) {
            this.filter = filter;
            return this;
        }

        @Override
        public boolean test(int ordinal) {
            return graph.isLive(ordinal) && filter.test(ids.id(ordinal));
        }
    }
}
