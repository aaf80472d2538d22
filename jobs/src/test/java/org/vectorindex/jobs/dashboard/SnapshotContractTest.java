package org.vectorindex.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.model.UpdateCause;
import org.vectorindex.state.math.Metric;

/**
 * {@code GET /api/snapshot} holds every field that connectors/FORMATS.md promises, with values
 * folded from results, dead letters and REST readings.
 */
class SnapshotContractTest {

    @Test
    void snapshotHoldsTheDocumentedFields() {
        DashboardModel m =
                new DashboardModel(
                        CollectionRegistry.of(CollectionSpec.hnsw("c", 4, Metric.L2)), "own-");
        m.onResult(new StatsResult("st", "c", new long[] {3, 4}, new long[] {1, 255}), 0, 1000);
        for (int i = 0; i < 10; i++) {
            m.onResult(
                    new QueryResult("q" + i, "c", new String[] {"a"}, new float[] {1f}, i),
                    900,
                    1000);
        }
        ObjectNode own =
                m.onResult(
                        new QueryResult("own-1", "c", new String[] {"a"}, new float[] {.5f}, 3),
                        950,
                        1000);
        assertEquals("queryResult", own.get("type").asText());
        assertEquals(50, own.get("endToEndMs").asLong());
        ObjectNode update = m.onResult(update(1, UpdateCause.SUBSCRIBE, "s1"), 0, 1000);
        assertEquals("update", update.get("type").asText());
        assertNull(m.onResult(update(1, UpdateCause.SUBSCRIBE, "s1"), 0, 1000), "stale");
        m.onResult(update(2, UpdateCause.UPSERT, "b"), 0, 1000);
        ObjectNode dead =
                m.onDeadLetter(DeadLetter.fromOperator("queries", 0, 7L, "k1", "bad vector"), 1000);
        assertEquals("deadLetter", dead.get("type").asText());
        m.onJob(reading(100, 10, 7), 1000);
        m.onJob(reading(300, 20, 8), 2000);

        JsonNode s = m.snapshot(2000);
        JsonNode c = s.get("collections").get(0);
        assertEquals("c", c.get("name").asText());
        assertEquals(7, c.get("liveVectors").asLong());
        assertEquals(1, c.get("shards").get(1).get("shard").asInt());
        assertEquals(4, c.get("shards").get(1).get("size").asLong());
        assertEquals("00000000000000ff", c.get("shards").get(1).get("digest").asText());
        assertEquals(200, s.get("rates").get("upsertsPerSecond").asDouble(), 1e-9);
        assertEquals(10, s.get("rates").get("deletesPerSecond").asDouble(), 1e-9);
        assertTrue(s.get("rates").has("queriesPerSecond"));
        assertTrue(s.get("rates").has("subscriptionUpdatesPerSecond"));
        assertEquals(4, s.get("latencyMs").get("inJob").get("p50").asDouble(), 1e-9);
        assertEquals(9, s.get("latencyMs").get("inJob").get("p99").asDouble(), 1e-9);
        assertEquals(100, s.get("latencyMs").get("endToEnd").get("p50").asDouble(), 1e-9);
        assertNotNull(s.get("latencyMs").get("endToEnd").get("p99"));
        assertEquals(8, s.get("checkpoints").get("lastCompletedId").asLong());
        assertEquals(120, s.get("checkpoints").get("lastDurationMs").asLong());
        assertEquals(4096, s.get("checkpoints").get("lastSizeBytes").asLong());
        assertEquals(0.95, s.get("recall").get("sampledAtK").asDouble(), 1e-12);
        assertEquals(20, s.get("recall").get("samples").asLong());
        JsonNode sub = s.get("subscriptions").get(0);
        assertEquals("s1", sub.get("subscriptionId").asText());
        assertEquals(2, sub.get("version").asLong());
        assertEquals("b", sub.get("hits").get(0).get("id").asText());
        assertEquals(2, sub.get("history").size());
        assertEquals(1, s.get("deadLetters").get("total").asLong());
        assertEquals(1, s.get("deadLetters").get("byReason").get("invalid").asLong());
        assertEquals(2, s.get("series").get("rates").get("t").size());
        assertEquals(2, s.get("series").get("recall").get("recall").size());
    }

    private static SubscriptionUpdate update(long version, UpdateCause cause, String causeId) {
        return new SubscriptionUpdate(
                "s1",
                version,
                new String[] {"b", "a"},
                new float[] {.9f, .8f},
                new String[] {"b"},
                new String[0],
                cause,
                causeId);
    }

    private static JobWatch.Reading reading(long upserts, long samples, long checkpoint) {
        return new JobWatch.Reading(
                "job",
                "flink-vector-index",
                Map.of(
                        "vectorindex.upserts", upserts,
                        "vectorindex.deletes", samples,
                        "vectorindex.recallSamples", samples,
                        "vectorindex.recallHits", samples * 95 / 10,
                        "vectorindex.recallTruth", samples * 10),
                checkpoint,
                120L,
                4096L,
                checkpoint,
                0,
                0L,
                null);
    }
}
