package org.vectorindex.jobs.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

    @TempDir Path dir;

    private static List<EmbeddedPassage> passages(int n, int dim, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<EmbeddedPassage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] tokens = new float[1 + rnd.nextInt(7)][dim];
            for (float[] t : tokens) {
                for (int d = 0; d < dim; d++) {
                    t[d] = (float) rnd.nextGaussian();
                }
            }
            float[] s = new float[dim];
            for (int d = 0; d < dim; d++) {
                s[d] = (float) rnd.nextGaussian();
            }
            out.add(new EmbeddedPassage("p-" + i + "-ü", s, tokens));
        }
        return out;
    }

    private static void assertSame(List<EmbeddedPassage> expected, List<EmbeddedPassage> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).id(), actual.get(i).id());
            assertArrayEquals(expected.get(i).sentence(), actual.get(i).sentence());
            assertEquals(expected.get(i).tokens().length, actual.get(i).tokens().length);
            for (int t = 0; t < expected.get(i).tokens().length; t++) {
                assertArrayEquals(expected.get(i).tokens()[t], actual.get(i).tokens()[t]);
            }
        }
    }

    @Test
    void roundTripsExactlyAndReadsPrefixes() throws IOException {
        List<EmbeddedPassage> p = passages(25, 6, 7);
        Path file = dir.resolve("sub/cache.fvie");
        EmbeddingCache.write(file, 6, p);
        EmbeddingCache.Contents all = EmbeddingCache.read(file, Integer.MAX_VALUE);
        assertEquals(6, all.dim());
        assertEquals(25, all.count());
        assertSame(p, all.passages());
        assertSame(p.subList(0, 10), EmbeddingCache.read(file, 10).passages());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "temporary file left behind");
        }
    }

    @Test
    void rejectsWrongDimensionOnWrite() {
        List<EmbeddedPassage> p = passages(2, 4, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EmbeddingCache.write(dir.resolve("c"), 5, p));
        assertTrue(e.getMessage().contains("dimension 4"), e.getMessage());
    }

    @Test
    void rejectsForeignAndTruncatedFiles() throws IOException {
        Path foreign = dir.resolve("foreign");
        Files.write(foreign, new byte[] {1, 2, 3, 4, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        assertTrue(
                assertThrows(IOException.class, () -> EmbeddingCache.read(foreign, 10))
                        .getMessage()
                        .contains("bad magic"));

        Path file = dir.resolve("cut");
        EmbeddingCache.write(file, 3, passages(4, 3, 2));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertTrue(
                assertThrows(IOException.class, () -> EmbeddingCache.read(file, 10))
                        .getMessage()
                        .contains("truncated"));
    }

    /** One passage, id "a\u20ac", dimension 1: sentence 1.0, one token 0.5. */
    private static final List<EmbeddedPassage> ONE =
            List.of(new EmbeddedPassage("a\u20ac", new float[] {1f}, new float[][] {{0.5f}}));

    // magic, version, dim 1, count 1; the id; 1.0f and 0.5f little-endian with 1 token between
    private static final String VECTORS = "0000803f000000010000003f";
    private static final String GOLDEN_V1 =
            "46564945" + "00000001" + "00000001" + "00000001" + "000461e282ac" + VECTORS;
    private static final String GOLDEN_V2 =
            "46564945" + "00000002" + "00000001" + "00000001" + "0361ac41" + VECTORS;

    @Test
    void writesVersionTwoAndStillReadsVersionOne() throws IOException {
        Path file = dir.resolve("v2");
        EmbeddingCache.write(file, 1, ONE);
        assertEquals(GOLDEN_V2, HexFormat.of().formatHex(Files.readAllBytes(file)));
        for (String golden : List.of(GOLDEN_V1, GOLDEN_V2)) {
            Path f = dir.resolve("golden");
            Files.write(f, HexFormat.of().parseHex(golden));
            assertSame(ONE, EmbeddingCache.read(f, 10).passages());
        }
    }

    @Test
    void idsOverSixtyFourKibRoundTrip() throws IOException {
        String id = "\u20ac".repeat(21_846); // 65,538 UTF-8 bytes: over writeUTF's limit
        List<EmbeddedPassage> p =
                List.of(new EmbeddedPassage(id, new float[] {1f}, new float[][] {{2f}}));
        Path file = dir.resolve("long");
        EmbeddingCache.write(file, 1, p);
        assertSame(p, EmbeddingCache.read(file, 1).passages());
    }
}
