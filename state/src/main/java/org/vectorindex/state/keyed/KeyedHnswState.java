package org.vectorindex.state.keyed;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.IndexMeta;
import org.vectorindex.state.hnsw.NodeRecord;

/**
 * The HNSW indexes of a keyed operator: an in-memory working form per key, with Flink keyed state
 * as its durable image. See the package documentation for why.
 *
 * <p>Use from a keyed function: create in {@code open()}, call {@link #current} in {@code
 * processElement} to get the index of the current key, mutate it, then call {@link #persist} so the
 * changed nodes reach keyed state before the next checkpoint.
 */
public final class KeyedHnswState {
    private final MapState<Integer, NodeRecord> nodes;
    private final MapState<Integer, int[][]> links;
    private final ValueState<IndexMeta> meta;
    private final Map<Object, HnswIndex> working = new HashMap<>();

    /** Registers the keyed state this needs; call from {@code open()}. */
    public KeyedHnswState(RuntimeContext runtimeContext) {
        this(runtimeContext, "hnsw");
    }

    /** As above, with a state-name prefix so one operator can hold several index families. */
    public KeyedHnswState(RuntimeContext runtimeContext, String name) {
        this.nodes =
                runtimeContext.getMapState(
                        new MapStateDescriptor<>(
                                name + "-nodes",
                                IntSerializer.INSTANCE,
                                NodeRecordSerializer.INSTANCE));
        this.links =
                runtimeContext.getMapState(
                        new MapStateDescriptor<>(
                                name + "-links", IntSerializer.INSTANCE, LinksSerializer.INSTANCE));
        this.meta =
                runtimeContext.getState(
                        new ValueStateDescriptor<>(name + "-meta", IndexMetaSerializer.INSTANCE));
    }

    /**
     * The index of the current key, loaded from keyed state on first use after a restore or
     * rescale, or created empty with {@code config}.
     */
    public HnswIndex current(Object currentKey, HnswConfig config) throws Exception {
        HnswIndex index = working.get(currentKey);
        if (index == null) {
            index = load(config);
            working.put(currentKey, index);
        }
        return index;
    }

    private HnswIndex load(HnswConfig config) throws Exception {
        IndexMeta stored = meta.value();
        if (stored == null) {
            return new HnswIndex(config);
        }
        Map<Integer, NodeRecord> records = new HashMap<>();
        for (Map.Entry<Integer, NodeRecord> e : nodes.entries()) {
            records.put(e.getKey(), e.getValue());
        }
        Map<Integer, int[][]> adjacency = new HashMap<>();
        for (Map.Entry<Integer, int[][]> e : links.entries()) {
            adjacency.put(e.getKey(), e.getValue());
        }
        return HnswIndex.restore(config, stored, records, adjacency);
    }

    /** Writes what changed in the current key's index since the last call to keyed state. */
    public void persist(Object currentKey) throws Exception {
        HnswIndex index = working.get(currentKey);
        if (index == null) {
            return;
        }
        if (index.metaChanged()) {
            meta.update(index.meta());
        }
        StateWriter writer = new StateWriter(index);
        index.drainChanges(writer::writeNode, writer::writeLinks);
        writer.rethrow();
    }

    /** Drops the current key's index and its state, e.g. when a collection is removed. */
    public void clear(Object currentKey) {
        working.remove(currentKey);
        nodes.clear();
        links.clear();
        meta.clear();
    }

    /** Writes drained ordinals to state; keeps the first failure since IntConsumer cannot throw. */
    private final class StateWriter {
        private final HnswIndex index;
        private Exception failure;

        StateWriter(HnswIndex index) {
            this.index = index;
        }

        void writeNode(int ordinal) {
            try {
                NodeRecord record = index.nodeRecord(ordinal);
                if (record == null) {
                    nodes.remove(ordinal);
                } else {
                    nodes.put(ordinal, record);
                }
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }

        void writeLinks(int ordinal) {
            try {
                int[][] l = index.links(ordinal);
                if (l == null) {
                    links.remove(ordinal);
                } else {
                    links.put(ordinal, l);
                }
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }

        void rethrow() throws Exception {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
