package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCommandTest {
    private static final List<String> REQUIRED =
            List.of(
                    "--bootstrap-servers", "127.0.0.1:9092",
                    "--topic", "queries",
                    "--results-topic", "results",
                    "--collection", "c",
                    "--fvecs", "q.fvecs");

    private static List<String> with(String... more) {
        List<String> a = new ArrayList<>(REQUIRED);
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void defaults() {
        QueryCommand.Options o = QueryCommand.parse(with("--id-prefix", "run1"));
        assertEquals(10, o.k());
        assertEquals(0, o.ef());
        assertEquals(-1, o.limit());
        assertFalse(o.subscribe());
        assertFalse(o.binary());
        assertEquals(Duration.ofSeconds(30), o.timeout());
        assertEquals("run1", o.idPrefix());
        assertTrue(o.clientProperties().isEmpty());
    }

    @Test
    void everyFlag() {
        QueryCommand.Options o =
                QueryCommand.parse(
                        with(
                                "--k",
                                "5",
                                "--ef",
                                "128",
                                "--limit",
                                "7",
                                "--subscribe",
                                "--binary",
                                "--timeout",
                                "2m",
                                "--kafka-property",
                                "client.id=x"));
        assertEquals(5, o.k());
        assertEquals(128, o.ef());
        assertEquals(7, o.limit());
        assertTrue(o.subscribe());
        assertTrue(o.binary());
        assertEquals(Duration.ofMinutes(2), o.timeout());
        assertEquals("x", o.clientProperties().getProperty("client.id"));
        assertTrue(o.idPrefix().startsWith("q"), o.idPrefix());
    }

    @Test
    void badValuesNameTheFlag() {
        for (List<String> bad :
                List.of(
                        with("--k", "0"),
                        with("--k", "1001"),
                        with("--ef", "0"),
                        with("--timeout", "30"),
                        with("--kafka-property", "novalue"),
                        with("--frobnicate", "1"))) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> QueryCommand.parse(bad));
            assertTrue(
                    e.getMessage().contains("--") || e.getMessage().contains("key=value"),
                    e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> QueryCommand.parse(List.of("--topic", "q")),
                "missing required flags");
    }

    @Test
    void jsonlInsteadOfFvecs() {
        List<String> args =
                List.of(
                        "--bootstrap-servers",
                        "127.0.0.1:9092",
                        "--topic",
                        "queries",
                        "--results-topic",
                        "results",
                        "--collection",
                        "mv",
                        "--jsonl",
                        "q.jsonl",
                        "--subscribe");
        QueryCommand.Options o = QueryCommand.parse(args);
        assertTrue(o.input().jsonl());
        assertEquals(Path.of("q.jsonl"), o.input().path());
        assertTrue(o.subscribe());
        assertFalse(QueryCommand.parse(with()).input().jsonl());
        assertEquals(Path.of("q.fvecs"), QueryCommand.parse(with()).input().path());

        IllegalArgumentException both =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> QueryCommand.parse(with("--jsonl", "q.jsonl")));
        assertTrue(both.getMessage().contains("exactly one of --fvecs"), both.getMessage());
        assertTrue(both.getMessage().contains("got both"), both.getMessage());
        IllegalArgumentException neither =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> QueryCommand.parse(REQUIRED.subList(0, REQUIRED.size() - 2)));
        assertTrue(neither.getMessage().contains("got neither"), neither.getMessage());
    }

    @Test
    void nearestRankPercentile() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, QueryCommand.percentile(v, 10, 0.5));
        assertEquals(10, QueryCommand.percentile(v, 10, 0.99));
        assertEquals(1, QueryCommand.percentile(v, 1, 0.99));
        assertEquals(0, QueryCommand.percentile(v, 0, 0.5));
    }

    @Test
    void statsTakesNoVectorsAndNoSubscribe() {
        List<String> noInput = new ArrayList<>(REQUIRED.subList(0, REQUIRED.size() - 2));
        noInput.add("--stats");
        QueryCommand.Options o = QueryCommand.parse(noInput);
        assertTrue(o.stats());
        assertEquals(null, o.input());
        assertEquals("dlq", o.dlqTopic());
        IllegalArgumentException withVectors =
                assertThrows(
                        IllegalArgumentException.class, () -> QueryCommand.parse(with("--stats")));
        assertTrue(withVectors.getMessage().contains("--stats takes no"), withVectors.getMessage());
        noInput.add("--subscribe");
        assertThrows(IllegalArgumentException.class, () -> QueryCommand.parse(noInput));
    }
}
