package org.vectorindex.connectors.kafka;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic's effective {@code max.message.bytes}, asked of the broker. A transactional producer
 * whose record the broker refuses as too large must abort the whole transaction, so the dead-letter
 * sink sizes its records to this limit as well as to its own {@code max.request.size}.
 */
final class TopicMessageLimit {
    private static final Logger LOG = LoggerFactory.getLogger(TopicMessageLimit.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TopicMessageLimit() {}

    /**
     * The limit, or empty when the broker does not say (unreachable, or describing the topic's
     * configuration is not allowed); that is logged, and the caller keeps its own limit.
     *
     * @param clientProperties the user's Kafka client properties (security and others)
     */
    static OptionalInt of(String bootstrapServers, Properties clientProperties, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = BrokerCheck.connect(bootstrapServers, clientProperties, TIMEOUT)) {
            Config config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .get(resource);
            ConfigEntry entry =
                    config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry == null || entry.value() == null) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Integer.parseInt(entry.value().trim()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (Exception e) {
            LOG.warn(
                    "Cannot read max.message.bytes of topic '{}' ({}); dead letters are sized to"
                            + " max.request.size alone",
                    topic,
                    e.toString());
            return OptionalInt.empty();
        }
    }
}
