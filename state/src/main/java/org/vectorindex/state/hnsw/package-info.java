/**
 * HNSW over external String ids, with true deletion and bit-level determinism.
 *
 * <ul>
 *   <li><b>Layout.</b> Vectors in one flat {@code float[]}; level-0 links in one flat {@code int[]}
 *       of 2M slots per node with parallel scores; upper levels as small per-node arrays. Searches
 *       allocate nothing: heaps of packed {@code long}s ({@link
 *       org.vectorindex.state.hnsw.NodeScore}) and a generation-stamped visited set are reused.
 *   <li><b>Determinism.</b> A node's level is drawn from a hash of its id and the index seed; ties
 *       break on the lower ordinal; freed ordinals are reused lowest first. The same operations
 *       therefore build the same graph, whatever the JVM or restart.
 *   <li><b>Deletion.</b> A delete tombstones the node: it leaves results at once but still routes
 *       searches. When tombstones reach a configured fraction of the nodes (a deterministic
 *       trigger), every in-neighbour is reconnected through the deleted node's neighbourhood and
 *       re-pruned with the diversity heuristic, and the ordinals are freed for reuse. A deleted
 *       entry point is replaced at once by the live node of the highest level.
 *   <li><b>Filters.</b> A filtered search walks the graph while that costs fewer distance
 *       computations than scoring every accepted vector, and otherwise, or when the graph cannot
 *       supply k accepted hits, searches exactly.
 * </ul>
 */
package org.vectorindex.state.hnsw;
