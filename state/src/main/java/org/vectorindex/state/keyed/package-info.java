/**
 * How an HNSW index lives in Flink keyed state.
 *
 * <p><b>One index per key.</b> A Flink key is one shard of one collection. Rescaling moves whole
 * key groups, so a shard's index always moves as a unit.
 *
 * <p><b>Working form and durable image.</b> Searching straight out of RocksDB would pay a read and
 * a deserialisation for every node a search visits (hundreds per query). Instead {@link
 * org.vectorindex.state.keyed.KeyedHnswState} keeps one in-memory {@link
 * org.vectorindex.state.hnsw.HnswIndex} per key, used for every search and mutation, and treats
 * keyed state as its durable image:
 *
 * <ul>
 *   <li>{@code hnsw-nodes}: {@code MapState<ordinal, NodeRecord>}: id, vector, level, tombstone.
 *   <li>{@code hnsw-links}: {@code MapState<ordinal, int[][]>}: the neighbour ordinals per level.
 *   <li>{@code hnsw-meta}: {@code ValueState<IndexMeta>}: config, entry point, top level, ordinal
 *       limit.
 * </ul>
 *
 * <p>After each mutation the operator calls {@code persist}, which writes exactly the entries the
 * index marked as changed: the new node, and the link lists its back-links and repairs touched.
 * Links are kept apart from vectors because they change about fifteen times as often; so a change
 * rewrites state in proportion to itself, and RocksDB incremental checkpoints upload only that.
 * Free ordinals and counters are not stored: they are derived on load, which keeps the header a few
 * dozen bytes.
 *
 * <p><b>Restore and rescale.</b> The working form is a transient cache. After a restore, or when a
 * key arrives at a new subtask, the first access rebuilds the index from the image: nodes, then
 * links, with neighbour scores recomputed from the vectors. Java float arithmetic is strict, so the
 * recomputed scores, and hence the graph and every later decision, are bit-identical to the
 * original's; {@code graphDigest()} checks it.
 *
 * <p><b>Serializers.</b> Every state type has an explicit {@link
 * org.apache.flink.api.common.typeutils.TypeSerializer} (never Kryo) whose records start with a
 * format-version byte, so later releases can read older checkpoints.
 */
package org.vectorindex.state.keyed;
