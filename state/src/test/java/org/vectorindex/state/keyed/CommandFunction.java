package org.vectorindex.state.keyed;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * The smallest keyed operator that keeps an index in {@link KeyedHnswState}, or multi-vector
 * collections in {@link KeyedMultiVectorState}: applies commands to the current key's index and
 * prints search answers and digests as strings to compare.
 */
final class CommandFunction extends KeyedProcessFunction<String, IndexCommand, String> {
    private static final Predicate<String> EVEN = id -> Integer.parseInt(id.substring(1)) % 2 == 0;

    /** What the commands do to the current key's index. */
    private record Target(
            BiConsumer<String, float[]> upsert,
            Consumer<String> delete,
            Function<IndexCommand, List<SearchHit>> search,
            Supplier<String> digest) {}

    private final HnswConfig hnsw; // null for multi-vector collections
    private final MultiVectorConfig multiVector; // null for HNSW indexes
    private transient KeyedHnswState indexes;
    private transient KeyedMultiVectorState collections;

    private CommandFunction(HnswConfig hnsw, MultiVectorConfig multiVector) {
        this.hnsw = hnsw;
        this.multiVector = multiVector;
    }

    static CommandFunction hnsw(HnswConfig config) {
        return new CommandFunction(config, null);
    }

    /** Tokens are flat, row-major; search tags starting with "even" accept even doc numbers. */
    static CommandFunction multiVector(MultiVectorConfig config) {
        return new CommandFunction(null, config);
    }

    @Override
    public void open(OpenContext openContext) {
        if (hnsw != null) {
            indexes = new KeyedHnswState(getRuntimeContext());
        } else {
            collections = new KeyedMultiVectorState(getRuntimeContext(), "mv");
        }
    }

    @Override
    public void processElement(IndexCommand c, Context ctx, Collector<String> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        if (c.op().equals("clear") && collections != null) {
            collections.clear(key);
            return;
        }
        Target index = hnsw != null ? hnswIndex(key) : collection(key);
        switch (c.op()) {
            case "upsert" -> index.upsert().accept(c.id(), c.vector());
            case "delete" -> index.delete().accept(c.id());
            case "search" ->
                    out.collect(
                            key
                                    + "|"
                                    + c.id()
                                    + "|"
                                    + index.search().apply(c).stream()
                                            .map(h -> h.id() + ":" + h.score())
                                            .collect(Collectors.joining(",")));
            case "digest" -> out.collect(key + "|digest|" + index.digest().get());
            case "log" -> out.collect(key + "|log|" + logEntries(key));
            default -> throw new IllegalArgumentException(c.op());
        }
        if (hnsw != null) {
            indexes.persist(key);
        } else {
            collections.persist(key);
        }
    }

    /**
     * "chunked entries|entries in the key's own entry log|in the shared entry log|ordinal limit",
     * read from keyed state under the names {@link KeyedHnswState} gives them.
     */
    private String logEntries(String key) throws Exception {
        long chunked = 0;
        for (LogChunk chunk :
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "hnsw-chunks@" + key,
                                        LongSerializer.INSTANCE,
                                        LogChunkSerializer.INSTANCE))
                        .values()) {
            chunked += chunk.records().size();
        }
        return chunked
                + "|"
                + count(entryLog("hnsw-log@" + key))
                + "|"
                + count(entryLog("hnsw-log"))
                + "|"
                + indexes.current(key, hnsw).meta().ordinalLimit();
    }

    private MapState<Long, LogRecord> entryLog(String name) {
        return getRuntimeContext()
                .getMapState(
                        new MapStateDescriptor<>(
                                name, LongSerializer.INSTANCE, LogRecordSerializer.INSTANCE));
    }

    private static long count(MapState<Long, LogRecord> log) throws Exception {
        long n = 0;
        for (Long ignored : log.keys()) {
            n++;
        }
        return n;
    }

    private Target hnswIndex(String key) throws Exception {
        HnswIndex index = indexes.current(key, hnsw);
        return new Target(
                index::upsert,
                index::delete,
                c -> index.search(c.vector(), c.k(), 32),
                () -> index.graphDigest() + "|" + index.size());
    }

    private Target collection(String key) throws Exception {
        MultiVectorIndex index = collections.current(key, multiVector);
        return new Target(
                index::upsertFlat,
                index::delete,
                c -> {
                    int dim = multiVector.dimension();
                    float[][] query = new float[c.vector().length / dim][];
                    for (int t = 0; t < query.length; t++) {
                        query[t] = Arrays.copyOfRange(c.vector(), t * dim, (t + 1) * dim);
                    }
                    Predicate<String> filter = c.id().startsWith("even") ? EVEN : null;
                    return index.search(query, c.k(), 3 * c.k(), multiVector.pruning(), filter)
                            .hits();
                },
                () -> index.digest() + "|" + index.size());
    }
}
