package org.vectorindex.state.keyed;

import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;

/**
 * The smallest keyed operator that keeps an index in {@link KeyedHnswState}: applies commands to
 * the current key's index and prints search answers and digests as strings to compare.
 */
class IndexingFunction extends KeyedProcessFunction<String, IndexCommand, String> {
    private final HnswConfig config;
    private transient KeyedHnswState indexes;

    IndexingFunction(HnswConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        indexes = new KeyedHnswState(getRuntimeContext());
    }

    @Override
    public void processElement(IndexCommand c, Context ctx, Collector<String> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        HnswIndex index = indexes.current(key, config);
        switch (c.op()) {
            case "upsert" -> index.upsert(c.id(), c.vector());
            case "delete" -> index.delete(c.id());
            case "search" ->
                    out.collect(
                            key
                                    + "|"
                                    + c.id()
                                    + "|"
                                    + index.search(c.vector(), c.k(), 32).stream()
                                            .map(h -> h.id() + ":" + h.score())
                                            .collect(Collectors.joining(",")));
            case "digest" ->
                    out.collect(key + "|digest|" + index.graphDigest() + "|" + index.size());
            default -> throw new IllegalArgumentException(c.op());
        }
        indexes.persist(key);
    }
}
