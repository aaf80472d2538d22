package org.vectorindex.jobs.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.vectorindex.connectors.kafka.BrokerCheck;
import org.vectorindex.connectors.kafka.KafkaClientProperties;
import org.vectorindex.connectors.kafka.TopicCreator;
import org.vectorindex.connectors.kafka.TopicNames;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;

/**
 * {@code topics}: creates the job's four topics if they are missing and reports, per topic, whether
 * it was created or already existed. Running it again changes nothing. An existing topic with fewer
 * partitions than asked for is reported, not altered: adding partitions moves keys.
 */
public final class TopicsCommand implements Command {
    public static final Flags.Spec SPEC =
            Flags.spec("topics")
                    .required("bootstrap-servers", "Kafka bootstrap servers, host:port[,...]")
                    .optional("partitions", "4", "partitions of each new topic")
                    .optional(
                            "replication-factor",
                            null,
                            "replication factor of each new topic (default: the broker's"
                                    + " default.replication.factor)")
                    .optional("config", null, "k=v topic config of new topics; repeatable")
                    .optional("mutations-topic", TopicNames.MUTATIONS, "mutations topic")
                    .optional("queries-topic", TopicNames.QUERIES, "queries topic")
                    .optional("results-topic", TopicNames.RESULTS, "results topic")
                    .optional("dlq-topic", TopicNames.DLQ, "dead-letter topic")
                    .optional("kafka-properties", null, "Kafka client properties file")
                    .optional("kafka-property", null, "k=v Kafka client setting; repeatable");

    private final PrintStream out;

    public TopicsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public int run(List<String> args) throws Exception {
        ClientArgs ca = ClientArgs.of(args, Set.of(), List.of("kafka-property", "config"));
        Flags f = SPEC.parse(ca.remaining());
        String bootstrap = f.required("bootstrap-servers");
        int partitions = f.integer("partitions", 1);
        int rf = f.has("replication-factor") ? f.integer("replication-factor", 1) : -1;
        if (rf > Short.MAX_VALUE) {
            throw new IllegalArgumentException("topics: --replication-factor is too large: " + rf);
        }
        Map<String, String> configs = new LinkedHashMap<>();
        KafkaClientProperties.parse(ca.repeated("config"))
                .forEach((k, v) -> configs.put(k.toString(), v.toString()));
        List<String> topics =
                List.of(
                        f.required("mutations-topic"),
                        f.required("queries-topic"),
                        f.required("results-topic"),
                        f.required("dlq-topic"));
        if (Set.copyOf(topics).size() != topics.size()) {
            throw new IllegalArgumentException("topics: the four topic names must differ");
        }
        Properties props = KafkaClientProperties.of(f.path("kafka-properties"), ca.repeated());
        List<TopicCreator.Outcome> outcomes;
        try (Admin admin = BrokerCheck.connect(bootstrap, props, BrokerCheck.DEFAULT_TIMEOUT)) {
            outcomes =
                    TopicCreator.create(
                            admin, topics, partitions, rf, configs, Duration.ofSeconds(30));
        }
        StringBuilder json = new StringBuilder("{\"created\":[");
        StringBuilder existed = new StringBuilder("],\"existed\":[");
        StringBuilder fewer = new StringBuilder("],\"fewerPartitions\":[");
        for (TopicCreator.Outcome o : outcomes) {
            out.println(o.describe());
            StringBuilder list = o.created() ? json : existed;
            if (list.charAt(list.length() - 1) != '[') {
                list.append(',');
            }
            list.append('"').append(o.topic()).append('"');
            if (o.fewerThanRequested()) {
                if (fewer.charAt(fewer.length() - 1) != '[') {
                    fewer.append(',');
                }
                fewer.append('"').append(o.topic()).append('"');
            }
        }
        out.println(json.append(existed).append(fewer).append("]}"));
        return 0;
    }
}
