package org.vectorindex.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.model.UpdateCause;

/**
 * A subscription whose updates were committed before the dashboard started shows on the page at
 * once with its newest top-k, while those earlier results count in no rate or latency; later
 * updates follow live. Real broker, real dashboard, over HTTP.
 */
class DashboardHistoryITCase {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void subscriptionsOpenedBeforeTheDashboardShowAtStart() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(2, "queries", "results", "dlq");
            try (KafkaProducer<byte[], byte[]> p =
                    KafkaTestClients.producer(broker.bootstrapServers())) {
                send(p, update(1, "a"));
                send(p, update(2, "b"));
                send(p, new QueryResult("q1", "c", new String[] {"a"}, new float[] {1f}, 5));
                p.flush();
            }
            Dashboard.Options o =
                    new Dashboard.Options(
                            broker.bootstrapServers(),
                            "queries",
                            "results",
                            "dlq",
                            "http://127.0.0.1:1", // no job: the REST reading reports an error
                            null,
                            "127.0.0.1",
                            0,
                            new Properties());
            try (Dashboard d = Dashboard.start(o, System.err)) {
                JsonNode sub = awaitSubscription(d, 2);
                assertEquals("b", sub.get("hits").get(0).get("id").asText());
                assertEquals(0, snapshot(d).get("resultsSeen").asLong(), "history is not live");
                try (KafkaProducer<byte[], byte[]> p =
                        KafkaTestClients.producer(broker.bootstrapServers())) {
                    send(p, update(3, "c"));
                }
                assertEquals("c", awaitSubscription(d, 3).get("hits").get(0).get("id").asText());
                assertEquals(1, snapshot(d).get("resultsSeen").asLong());
            }
        }
    }

    private static SubscriptionUpdate update(long version, String hit) {
        return new SubscriptionUpdate(
                "s1",
                version,
                new String[] {hit},
                new float[] {0.5f},
                new String[] {hit},
                new String[0],
                version == 1 ? UpdateCause.SUBSCRIBE : UpdateCause.UPSERT,
                version == 1 ? "s1" : hit);
    }

    private static void send(KafkaProducer<byte[], byte[]> p, ResultRecord r) {
        p.send(
                new ProducerRecord<>(
                        "results", r.key().getBytes(StandardCharsets.UTF_8), OutputJson.write(r)));
    }

    private JsonNode snapshot(Dashboard d) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var r =
                http.send(
                        HttpRequest.newBuilder(URI.create(d.url() + "api/snapshot")).build(),
                        BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    /** The subscription s1 once the page holds this version of it. */
    private JsonNode awaitSubscription(Dashboard d, long version) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            for (JsonNode s : snapshot(d).get("subscriptions")) {
                if (s.get("subscriptionId").asText().equals("s1")
                        && s.get("version").asLong() == version) {
                    return s;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no version " + version + " of s1");
            Thread.sleep(100);
        }
    }
}
