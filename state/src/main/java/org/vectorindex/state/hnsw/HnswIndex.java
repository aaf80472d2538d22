package org.vectorindex.state.hnsw;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.math.VectorMath;

/**
 * An HNSW index over external String ids, with true deletion.
 *
 * <p>Deletes tombstone a node at once (it leaves results immediately, but still routes searches);
 * once tombstones reach {@link HnswConfig#consolidateFraction} of the nodes, {@link GraphRepair}
 * reconnects their in-neighbours and frees their ordinals, lowest first reused. Every choice is a
 * function of the operations and the seed, so the same operations give a bit-identical graph.
 *
 * <p>Not thread-safe: one instance belongs to one Flink key, used by one operator thread.
 */
@Internal
public final class HnswIndex {
    private final HnswConfig config;
    private final Metric metric;
    private final VectorStore store;
    private final HnswGraph graph;
    private final DirtySet changedNodes = new DirtySet();
    private final DirtySet changedLinks = new DirtySet();
    private final GraphSearcher searcher;
    private final QueryExecutor queries;
    private final GraphInserter inserter;
    private final GraphRepair repair;
    private final GraphDigest digest;
    private final LevelAssigner levels;
    private final IdTable ids = new IdTable();
    private final BitSet free = new BitSet();
    private final AttributePostings postings = new AttributePostings();
    private float[] queryBuffer;
    private int ordinalLimit;
    private int liveCount;
    private int deletedCount;

    /** An index whose vectors are kept as {@link HnswConfig#storedEncoding} says. */
    public HnswIndex(HnswConfig config) {
        this.config = Objects.requireNonNull(config, "config is missing");
        this.metric = config.metric();
        VectorStore.Int8Mode mode =
                config.storedEncoding() != StoredEncoding.INT8
                        ? VectorStore.Int8Mode.NONE
                        : metric == Metric.COSINE
                                ? VectorStore.Int8Mode.UNIT
                                : VectorStore.Int8Mode.AFFINE;
        this.store = new VectorStore(config.dimension(), metric, 16, mode);
        this.graph = new HnswGraph(config.m());
        this.searcher = new GraphSearcher(graph);
        NeighborLinker linker = new NeighborLinker(graph, store, changedLinks);
        this.inserter =
                new GraphInserter(
                        graph,
                        store,
                        searcher,
                        linker,
                        changedNodes,
                        changedLinks,
                        config.efConstruction());
        this.repair = new GraphRepair(graph, store, linker, changedLinks);
        this.levels = new LevelAssigner(config.seed(), config.m());
        this.digest = new GraphDigest(graph, store, ids, changedNodes, changedLinks);
        this.queries = new QueryExecutor(graph, store, ids, metric, searcher, postings);
        this.queryBuffer = new float[config.dimension()];
    }

    public HnswConfig config() {
        return config;
    }

    /** Inserts, or replaces the vector of an existing id, without attributes. */
    public void upsert(String id, float[] vector) {
        upsert(id, vector, Map.of());
    }

    /**
     * Inserts, or replaces the vector and attributes of an existing id; {@link AttributeFilter}s
     * select by these attributes. Throws IAE on an invalid vector.
     */
    public void upsert(String id, float[] vector, Map<String, String> attributes) {
        checkId(id);
        float[] v = prepare(vector);
        Objects.requireNonNull(attributes, "attributes are missing");
        int existing = ids.get(id);
        if (existing >= 0) {
            if (store.equalsStored(existing, v)) {
                postings.set(existing, attributes, ordinalLimit);
                return;
            }
            delete(id);
        }
        int ordinal = allocate();
        store.set(ordinal, v);
        ids.set(ordinal, id);
        ids.map(ordinal);
        liveCount++;
        inserter.insert(ordinal, levels.levelOf(id));
        postings.set(ordinal, attributes, ordinalLimit);
        changedNodes.markMeta();
    }

    /**
     * Sets the attributes of a present id, as after a restore: the durable image holds the graph,
     * and attributes are kept beside it by the caller.
     */
    public void setAttributes(String id, Map<String, String> attributes) {
        if (!setAttributesIfPresent(id, attributes)) {
            throw new IllegalArgumentException("no id " + id + " in the index");
        }
    }

    /** As {@link #setAttributes}, but returns false, changing nothing, when the id is absent. */
    public boolean setAttributesIfPresent(String id, Map<String, String> attributes) {
        int ordinal = ids.get(id);
        if (ordinal < 0) {
            return false;
        }
        postings.set(ordinal, attributes, ordinalLimit);
        return true;
    }

