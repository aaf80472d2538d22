package org.vectorindex.state.keyed;

import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * The smallest keyed operator that keeps multi-vector collections in {@link KeyedMultiVectorState}:
 * applies commands to the current key's index and prints search answers and digests as strings to
 * compare.
 */
class MultiVectorFunction extends KeyedProcessFunction<String, MultiVectorCommand, String> {
    private static final Predicate<String> EVEN = id -> Integer.parseInt(id.substring(1)) % 2 == 0;
    private final MultiVectorConfig config;
    private transient KeyedMultiVectorState collections;

    MultiVectorFunction(MultiVectorConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        collections = new KeyedMultiVectorState(getRuntimeContext(), "mv");
    }

    @Override
    public void processElement(MultiVectorCommand c, Context ctx, Collector<String> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        if (c.op().equals("clear")) {
            collections.clear(key);
            return;
        }
        MultiVectorIndex index = collections.current(key, config);
        switch (c.op()) {
            case "upsert" -> index.upsertFlat(c.id(), c.tokens());
            case "delete" -> index.delete(c.id());
            case "search" -> out.collect(key + "|" + c.id() + "|" + search(index, c));
            case "digest" -> out.collect(key + "|digest|" + index.digest() + "|" + index.size());
            default -> throw new IllegalArgumentException(c.op());
        }
        collections.persist(key);
    }

    private String search(MultiVectorIndex index, MultiVectorCommand c) {
        int dim = config.dimension();
        float[][] query = new float[c.tokens().length / dim][];
        for (int t = 0; t < query.length; t++) {
            query[t] = java.util.Arrays.copyOfRange(c.tokens(), t * dim, (t + 1) * dim);
        }
        Predicate<String> filter = c.id().startsWith("even") ? EVEN : null;
        return index.search(query, c.k(), 3 * c.k(), config.pruning(), filter).hits().stream()
                .map(h -> h.id() + ":" + h.score())
                .collect(Collectors.joining(","));
    }
}
