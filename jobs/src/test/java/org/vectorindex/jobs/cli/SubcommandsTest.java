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
                                "usage: inner",
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
                        .add("bench", "benchmarks", "usage: b", args -> 0);
        assertEquals(Subcommands.USAGE, table.run(List.of("nope")));
        assertEquals(Subcommands.USAGE, table.run(List.of()));
        String err = buf.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("unknown command 'nope'"), err);
        assertTrue(err.contains("bench  benchmarks"), err);
    }

    @Test
    void duplicateRegistrationFails() {
        Subcommands t = new Subcommands("jar").add("a", "", "u", args -> 0);
        assertThrows(IllegalStateException.class, () -> t.add("a", "", "u", args -> 0));
    }

    @Test
    void mainReturnsUsageCodeForUnknownCommandsAndBadFlags() throws Exception {
        assertEquals(Subcommands.USAGE, Main.run("frobnicate"));
        assertEquals(Subcommands.USAGE, Main.run("bench", "nope"));
        assertEquals(Subcommands.USAGE, Main.run("bench", "hnsw", "--bogus", "1"));
    }

    @Test
    void everyCommandOfTheJarPrintsItsUsageOnHelpAndExitsZero() throws Exception {
        Subcommands jar = Main.commands();
        List<List<String>> lines = new ArrayList<>();
        for (String name : jar.names()) {
            Subcommands table = jar.table(name);
            if (table == null) {
                lines.add(List.of(name));
            } else {
                lines.add(List.of(name));
                for (String inner : table.names()) {
                    lines.add(List.of(name, inner));
                }
            }
        }
        assertTrue(lines.size() >= 14, "run kafka embed bench(3) check(3) load query demo ...");
        PrintStream saved = System.out;
        try {
            for (List<String> line : lines) {
                for (String help : List.of("--help", "-h")) {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
                    List<String> args = new ArrayList<>(line);
                    args.add(help);
                    assertEquals(0, Main.run(args.toArray(String[]::new)), args.toString());
                    String out = buf.toString(StandardCharsets.UTF_8);
                    assertTrue(out.startsWith("usage: "), args + " printed: " + out);
                }
            }
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void helpAfterOtherFlagsStillPrintsUsageWithoutRunning() throws Exception {
        List<String> ran = new ArrayList<>();
        Subcommands t =
                new Subcommands("jar")
                        .add(
                                "a",
                                "",
                                "usage: a --x V",
                                args -> {
                                    ran.add("a");
                                    return 3;
                                });
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, t.run(List.of("a", "--x", "1", "--help")));
        } finally {
            System.setOut(saved);
        }
        assertEquals("usage: a --x V\n", buf.toString(StandardCharsets.UTF_8));
        assertTrue(ran.isEmpty());
        assertEquals(3, t.run(List.of("a", "--x", "1")));
    }
}
