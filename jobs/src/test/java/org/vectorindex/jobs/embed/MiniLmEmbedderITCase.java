package org.vectorindex.jobs.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real all-MiniLM-L6-v2 model (from Maven Central) on a few sentences. */
class MiniLmEmbedderITCase {

    private static final String BALTIC_1 =
            "Fishing quotas for cod in the Baltic Sea were cut again.";
    private static final String BALTIC_2 =
            "Catches of Baltic cod have to be reduced to save the stock.";
    private static final String BUDGET = "Parliament approved the budget for cultural programmes.";
    private static final String GERMAN = "Der Fischfang in der Ostsee ist stark zurückgegangen.";

    private static TokenEmbedder embedder;

    @BeforeAll
    static void open() {
        embedder = TokenEmbedder.miniLm();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void tokenVectorsHaveOneUnitVectorPerWordPiece() throws IOException {
        try (InputStream json =
                        getClass()
                                .getClassLoader()
                                .getResourceAsStream("all-minilm-l6-v2-tokenizer.json");
                HuggingFaceTokenizer tokenizer =
                        HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false"))) {
            for (String text : List.of(BALTIC_1, BUDGET, GERMAN)) {
                float[][] tokens = embedder.tokenVectors(text);
                int wordPieces = tokenizer.encode(text, false, false).getIds().length;
                assertEquals(wordPieces, tokens.length, text);
                for (float[] t : tokens) {
                    assertEquals(384, t.length);
                    assertEquals(1.0, norm(t), 1e-5);
                }
                assertEquals(1.0, norm(embedder.sentenceVector(text)), 1e-5);
            }
        }
    }

    @Test
    void sentenceVectorsMatchLangchain4j() {
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
        for (String text : List.of(BALTIC_1, BALTIC_2, BUDGET, GERMAN)) {
            float[] expected = reference.embed(text).content().vector();
            float[] actual = embedder.sentenceVector(text);
            assertEquals(1.0, dot(expected, actual), 1e-4, text);
        }
    }

    @Test
    void batchingAndPaddingDoNotChangeTheResults() {
        List<String> texts = List.of(BUDGET, BALTIC_1, "Yes.", GERMAN, BALTIC_2);
        List<TextEmbedding> batch = embedder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            TextEmbedding single = embedder.embed(List.of(texts.get(i))).get(0);
            assertEquals(1.0, dot(single.sentence(), batch.get(i).sentence()), 1e-5, texts.get(i));
            assertEquals(single.tokens().length, batch.get(i).tokens().length);
            for (int t = 0; t < single.tokens().length; t++) {
                assertEquals(1.0, dot(single.tokens()[t], batch.get(i).tokens()[t]), 1e-4);
            }
        }
    }

    @Test
    void similarSentencesScoreHigherThanUnrelatedOnes() {
        float[] a = embedder.sentenceVector(BALTIC_1);
        float[] b = embedder.sentenceVector(BALTIC_2);
        float[] c = embedder.sentenceVector(BUDGET);
        assertTrue(dot(a, b) > dot(a, c) + 0.2, dot(a, b) + " vs " + dot(a, c));
        assertTrue(dot(a, b) > dot(b, c) + 0.2, dot(a, b) + " vs " + dot(b, c));

        // Late interaction (MaxSim over token vectors) ranks the same way.
        float[][] ta = embedder.tokenVectors(BALTIC_1);
        float[][] tb = embedder.tokenVectors(BALTIC_2);
        float[][] tc = embedder.tokenVectors(BUDGET);
        assertTrue(maxSim(ta, tb) > maxSim(ta, tc), maxSim(ta, tb) + " vs " + maxSim(ta, tc));
    }

    @Test
    void longTextsAreTruncatedAndEmptyOnesRejected() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            sb.append("parliament ");
        }
        assertEquals(TokenEmbedder.MAX_TOKENS - 2, embedder.tokenVectors(sb.toString()).length);
        try (TokenEmbedder trained = TokenEmbedder.miniLm(TokenEmbedder.TRAINED_TOKENS)) {
            assertEquals(TokenEmbedder.MINILM_128_ID, trained.modelId());
            float[][] cut = trained.tokenVectors(sb.toString());
            assertEquals(TokenEmbedder.TRAINED_TOKENS - 2, cut.length);
            // The first word pieces are the same text in the same context window.
            float[][] full = embedder.tokenVectors(BALTIC_1);
            float[][] short128 = trained.tokenVectors(BALTIC_1);
            assertEquals(full.length, short128.length);
        }
        assertThrows(IllegalArgumentException.class, () -> embedder.tokenVectors("   "));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> embedder.embed(withNull));
    }

    private static float maxSim(float[][] q, float[][] d) {
        float s = 0;
        for (float[] x : q) {
            float best = -Float.MAX_VALUE;
            for (float[] y : d) {
                best = Math.max(best, dot(x, y));
            }
            s += best;
        }
        return s / q.length;
    }

    private static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return (float) s;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }
}
