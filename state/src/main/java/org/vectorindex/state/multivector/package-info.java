/**
 * Constant-space multi-vector (late-interaction) retrieval: token pooling at ingest, MUVERA FDE
 * candidates through HNSW, exact MaxSim rerank.
 *
 * <h2>Pipeline</h2>
 *
 * <ol>
 *   <li><b>Ingest</b> ({@link org.vectorindex.state.multivector.MultiVectorIndex#upsert}): tokens
 *       are validated (empty list, more than 512 tokens, wrong dimension, NaN, infinity and zero
 *       vectors are rejected with an {@link java.lang.IllegalArgumentException} naming the token)
 *       and normalised; {@link org.vectorindex.state.multivector.WardPooler} pools them to at most
 *       m vectors (documents with n ≤ m are kept as they are), so storage is at most m × d per
 *       document; the document's FDE ({@link org.vectorindex.state.multivector.FdeEncoder}) goes
 *       into an {@link org.vectorindex.state.hnsw.HnswIndex} under inner product. With {@link
 *       org.vectorindex.state.math.StoredEncoding#INT8} the stored vectors are then quantized to
 *       one byte per component ({@link org.vectorindex.state.math.Int8Codec}); the FDE is computed
 *       from the float tokens before that.
 *   <li><b>Query</b>: the query FDE finds k' candidates in HNSW; exact MaxSim ({@link
 *       org.vectorindex.state.multivector.MaxSim}) over each candidate's pooled vectors picks the
 *       top k. Optional {@link org.vectorindex.state.multivector.QueryPruning} scores the most
 *       distinctive half of the query tokens first and finishes only the best candidates.
 * </ol>
 *
 * <h2>Persistence and determinism</h2>
 *
 * The durable image of a document is its pooled vectors and its FDE ({@code pooled(id)}, {@code
 * fde(id)}); {@code restore(id, pooled, fde)} puts them back untouched. Every random matrix of the
 * FDE comes from the seed in {@link org.vectorindex.state.multivector.FdeConfig} ({@link
 * java.util.SplittableRandom}, Box–Muller on {@link java.lang.StrictMath}), pooling uses no
 * randomness, and the distinctiveness centroid is summed in fixed point, so a restored or rescaled
 * collection answers bit-identically. In Flink keyed state ({@link
 * org.vectorindex.state.keyed.KeyedMultiVectorState}) the FDE graph is persisted as its own change
 * log and restored node for node, not rebuilt, and only the ids {@code drainChanges} reports are
 * rewritten; {@code digest()} proves a restored collection identical to the original.
 *
 * <h2>Why these defaults</h2>
 *
 * FDE (20, 4, 8) with k' = 200, Ward pooling, FDEs of the raw tokens and distinctiveness pruning
 * were each chosen by measurement on GloVe word sets and Europarl MiniLM token vectors; the runs,
 * their commands and the limits they found are in {@code state/docs/multivector.md}.
 */
package org.vectorindex.state.multivector;
