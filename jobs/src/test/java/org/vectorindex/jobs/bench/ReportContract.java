package org.vectorindex.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON keys the report promises as a contract, checked on a parsed report. */
public final class ReportContract {
    private ReportContract() {}

    public static void assertHnswReport(JsonNode root, int expectedRows) {
        for (String key : new String[] {"dataset", "metric"}) {
            assertTrue(has(root, key).isTextual(), key + " must be a string");
        }
        for (String key : new String[] {"n", "dim", "m", "efConstruction", "k"}) {
            assertTrue(has(root, key).isIntegralNumber(), key + " must be an integer");
        }
        for (String system : new String[] {"ours", "lucene"}) {
            JsonNode b = has(has(root, "build"), system);
            assertTrue(has(b, "seconds").isNumber());
            assertTrue(has(b, "perSecond").isNumber());
        }
        assertTrue(has(has(root, "bruteForce"), "qps").isNumber());
        JsonNode search = has(root, "search");
        assertTrue(search.isArray());
        assertEquals(expectedRows, search.size());
        for (JsonNode row : search) {
            assertTrue(has(row, "ef").isIntegralNumber());
            for (String system : new String[] {"ours", "lucene"}) {
                JsonNode p = has(row, system);
                double recall = has(p, "recall").asDouble();
                assertTrue(recall >= 0 && recall <= 1, "recall in [0,1]: " + recall);
                assertTrue(has(p, "qps").isNumber());
            }
        }
        JsonNode memory = has(root, "memoryBytes");
        assertTrue(has(memory, "ours").isIntegralNumber());
        assertTrue(has(memory, "lucene").isIntegralNumber());
    }

    public static void assertChurnReport(JsonNode root, int expectedRounds) {
        JsonNode rounds = has(root, "rounds");
        assertEquals(expectedRounds, rounds.size());
        int i = 1;
        for (JsonNode r : rounds) {
            assertEquals(i++, has(r, "round").asInt());
            for (String key : new String[] {"recall", "freshRecall", "seconds"}) {
                assertTrue(has(r, key).isNumber(), key + " must be a number");
            }
        }
    }

    private static JsonNode has(JsonNode node, String key) {
        JsonNode v = node.get(key);
        assertNotNull(v, "missing key '" + key + "' in " + node);
        assertFalse(v.isNull(), "key '" + key + "' is null");
        return v;
    }
}
