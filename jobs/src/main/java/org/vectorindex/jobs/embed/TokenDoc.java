package org.vectorindex.jobs.embed;

/**
 * A multi-vector document or query: one L2-normalised vector per token.
 *
 * @param id document or query id
 * @param tokens {@code [tokens][dim]}
 */
public record TokenDoc(String id, float[][] tokens) {}