    /** Removes an id; returns whether it was present. */
    public boolean delete(String id) {
        int ordinal = ids.unmap(id);
        if (ordinal < 0) {
            return false;
        }
        graph.markDeleted(ordinal);
        postings.clear(ordinal);
        liveCount--;
        deletedCount++;
        changedNodes.mark(ordinal);
        changedNodes.markMeta();
        if (ordinal == graph.entryPoint()) {
            chooseEntryPoint();
        }
        if (deletedCount >= config.consolidateFraction() * (liveCount + deletedCount)) {
            consolidate();
        }
        return true;
    }

    /** Repairs the links around every tombstone now and frees their ordinals. */
    public void consolidate() {
        if (deletedCount == 0) {
            return;
        }
        repair.repairAll(ordinalLimit);
        for (int ordinal = 0; ordinal < ordinalLimit; ordinal++) {
            if (graph.exists(ordinal) && graph.isDeleted(ordinal)) {
                graph.freeNode(ordinal);
                store.clear(ordinal);
                ids.clear(ordinal);
                free.set(ordinal);
                changedNodes.mark(ordinal);
                changedLinks.mark(ordinal);
            }
        }
        deletedCount = 0;
        changedNodes.markMeta();
    }

    public List<SearchHit> search(float[] query, int k) {
        return search(query, k, config.defaultEf());
    }

    public List<SearchHit> search(float[] query, int k, int ef) {
        return searchAccepting(query, k, ef, null);
    }

    /**
     * Top k live ids accepted by {@code filter} (null accepts all), best first, for callers whose
     * attributes the index does not hold: it tests every ordinal's id once to count the accepted
     * ones, so prefer {@link #search(float[], int, int, AttributeFilter)}. A filtered search walks
     * the graph only while that is cheaper than scoring every accepted vector, and falls back to
     * exact search when the graph cannot supply k accepted hits.
     */
    public List<SearchHit> searchAccepting(float[] query, int k, int ef, Predicate<String> filter) {
        checkK(k);
        float[] q = prepareQuery(query);
        if (liveCount == 0) {
            return List.of();
        }
        return queries.accepting(q, k, Math.max(ef, k), filter, ordinalLimit);
    }

    /**
     * Top k live ids whose attributes satisfy {@code filter} (null accepts all), best first. The
     * filter becomes a bit set over ordinals; with few accepted ordinals an exact scan of them is
     * cheaper than a graph walk that must pass the rejected ones, and the walk falls back to the
     * scan when it cannot supply k accepted hits within as many scores.
     */
    public List<SearchHit> search(float[] query, int k, int ef, AttributeFilter filter) {
        if (filter == null) {
            return search(query, k, ef);
        }
        checkK(k);
        float[] q = prepareQuery(query);
        return queries.selectedBy(
                q, k, Math.max(ef, k), filter, ordinalLimit, config.m(), liveCount);
    }

    /** Exact top k of the live ids. */
    public List<SearchHit> exactSearch(float[] query, int k) {
        return exactSearchAccepting(query, k, null);
    }

    /** Exact top k of the live ids whose attributes satisfy {@code filter} (null: all). */
    public List<SearchHit> exactSearch(float[] query, int k, AttributeFilter filter) {
        if (filter == null) {
            return exactSearch(query, k);
        }
        checkK(k);
        return queries.exactSelectedBy(prepareQuery(query), k, filter, ordinalLimit);
    }

    /** Exact top k by scoring every live vector accepted by {@code filter} (null: all). */
    public List<SearchHit> exactSearchAccepting(float[] query, int k, Predicate<String> filter) {
        checkK(k);
        return queries.exactAccepting(prepareQuery(query), k, filter, ordinalLimit);
    }

    public int size() {
        return liveCount;
    }

    /**
     * Vectors the last search scored (graph walk, or exact scan): its cost in distance
     * computations, which benchmarks turn into multiply-adds.
     */
    public long lastSearchScored() {
        return queries.lastScored();
    }

    public boolean contains(String id) {
        return ids.get(id) >= 0;
    }

    /** A copy of the stored vector (normalised under cosine), or null. */
    public float[] vector(String id) {
        int ordinal = ids.get(id);
        return ordinal < 0 ? null : store.copyOf(ordinal);
    }

    /**
     * Heap bytes of the arrays that hold vectors, graph, ids and the id map, at their allocated
     * lengths, plus the free-ordinal set, the search's visited marks and the digest's node hashes;
     * not the scratch of one operation or the change lists a checkpoint drains.
     */
    public long memoryBytes() {
        return store.bytesUsed()
                + graph.bytesUsed()
                + ids.bytesUsed()
                + searcher.visitedBytes()
                + repair.bytesUsed()
                + digest.bytesUsed()
                + postings.bytesUsed()
                + free.size() / 8
                + RamBytes.OBJECT_HEADER;
    }

    /**
     * A 64-bit digest of the whole graph: equal digests mean identical graphs. The first call
     * hashes every node; later calls rehash only the nodes changed since.
     */
    public long graphDigest() {
        return digest.value(ordinalLimit);
    }

