package org.vectorindex.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorindex.jobs.Main;

class SubcommandsTest {
    @Test
    void dispatchesNestedCommandsWithTheRemainingArguments() throws Exception {
        List<String> seen = new ArrayList<>();
        Subcommands inner =
                new Subcommands("jar bench")
                        .add(
                                "hnsw",
                                "inner",
                                args -> {
                                    seen.addAll(args);
                                    return 7;
                                });
        Subcommands outer = new Subcommands("jar").add("bench", "benchmarks", inner);
        assertEquals(7, outer.run(List.of("bench", "hnsw", "--k", "3")));
        assertEquals(List.of("--k", "3"), seen);
    }

    @Test
    void unknownOrMissingCommandPrintsUsageAndReturnsTwo() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Subcommands table =
                new Subcommands("jar", new PrintStream(buf, true, StandardCharsets.UTF_8))
                        .add("bench", "benchmarks", args -> 0);
        assertEquals(Subcommands.USAGE, table.run(List.of("nope")));
        assertEquals(Subcommands.USAGE, table.run(List.of()));
        String err = buf.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("unknown command 'nope'"), err);
        assertTrue(err.contains("bench  benchmarks"), err);
    }

    @Test
    void duplicateRegistrationFails() {
        Subcommands t = new Subcommands("jar").add("a", "", args -> 0);
        assertThrows(IllegalStateException.class, () -> t.add("a", "", args -> 0));
    }

    @Test
    void mainReturnsUsageCodeForUnknownCommandsAndBadFlags() throws Exception {
        assertEquals(Subcommands.USAGE, Main.run("frobnicate"));
        assertEquals(Subcommands.USAGE, Main.run("bench", "nope"));
        assertEquals(Subcommands.USAGE, Main.run("bench", "hnsw", "--bogus", "1"));
    }
}
