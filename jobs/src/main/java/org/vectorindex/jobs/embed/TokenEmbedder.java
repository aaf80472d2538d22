package org.vectorindex.jobs.embed;

import java.util.List;

/**
 * A text encoder that yields both a sentence vector and per-token vectors (for late-interaction,
 * multi-vector retrieval).
 *
 * <p>This interface lives in the lean job jar; the all-MiniLM-L6-v2 implementation needs
 * onnxruntime and the 90 MB model, which ship separately in {@code demo-lib/}. Get one with {@link
 * #miniLm()}, which goes through {@link DemoLibraries} so that the heavy classes are loaded only by
 * the demo and the benchmarks, never by the job that {@code flink run} deploys.
 *
 * <p>Implementations are not thread-safe unless they say so; close them to free native memory.
 */
public interface TokenEmbedder extends AutoCloseable {

    /** Maximum number of tokens per text, [CLS] and [SEP] included; longer texts are truncated. */
    int MAX_TOKENS = 512;

    /** {@link #modelId()} of {@link #miniLm()}: model, runtime and truncation. */
    String MINILM_ID = "all-minilm-l6-v2-onnx-t512";

    /** Word pieces the model was trained on, [CLS] and [SEP] included. */
    int TRAINED_TOKENS = 128;

    /** {@link #modelId()} of {@link #miniLm(int) miniLm(TRAINED_TOKENS)}. */
    String MINILM_128_ID = "all-minilm-l6-v2-onnx-t128";

    /** Opens all-MiniLM-L6-v2 (384 dimensions) from the class path or {@code demo-lib/}. */
    static TokenEmbedder miniLm() {
        return DemoLibraries.get().newMiniLmEmbedder();
    }

    /**
     * As {@link #miniLm()}, truncating each text to {@code maxTokens} ([CLS] and [SEP] included);
     * its model id ends in {@code -t<maxTokens>}.
     */
    static TokenEmbedder miniLm(int maxTokens) {
        return DemoLibraries.get().newMiniLmEmbedder(maxTokens);
    }

    /** Identifies model and pre-processing; part of every cache key. */
    String modelId();

    /** Vector dimension. */
    int dimension();

    /**
     * Embeds texts, batching internally. Result {@code i} belongs to {@code texts.get(i)}.
     *
     * @throws IllegalArgumentException if a text is null or yields no word-piece token
     */
    List<TextEmbedding> embed(List<String> texts);

    /**
     * Per-token vectors, each L2-normalised, [CLS]/[SEP]/padding excluded: {@code [tokens][dim]}.
     */
    default float[][] tokenVectors(String text) {
        return embed(List.of(text)).get(0).tokens();
    }

    /** Mean-pooled, L2-normalised sentence vector, as sentence-transformers computes it. */
    default float[] sentenceVector(String text) {
        return embed(List.of(text)).get(0).sentence();
    }

    @Override
    void close();
}
