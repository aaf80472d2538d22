package org.vectorindex.jobs.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
}
