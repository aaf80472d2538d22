package org.vectorindex.jobs.run;

import java.util.List;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.vectorindex.connectors.kafka.BrokerCheck;
import org.vectorindex.connectors.kafka.KafkaOptions;

/**
 * Fails fast when the broker does not answer or a topic of the job does not exist. Without this
 * check the KafkaSource's partition discovery fails inside the running job, which restarts and dies
 * with a stack trace that does not name the fix.
 */
final class TopicCheck {
    private TopicCheck() {}

    static void requireTopics(Configuration conf, Properties client) {
        String bootstrap = conf.get(KafkaOptions.BOOTSTRAP_SERVERS);
        List<String> wanted =
                List.of(
                        conf.get(KafkaOptions.MUTATIONS_TOPIC),
                        conf.get(KafkaOptions.QUERIES_TOPIC),
                        conf.get(KafkaOptions.RESULTS_TOPIC),
                        conf.get(KafkaOptions.DLQ_TOPIC));
        try (Admin admin = BrokerCheck.connect(bootstrap, client, BrokerCheck.DEFAULT_TIMEOUT)) {
            BrokerCheck.requireTopics(admin, bootstrap, wanted, BrokerCheck.DEFAULT_TIMEOUT);
        }
    }
}
