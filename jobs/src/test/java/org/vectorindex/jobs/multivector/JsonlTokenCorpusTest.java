package org.vectorindex.jobs.multivector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.multivector.TokenCorpus.Doc;

/**
 * The JSONL token-set reader shared by {@code bench multivector}, {@code load} and {@code query}.
 */
class JsonlTokenCorpusTest {

    /** Seeded floats over many magnitudes, plus edge values, survive write then read exactly. */
    @Test
    void writeThenReadIsBitExact(@TempDir Path dir) throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[][] rows = new float[1 + rnd.nextInt(6)][7];
            for (float[] row : rows) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Float.intBitsToFloat(rnd.nextInt()); // any bit pattern ...
                    if (!Float.isFinite(row[j])) {
                        row[j] = (float) rnd.nextGaussian(); // ... that is finite
                    }
                }
            }
            docs.add(new Doc("d\"" + i, rows));
        }
        docs.add(
                new Doc(
                        "edges",
                        new float[][] {
                            {
                                Float.MIN_VALUE,
                                -Float.MAX_VALUE,
                                Float.MIN_NORMAL,
                                -0f,
                                0.1f,
                                1f / 3,
                                16777217f
                            }
                        }));
        Path file = dir.resolve("docs.jsonl");
        JsonlTokenCorpus.write(file, docs);
        List<Doc> back = JsonlTokenCorpus.read(file, 0);
        assertEquals(docs.size(), back.size());
        for (int i = 0; i < docs.size(); i++) {
            assertEquals(docs.get(i).id(), back.get(i).id());
            float[][] want = docs.get(i).vectors();
            float[][] got = back.get(i).vectors();
            assertEquals(want.length, got.length);
            for (int t = 0; t < want.length; t++) {
                for (int j = 0; j < want[t].length; j++) {
                    assertEquals(
                            Float.floatToRawIntBits(want[t][j]),
                            Float.floatToRawIntBits(got[t][j]),
                            "doc " + i + " vector " + t + " component " + j + ": " + want[t][j]);
                }
            }
        }
        assertEquals(5, JsonlTokenCorpus.read(file, 5).size());
    }

    @Test
    void blankLinesAreSkippedAndNumericIdsKept(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.jsonl");
        Files.write(
                f,
                List.of(
                        "",
                        "{\"vectors\":[[1,2.5]],\"id\":17}",
                        "   ",
                        "{\"id\":\"x\",\"vectors\":[[0,1],[2,3]]}"),
                StandardCharsets.UTF_8);
        List<Doc> docs = JsonlTokenCorpus.read(f, -1);
        assertEquals(2, docs.size());
        assertEquals("17", docs.get(0).id());
        assertArrayEquals(new float[] {1f, 2.5f}, docs.get(0).vectors()[0]);
        assertEquals(2, docs.get(1).vectors().length);
    }

    @Test
    void malformedLinesNameFileLineAndProblem(@TempDir Path dir) throws IOException {
        String[][] cases = {
            {"{\"vectors\":[[1]]}", "\"id\" is missing"},
            {"{\"id\":\"a\"}", "\"vectors\" must be an array of arrays"},
            {"{\"id\":\"a\",\"vectors\":[]}", "\"vectors\" is empty"},
            {"{\"id\":\"a\",\"vectors\":[[]]}", "vector 0 is not a non-empty array"},
            {"{\"id\":\"a\",\"vectors\":[[1,2],3]}", "vector 1 is not a non-empty array"},
            {"{\"id\":\"a\",\"vectors\":[[1,2],[3]]}", "vector 1 has 1 components, vector 0 has 2"},
            {"{\"id\":\"a\",\"vectors\":[[1,true]]}", "vector 0 component 1 is not a number"},
            {"{\"id\":\"a\",\"vectors\":[[1,2]", "line 2"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("bad.jsonl");
            Files.write(
                    f,
                    List.of("{\"id\":\"ok\",\"vectors\":[[1,2]]}", c[0]),
                    StandardCharsets.UTF_8);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> JsonlTokenCorpus.read(f, 0),
                            c[0]);
            assertTrue(e.getMessage().contains(f + " line 2"), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> JsonlTokenCorpus.read(dir.resolve("none.jsonl"), 0));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
    }
}
