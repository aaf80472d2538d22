package org.vectorindex.jobs.multivector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrelsTest {

    private static Qrels write(Path dir, String... lines) throws IOException {
        Path f = dir.resolve("qrels.tsv");
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return Qrels.read(f);
    }

    /**
     * q1 judges a=2, b=1, c=1, z=0. Ranking b, x, a, c: DCG = 1/log2(2) + 2/log2(4) + 1/log2(5) = 1
     * + 1 + 0.4306766 = 2.4306766; ideal a, b, c: 2 + 1/log2(3) + 1/log2(4) = 3.1309298; nDCG =
     * 0.7763432 (worked out by hand, not by the code under test).
     */
    @Test
    void gradedGainsLogDiscountAndIdealFromJudgements(@TempDir Path dir) throws IOException {
        Qrels q =
                write(
                        dir,
                        "query-id\tcorpus-id\tscore",
                        "q1\ta\t2",
                        "q1\tb\t1",
                        "q1\tc\t1",
                        "q1\tz\t0",
                        "q2\ta\t1");
        assertEquals(0.7763434, q.ndcg("q1", List.of("b", "x", "a", "c"), 10), 1e-6);
        assertEquals(1.0, q.ndcg("q1", List.of("a", "b", "c", "z"), 10), 1e-12);
        // k cuts the ranking and the ideal: at k = 1 only rank 1 counts, against gain 2.
        assertEquals(0.5, q.ndcg("q1", List.of("b", "a"), 1), 1e-12);
        // A relevant document at rank 11 earns nothing at k = 10.
        List<String> late = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a");
        assertEquals(0.0, q.ndcg("q2", late, 10), 1e-12);
        assertEquals(0.0, q.ndcg("q1", List.of("z", "y"), 10), 1e-12);
        assertEquals(0.0, q.ndcg("unjudged", List.of("a"), 10), 1e-12);
    }

    @Test
    void relevantInNeedsAPositiveJudgementAmongTheDocs(@TempDir Path dir) throws IOException {
        Qrels q = write(dir, "q1\ta\t0", "q1\tb\t1");
        assertTrue(q.hasRelevantIn("q1", List.of("b")));
        assertFalse(q.hasRelevantIn("q1", List.of("a", "c")));
        assertFalse(q.hasRelevantIn("q9", List.of("a", "b")));
    }

    @Test
    void malformedLinesNameTheLine(@TempDir Path dir) {
        IOException e =
                assertThrows(IOException.class, () -> write(dir, "q\td\tscore", "q1\ta\tx"));
        assertTrue(e.getMessage().contains(":2:"), e.getMessage());
        e = assertThrows(IOException.class, () -> write(dir, "q1\ta"));
        assertTrue(e.getMessage().contains(":1:"), e.getMessage());
    }
}