    // --- persistence: the durable image in keyed state ---

    public IndexMeta meta() {
        return new IndexMeta(config, graph.entryPoint(), graph.maxLevel(), ordinalLimit);
    }

    /** Whether nodes are durable as {@link #int8NodeRecord} rather than {@link #nodeRecord}. */
    public boolean int8() {
        return store.int8();
    }

    /** The durable payload of an ordinal of a float32 index, or null if it is free. */
    public NodeRecord nodeRecord(int ordinal) {
        return IndexImage.nodeRecord(store, graph, ids, ordinal);
    }

    /** The durable payload of an ordinal of an INT8 index, or null if it is free. */
    public Int8NodeRecord int8NodeRecord(int ordinal) {
        return IndexImage.int8NodeRecord(store, graph, ids, ordinal);
    }

    /** The links of an ordinal, {@code [level][i]} best first, or null if it is free. */
    public int[][] links(int ordinal) {
        return IndexImage.links(graph, ordinal);
    }

    /** Whether the header changed since the last {@link #drainChanges}. */
    public boolean metaChanged() {
        return changedNodes.metaChanged();
    }

    /**
     * Hands over every ordinal whose payload, and then every ordinal whose links, changed (or were
     * freed) since the last call.
     */
    public void drainChanges(IntConsumer nodeChanged, IntConsumer linksChanged) {
        changedNodes.drain(nodeChanged);
        changedLinks.drain(linksChanged);
    }

    /**
     * Rebuilds a float32 index from its durable image; the result is bit-identical to the original.
     * The search-time settings of {@code config} (default ef, consolidate fraction) may differ from
     * the stored ones; the graph-shaping ones may not.
     */
    public static HnswIndex restore(
            HnswConfig config,
            IndexMeta meta,
            Map<Integer, NodeRecord> nodes,
            Map<Integer, int[][]> links) {
        return restore(config, meta, nodes, Map.of(), links);
    }

    /** As above, for an index of either encoding: its nodes are in the map of its encoding. */
    public static HnswIndex restore(
            HnswConfig config,
            IndexMeta meta,
            Map<Integer, NodeRecord> nodes,
            Map<Integer, Int8NodeRecord> int8Nodes,
            Map<Integer, int[][]> links) {
        return IndexImage.restore(config, meta, nodes, int8Nodes, links);
    }

    // --- restore: IndexImage fills a fresh index through these ---

    VectorStore store() {
        return store;
    }

    HnswGraph graph() {
        return graph;
    }

    void beginRestore(int ordinalLimit) {
        ensureCapacity(ordinalLimit);
        this.ordinalLimit = ordinalLimit;
        free.set(0, ordinalLimit);
    }

    void restoreNode(int ordinal, String id, int level, boolean deleted) {
        ids.set(ordinal, id);
        graph.addNode(ordinal, level);
        free.clear(ordinal);
        if (deleted) {
            graph.markDeleted(ordinal);
            deletedCount++;
        } else {
            ids.map(ordinal);
            liveCount++;
        }
    }

    // --- internals ---

    private int allocate() {
        int ordinal = free.nextSetBit(0);
        if (ordinal >= 0 && ordinal < ordinalLimit) {
            free.clear(ordinal);
            return ordinal;
        }
        ordinal = ordinalLimit++;
        ensureCapacity(ordinalLimit);
        return ordinal;
    }

    private void ensureCapacity(int n) {
        store.ensureCapacity(n);
        graph.ensureCapacity(n);
        ids.ensureCapacity(n);
    }

    /** The live node of the highest level, lowest ordinal first; none if the index is empty. */
    private void chooseEntryPoint() {
        int best = -1;
        int bestLevel = -1;
        for (int ordinal = 0; ordinal < ordinalLimit; ordinal++) {
            if (graph.exists(ordinal)
                    && graph.isLive(ordinal)
                    && graph.level(ordinal) > bestLevel) {
                best = ordinal;
                bestLevel = graph.level(ordinal);
            }
        }
        graph.setEntryPoint(best, bestLevel);
        changedNodes.markMeta();
    }

    private float[] prepare(float[] vector) {
        VectorMath.validate(vector, config.dimension(), metric);
        float[] v = vector.clone();
        if (metric.normalizes()) {
            VectorMath.normalizeInPlace(v);
        }
        return v;
    }

    private float[] prepareQuery(float[] query) {
        VectorMath.validate(query, config.dimension(), metric);
        System.arraycopy(query, 0, queryBuffer, 0, queryBuffer.length);
        if (metric.normalizes()) {
            VectorMath.normalizeInPlace(queryBuffer);
        }
        return queryBuffer;
    }

    private static void checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id is missing or empty");
        }
    }

    private static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }
}
