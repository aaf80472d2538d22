/**
 * The merger ({@link org.vectorindex.operators.merge.ResultMergeFunction}) and its Flink-free logic
 * ({@link org.vectorindex.operators.merge.MergeLogic}, {@link
 * org.vectorindex.operators.merge.TopKMerger}). Partials are ranked by score descending, then id
 * ascending, everywhere, so merged lists are deterministic even with ties.
 */
package org.vectorindex.operators.merge;
