package org.vectorindex.jobs.embed;

/**
 * A passage with its embeddings (see {@link TextEmbedding} for what the vectors are).
 *
 * @param id stable passage id, see {@link EuroparlCorpus}
 * @param sentence normalised sentence vector
 * @param tokens normalised per-token vectors
 */
public record EmbeddedPassage(String id, float[] sentence, float[][] tokens) {}
