package org.vectorindex.jobs.embed;

/**
 * What the model makes of one text.
 *
 * @param sentence the sentence embedding: mean of every token's hidden state ([CLS] and [SEP]
 *     included, as sentence-transformers does), L2-normalised
 * @param tokens one L2-normalised vector per word-piece token, [CLS] and [SEP] excluded, in text
 *     order
 */
public record TextEmbedding(float[] sentence, float[][] tokens) {}
