package org.vectorindex.jobs.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.vectorindex.connectors.kafka.KafkaOptions;

/**
 * Fails fast when a topic of the job does not exist. Without this check the KafkaSource's partition
 * discovery fails inside the running job, which restarts until its attempts are used up and then
 * dies with a stack trace that does not name the fix.
 */
final class TopicCheck {
    private TopicCheck() {}

    static void requireTopics(Configuration conf, Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.setProperty(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                conf.get(KafkaOptions.BOOTSTRAP_SERVERS));
        List<String> wanted =
                List.of(
                        conf.get(KafkaOptions.MUTATIONS_TOPIC),
                        conf.get(KafkaOptions.QUERIES_TOPIC),
                        conf.get(KafkaOptions.RESULTS_TOPIC),
                        conf.get(KafkaOptions.DLQ_TOPIC));
        Set<String> existing;
        Admin admin = Admin.create(p);
        try {
            existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalArgumentException(
                    "run: cannot list topics on "
                            + conf.get(KafkaOptions.BOOTSTRAP_SERVERS)
                            + " within 10 s (is the broker up, and is the address right?): "
                            + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } finally {
            // Not the default close, which waits for the pending call's own 60 s timeout.
            admin.close(Duration.ZERO);
        }
        List<String> missing = new ArrayList<>();
        for (String t : wanted) {
            if (!existing.contains(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "run: topic(s) "
                            + String.join(", ", missing)
                            + " do not exist on "
                            + conf.get(KafkaOptions.BOOTSTRAP_SERVERS)
                            + "; create them first, e.g. with: java -jar flink-vector-index.jar"
                            + " topics --bootstrap-servers "
                            + conf.get(KafkaOptions.BOOTSTRAP_SERVERS));
        }
    }
}
