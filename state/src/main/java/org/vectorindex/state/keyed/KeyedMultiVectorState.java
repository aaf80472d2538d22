package org.vectorindex.state.keyed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.multivector.CandidateSearch;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * The multi-vector collections of a keyed operator: an in-memory {@link MultiVectorIndex} per key,
 * with Flink keyed state as its durable image, so upserts and deletes by id survive checkpoints,
 * restores and rescaling exactly as single-vector collections do.
 *
 * <p>The image has two parts. The FDE graph is a {@link KeyedHnswState} named {@code name +
 * "-fde"}: the same change log and the same {@code HnswIndex.restore} path as a single-vector
 * index, so the restored graph is bit-identical, not merely rebuilt. The pooled vectors live in
 * {@code MapState<docId, PooledDocument>} named {@code name + "-docs"}, rewritten only for ids that
 * changed since the last {@link #persist}: float32 vectors, or one-byte codes for INT8 collections.
 * Collections with {@link CandidateSearch#EXACT} have no graph and keep each FDE in the document
 * entry instead.
 *
 * <p>The collection centroid (the order of query tokens under distinctiveness pruning) is not
 * stored: it is a fixed-point sum, so summing the restored pooled vectors again, in whatever order
 * the backend iterates them, gives the same bits.
 *
 * <p>Use from a keyed function: create in {@code open()}, call {@link #current} in {@code
 * processElement}, mutate the index, then call {@link #persist} before the next checkpoint.
 */
@Internal
public final class KeyedMultiVectorState {
    private final KeyedHnswState graphs;
    private final MapState<String, PooledDocument> documents;
    private final Map<Object, MultiVectorIndex> working = new HashMap<>();

    /**
     * Registers the keyed state this needs, under names prefixed by {@code name}; call from open().
     */
    public KeyedMultiVectorState(RuntimeContext runtimeContext, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("state name prefix is missing");
        }
        this.graphs = new KeyedHnswState(runtimeContext, name + "-fde");
        this.documents =
                runtimeContext.getMapState(
                        new MapStateDescriptor<>(
                                name + "-docs",
                                StringSerializer.INSTANCE,
                                PooledDocumentSerializer.INSTANCE));
    }

    /**
     * The index of the current key, loaded from keyed state on first use after a restore or
     * rescale, or created empty with {@code config}.
     *
     * @throws IllegalStateException when the stored image does not fit {@code config}
     */
    public MultiVectorIndex current(Object currentKey, MultiVectorConfig config) throws Exception {
        MultiVectorIndex index = working.get(currentKey);
        if (index == null) {
            index = load(currentKey, config);
            working.put(currentKey, index);
        }
        return index;
    }

    private MultiVectorIndex load(Object currentKey, MultiVectorConfig config) throws Exception {
        boolean graph = config.candidateSearch() == CandidateSearch.HNSW;
        HnswIndex candidateGraph =
                graph ? graphs.current(currentKey, config.candidateGraphConfig()) : null;
        Map<String, float[]> pooled = new HashMap<>();
        Map<String, byte[]> codes = new HashMap<>();
        Map<String, float[]> fdes = graph ? null : new HashMap<>();
        for (Map.Entry<String, PooledDocument> e : documents.entries()) {
            PooledDocument d = e.getValue();
            if (d.codes() != null) {
                codes.put(e.getKey(), d.codes());
            } else {
                pooled.put(e.getKey(), d.pooled());
            }
            if (!graph) {
                if (d.fde() == null) {
                    throw new IllegalStateException(
                            "document '"
                                    + e.getKey()
                                    + "' was stored without its FDE: it belongs to an HNSW"
                                    + " collection, but the config says EXACT");
                }
                fdes.put(e.getKey(), d.fde());
            }
        }
        return MultiVectorIndex.restore(config, candidateGraph, pooled, codes, fdes);
    }

    /** Writes what changed in the current key's index since the last call to keyed state. */
    public void persist(Object currentKey) throws Exception {
        MultiVectorIndex index = working.get(currentKey);
        if (index == null) {
            return;
        }
        boolean graph = index.config().candidateSearch() == CandidateSearch.HNSW;
        List<String> changed = new ArrayList<>();
        index.drainChanges(changed::add);
        for (String id : changed) {
            if (!index.contains(id)) {
                documents.remove(id);
                continue;
            }
            float[] fde = graph ? null : index.fde(id);
            byte[] codes = index.pooledCodes(id);
            documents.put(
                    id,
                    codes != null
                            ? new PooledDocument(null, codes, fde)
                            : new PooledDocument(index.pooledFlat(id), fde));
        }
        if (graph) {
            graphs.persist(currentKey);
        }
    }

    /** Drops the current key's index and its state, e.g. when a collection is removed. */
    public void clear(Object currentKey) {
        working.remove(currentKey);
        documents.clear();
        graphs.clear(currentKey);
    }
}
