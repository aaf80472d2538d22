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
 *   <li>{@code hnsw-chunks@<key>}: {@code MapState<sequence, LogChunk>}, a state of its own per
 *       key: an append-only change log, written in chunks of up to {@value
 *       org.vectorindex.state.keyed.KeyedHnswState#CHUNK_ENTRIES} entries, each chunk under the
 *       sequence number of its first entry; each entry sets a node's payload (id, vector, level,
 *       tombstone), sets its links (neighbour ordinals per level), or frees its ordinal. An index
 *       whose config says {@code storedEncoding: INT8} logs its payloads as INT8 node entries (the
 *       codes, and under L2 and dot a scale and offset: {@link
 *       org.vectorindex.state.keyed.Int8NodeRecordSerializer}), so its image is about a quarter of
 *       the float one and restores the same codes, hence the same scores and graph. Earlier
 *       releases wrote one entry per value, in {@code hnsw-log@<key>} and before that in one {@code
 *       hnsw-log} for all keys; such a log is read once and moved to chunks at the key's next
 *       persist.
 *   <li>{@code hnsw-meta}: {@code ValueState<IndexMeta>}: config, entry point, top level, ordinal
 *       limit; {@code hnsw-log-length}: the next sequence number.
 * </ul>
 *
 * <p>At each snapshot the operator calls {@code persist} for every key it mutated since the last
 * one, which appends exactly the entries the index marked as changed since then: new and changed
 * nodes, and the link lists that back-links and repairs touched, each once however often it
 * changed. Links are logged apart from vectors because they change about fifteen times as often.
 *
 * <p><b>Why a log, keyed by sequence.</b> A mutation rewrites the links of neighbours spread over
 * the whole ordinal space. Keyed by ordinal, those writes land all over RocksDB's key range, so
 * every L0-to-L1 compaction rewrites every file of the shard, and an incremental checkpoint after a
 * 1% change uploaded as much as a full one (36.4 MB against 37.4 MB at 100k vectors of 64
 * dimensions). Keyed by an increasing sequence, new entries sort after all older ones of the shard,
 * RocksDB can move the new files down without rewriting old ones, and a checkpoint uploads about
 * what changed: 2.0 to 2.6 MB per 1% change against a 50.5 MB full checkpoint (the log holds
 * superseded entries too). Both: {@code CheckpointSizeBenchmark 100000 64}, state test classpath.
 * Once the log holds four entries per ordinal it is replaced by a fresh image: one full write, paid
 * after the changes have written about as much, so the bytes stay proportional to the changes and a
 * restore replays a bounded log. Sequence numbers never restart, so the image too sorts after what
 * it replaces, and the old chunks are then deleted, one delete per chunk. Chunks, not one value per
 * entry, because a state access costs far more than the bytes of an entry: with a value per entry,
 * deleting the old log took longer than writing the new image, and stalled the shard for seconds.
 * Several shards of one subtask share a RocksDB instance, so each key's log is a state, and so a
 * column family, of its own: in one shared column family every shard's new tail lands inside the
 * key range of the others, and each compaction rewrote them all; an incremental checkpoint after a
 * 1% change of 100k vectors in 4 shards uploaded 66.5 MB of 64.1 MB, against 2.1 MB with a log per
 * key ({@code RestoreBenchmark 100000 4} in operators).
 *
 * <p><b>Restore and rescale.</b> The working form is a transient cache. After a restore, or when a
 * key arrives at a new subtask, the first access replays the log in sequence order: nodes, then
 * links, with neighbour scores recomputed from the vectors. Java float arithmetic is strict and the
 * distance kernels fix their order of operations (the SIMD and scalar kernels compute the same
 * bits, see {@link org.vectorindex.state.math.DistanceKernel}), so the recomputed scores, and hence
 * the graph and every later decision, are bit-identical to the original's on any machine; {@code
 * graphDigest()} checks it.
 *
 * <p><b>Multi-vector collections.</b> {@link org.vectorindex.state.keyed.KeyedMultiVectorState}
 * reuses this log for the graph of document FDEs ({@code <name>-fde-*}), so that graph restores
 * bit-identically by the same path, and keeps each document's pooled vectors in {@code
 * MapState<docId, PooledDocument>} ({@code <name>-docs}), rewritten only for the ids that changed.
 * Collections searched exhaustively (no graph) store the FDE in that entry too. The centroid that
 * orders query tokens for pruning is a fixed-point sum, so it is recomputed on restore, in any
 * order, with the same bits.
 *
 * <p><b>Serializers.</b> Every state type has an explicit {@link
 * org.apache.flink.api.common.typeutils.TypeSerializer} (never Kryo) whose records start with a
 * format-version byte, so later releases can read older checkpoints.
 */
package org.vectorindex.state.keyed;
