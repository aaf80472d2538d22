package org.vectorindex.state.hnsw;

import java.util.Arrays;
import java.util.Map;

/**
 * An index's durable image: the records of its nodes and links, and its rebuild from them (nodes
 * first, then links with their scores recomputed from the stored vectors, which the deterministic
 * kernels make bit-identical to the original's).
 */
final class IndexImage {
    private IndexImage() {}

    static NodeRecord nodeRecord(VectorStore store, HnswGraph graph, IdTable ids, int ordinal) {
        if (store.int8()) {
            throw new IllegalStateException("an INT8 index's nodes are Int8NodeRecords");
        }
        if (!graph.exists(ordinal)) {
            return null;
        }
        return new NodeRecord(
                ids.id(ordinal),
                store.copyOf(ordinal),
                graph.level(ordinal),
                graph.isDeleted(ordinal));
    }

    static Int8NodeRecord int8NodeRecord(
            VectorStore store, HnswGraph graph, IdTable ids, int ordinal) {
        if (!store.int8()) {
            throw new IllegalStateException("a float32 index's nodes are NodeRecords");
        }
        if (!graph.exists(ordinal)) {
            return null;
        }
        return new Int8NodeRecord(
                ids.id(ordinal),
                store.codesOf(ordinal),
                store.scaleOf(ordinal),
                store.offsetOf(ordinal),
                graph.level(ordinal),
                graph.isDeleted(ordinal));
    }

    static int[][] links(HnswGraph graph, int ordinal) {
        if (!graph.exists(ordinal)) {
            return null;
        }
        int level = graph.level(ordinal);
        int[][] links = new int[level + 1][];
        for (int l = 0; l <= level; l++) {
            int off = graph.offset(ordinal, l);
            links[l] =
                    Arrays.copyOfRange(
                            graph.neighborArray(ordinal, l), off, off + graph.count(ordinal, l));
        }
        return links;
    }

    static HnswIndex restore(
            HnswConfig config,
            IndexMeta meta,
            Map<Integer, NodeRecord> nodes,
            Map<Integer, Int8NodeRecord> int8Nodes,
            Map<Integer, int[][]> links) {
        if (!meta.config().sameGraphShape(config)) {
            throw new IllegalStateException(
                    "stored index was built with "
                            + meta.config()
                            + " but "
                            + config
                            + " was given");
        }
        HnswIndex index = new HnswIndex(config);
        if (!(index.store().int8() ? nodes : int8Nodes).isEmpty()) {
            throw new IllegalStateException(
                    "stored nodes are not in the " + config.storedEncoding() + " encoding");
        }
        index.beginRestore(meta.ordinalLimit());
        for (Map.Entry<Integer, NodeRecord> e : nodes.entrySet()) {
            NodeRecord r = e.getValue();
            index.store().set(e.getKey(), r.vector());
            index.restoreNode(e.getKey(), r.id(), r.level(), r.deleted());
        }
        for (Map.Entry<Integer, Int8NodeRecord> e : int8Nodes.entrySet()) {
            Int8NodeRecord r = e.getValue();
            index.store().setCodes(e.getKey(), r.codes(), r.scale(), r.offset());
            index.restoreNode(e.getKey(), r.id(), r.level(), r.deleted());
        }
        for (Map.Entry<Integer, int[][]> e : links.entrySet()) {
            int ordinal = e.getKey();
            int[][] neighbors = e.getValue();
            if (!index.graph().exists(ordinal)
                    || neighbors.length != index.graph().level(ordinal) + 1) {
                throw new IllegalStateException(
                        "stored links of ordinal " + ordinal + " do not match its node");
            }
            for (int l = 0; l < neighbors.length; l++) {
                index.graph().setNeighbors(ordinal, l, neighbors[l], neighbors[l].length);
            }
        }
        index.graph().setEntryPoint(meta.entryPoint(), meta.maxLevel());
        return index;
    }
}
