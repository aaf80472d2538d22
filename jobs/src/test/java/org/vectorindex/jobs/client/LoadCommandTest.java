package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadCommandTest {

    @Test
    void deleteSelectionIsSeededDistinctAndSized() {
        int[] a = LoadCommand.deleteSelection(1000, 0.1, 7);
        assertEquals(100, a.length);
        assertArrayEquals(a, LoadCommand.deleteSelection(1000, 0.1, 7));
        Set<Integer> seen = new HashSet<>();
        for (int r : a) {
            assertTrue(r >= 0 && r < 1000, "row " + r);
            assertTrue(seen.add(r), "row " + r + " chosen twice");
        }
        int[] other = LoadCommand.deleteSelection(1000, 0.1, 8);
        assertFalse(java.util.Arrays.equals(a, other), "a different seed chooses other rows");
        assertEquals(0, LoadCommand.deleteSelection(1000, 0, 7).length);
        assertEquals(1000, LoadCommand.deleteSelection(1000, 1, 7).length);
        assertEquals(3, LoadCommand.deleteSelection(5, 0.5, 7).length); // round(2.5) = 3
    }

    @Test
    void badArgumentsFailBeforeConnecting() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LoadCommand cmd = new LoadCommand(new PrintStream(buf, true, StandardCharsets.UTF_8));
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                cmd.run(
                                        List.of(
                                                "--bootstrap-servers",
                                                "127.0.0.1:1",
                                                "--topic",
                                                "m")));
        assertTrue(missing.getMessage().contains("--collection, --fvecs"), missing.getMessage());
        IllegalArgumentException fraction =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                cmd.run(
                                        List.of(
                                                "--bootstrap-servers", "127.0.0.1:1",
                                                "--topic", "m",
                                                "--collection", "c",
                                                "--fvecs", "x.fvecs",
                                                "--delete-fraction", "1.5")));
        assertTrue(fraction.getMessage().contains("--delete-fraction"), fraction.getMessage());
        IllegalArgumentException file =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                cmd.run(
                                        List.of(
                                                "--bootstrap-servers",
                                                "127.0.0.1:1",
                                                "--topic",
                                                "m",
                                                "--collection",
                                                "c",
                                                "--fvecs",
                                                "does-not-exist.fvecs",
                                                "--binary")));
        assertTrue(file.getMessage().contains("not found"), file.getMessage());
        assertEquals("", buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void outcomeJsonHasCountsAndRate() {
        LoadCommand.Outcome o = new LoadCommand.Outcome(900, 100, 2.0);
        assertEquals(500.0, o.recordsPerSecond());
        assertEquals(
                "{\"upserts\":900,\"deletes\":100,\"seconds\":2.000,\"recordsPerSecond\":500.0}",
                o.json());
    }
}
