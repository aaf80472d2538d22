package org.vectorindex.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {
    /** The keys the summary line starts with, in this order. */
    static final List<String> FIRST_KEYS =
            List.of(
                    "upserts",
                    "deletes",
                    "queries",
                    "recallAt10",
                    "subscriptionUpdates",
                    "deadLetters");

    static List<String> fieldNames(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void isOneJsonLineStartingWithTheContractKeys() throws Exception {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // a decimal comma must not leak into the JSON
        try {
            DemoSummary s = new DemoSummary(2020, 203, 100, 0.987, 57, 5, 5, 1919, 100, 3, 71.25);
            String line = s.toJson();
            assertTrue(!line.contains("\n"), line);
            JsonNode n = new ObjectMapper().readTree(line);
            List<String> keys = fieldNames(n);
            assertEquals(FIRST_KEYS, keys.subList(0, 6));
            assertEquals(2020, n.get("upserts").asLong());
            assertEquals(203, n.get("deletes").asLong());
            assertEquals(100, n.get("queries").asLong());
            assertEquals(0.987, n.get("recallAt10").asDouble(), 1e-9);
            assertEquals(57, n.get("subscriptionUpdates").asLong());
            assertEquals(5, n.get("deadLetters").asLong());
            assertEquals(1919, n.get("liveDocs").asLong());
            assertEquals(71.3, n.get("seconds").asDouble(), 1e-9);
        } finally {
            Locale.setDefault(previous);
        }
    }
}
