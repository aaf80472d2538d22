package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                assertThrows(IllegalArgumentException.class, () -> cmd.run(unreachable()));
        assertTrue(missing.getMessage().contains("--collection"), missing.getMessage());
        IllegalArgumentException fraction =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                cmd.run(
                                        unreachable(
                                                "--collection", "c",
                                                "--fvecs", "x.fvecs",
                                                "--delete-fraction", "1.5")));
        assertTrue(fraction.getMessage().contains("--delete-fraction"), fraction.getMessage());
        IllegalArgumentException file =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                cmd.run(
                                        unreachable(
                                                "--collection",
                                                "c",
                                                "--fvecs",
                                                "does-not-exist.fvecs",
                                                "--binary")));
        assertTrue(file.getMessage().contains("not found"), file.getMessage());
        assertEquals("", buf.toString(StandardCharsets.UTF_8));
    }

    /** The rules of the input flags, each checked before anything connects to Kafka. */
    @Test
    void exactlyOneInputFileAndIdsFromOnlyWithFvecs(@TempDir Path dir) throws IOException {
        Path jsonl =
                lines(
                        dir.resolve("docs.jsonl"),
                        "{\"id\":\"a\",\"vectors\":[[1,2],[3,4]]}",
                        "{\"id\":\"b\",\"vectors\":[[1,2]]}",
                        "{\"id\":\"a\",\"vectors\":[[5,6]]}");
        Path bad =
                lines(
                        dir.resolve("bad.jsonl"),
                        "{\"id\":\"a\",\"vectors\":[[1,2]]}",
                        "{\"id\":\"b\",\"vectors\":[]}");
        assertTrue(assertFails("give exactly one of --fvecs FILE").contains("got neither"));
        assertFails("got both", "--fvecs", "x.fvecs", "--jsonl", jsonl.toString());
        assertFails(
                "--ids-from applies to --fvecs only",
                "--jsonl",
                jsonl.toString(),
                "--ids-from",
                "5");
        assertFails("token-set file not found", "--jsonl", dir.resolve("nope.jsonl").toString());
        assertFails("id 'a' appears in rows 0 and 2", "--jsonl", jsonl.toString(), "--binary");
        assertFails("line 2: \"vectors\" is empty", "--jsonl", bad.toString());
        Files.writeString(dir.resolve("empty.jsonl"), "\n");
        assertFails("holds no token sets", "--jsonl", dir.resolve("empty.jsonl").toString());
    }

    /** Load's arguments for a broker nobody listens on, topic m, then {@code more}. */
    private static List<String> unreachable(String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", "127.0.0.1:1"));
        args.addAll(List.of("--topic", "m"));
        args.addAll(List.of(more));
        return args;
    }

    private static Path lines(Path file, String... lines) throws IOException {
        return Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }

    /** Runs load with the given input flags; returns the message it failed with. */
    private static String assertFails(String fragment, String... inputFlags) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LoadCommand cmd = new LoadCommand(new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> args = new ArrayList<>(unreachable("--collection", "c"));
        args.addAll(List.of(inputFlags));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> cmd.run(args));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals("", buf.toString(StandardCharsets.UTF_8));
        return e.getMessage();
    }

    @Test
    void outcomeJsonHasCountsAndRate() {
        LoadCommand.Outcome o = new LoadCommand.Outcome(900, 100, 2.0);
        assertEquals(500.0, o.recordsPerSecond());
        assertEquals(
                "{\"upserts\":900,\"deletes\":100,\"seconds\":2.000,\"recordsPerSecond\":500.0}",
                o.json());
    }

    @Test
    void collectionsFileChecksNameTypeAndDimensionBeforeConnecting(@TempDir Path dir)
            throws IOException {
        Path vectors = dir.resolve("v.fvecs");
        org.vectorindex.jobs.bench.io.VectorFiles.writeFvecs(
                vectors, new float[][] {{1, 2, 3}, {4, 5, 6}});
        Path collections = dir.resolve("collections.yaml");
        Files.writeString(
                collections,
                "collections:\n  - name: c\n    dimension: 4\n    metric: l2\n"
                        + "  - name: mv\n    type: multivector\n    dimension: 3\n"
                        + "    metric: cosine\n");
        String file = collections.toString();
        assertFails(
                "row 0 has 3 components; collection 'c' has dimension 4",
                "--fvecs",
                vectors.toString(),
                "--collections",
                file);
        assertFails(
                "give --collections or --shards, not both",
                "--fvecs",
                vectors.toString(),
                "--collections",
                file,
                "--shards",
                "4");
        Files.writeString(
                collections, "collections:\n  - name: d\n    dimension: 3\n    metric: l2\n");
        assertFails(
                "collection 'c' is not in", "--fvecs", vectors.toString(), "--collections", file);
    }

    @Test
    void theShardPartitionerIsSetUnlessTheUserChoseAPartitioner() {
        java.util.Properties none = new java.util.Properties();
        java.util.Properties p = LoadCommand.partitioned(none, 8);
        assertEquals(
                org.vectorindex.connectors.kafka.ShardPartitioner.class.getName(),
                p.getProperty("partitioner.class"));
        assertEquals("8", p.getProperty("vectorindex.shards"));
        java.util.Properties own = new java.util.Properties();
        own.setProperty("partitioner.class", "my.Partitioner");
        assertEquals(
                "my.Partitioner", LoadCommand.partitioned(own, 8).getProperty("partitioner.class"));
        assertTrue(none.isEmpty(), "the user's properties are not modified");
    }
}
