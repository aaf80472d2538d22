package org.vectorindex.jobs.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.kafka.BrokerCheck;
import org.vectorindex.connectors.kafka.KafkaClientProperties;
import org.vectorindex.connectors.kafka.TopicNames;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.operators.model.DeadLetter;

/**
 * {@code deadletters}: prints the dead-letter topic readably, one line per dead letter (reason,
 * source topic/partition@offset, key, detail, a prefix of the payload), read {@code
 * read_committed}. It follows new dead letters, or with {@code --from-beginning} the retained
 * history first, until {@code --max} have been printed or {@code --timeout} passes.
 */
public final class DeadLettersCommand implements Command {
    public static final Flags.Spec SPEC =
            Flags.spec("deadletters")
                    .required("bootstrap-servers", "Kafka bootstrap servers, host:port[,...]")
                    .optional("dlq-topic", TopicNames.DLQ, "dead-letter topic")
                    .optional(
                            "from-beginning",
                            "false",
                            "switch: print the retained history first, not only new dead letters")
                    .optional("max", null, "stop after this many (default: no limit)")
                    .optional("timeout", "10s", "stop after this long; 0s: until Ctrl-C")
                    .optional("kafka-properties", null, "Kafka client properties file")
                    .optional("kafka-property", null, "k=v Kafka client setting; repeatable");

    private final PrintStream out;

    public DeadLettersCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public int run(List<String> args) throws Exception {
        ClientArgs ca = ClientArgs.of(args, Set.of("from-beginning"), "kafka-property");
        Flags f = SPEC.parse(ca.remaining());
        String bootstrap = f.required("bootstrap-servers");
        String topic = f.required("dlq-topic");
        boolean fromBeginning = ClientArgs.bool("from-beginning", f.string("from-beginning"));
        int max = f.has("max") ? f.integer("max", 1) : Integer.MAX_VALUE;
        Duration timeout = Durations.parse("timeout", f.string("timeout"));
        Properties props = KafkaClientProperties.of(f.path("kafka-properties"), ca.repeated());
        try (Admin admin = BrokerCheck.connect(bootstrap, props, BrokerCheck.DEFAULT_TIMEOUT)) {
            BrokerCheck.requireTopics(
                    admin, bootstrap, List.of(topic), BrokerCheck.DEFAULT_TIMEOUT);
        }
        List<DeadLetter> printed = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        int[] unreadable = {0};
        try (TopicTail tail =
                TopicTail.start(
                        bootstrap,
                        props,
                        topic,
                        Duration.ofSeconds(10),
                        fromBeginning,
                        r -> {
                            synchronized (printed) {
                                if (printed.size() >= max) {
                                    return;
                                }
                                try {
                                    DeadLetter d = OutputJson.readDeadLetter(r.value());
                                    printed.add(d);
                                    out.println(DeadLetterText.line(d));
                                } catch (RuntimeException e) {
                                    unreadable[0]++;
                                    out.println(
                                            "unreadable record "
                                                    + r.partition()
                                                    + "@"
                                                    + r.offset()
                                                    + ": "
                                                    + DeadLetterText.payload(r.value()));
                                }
                                if (printed.size() >= max) {
                                    done.countDown();
                                }
                            }
                        })) {
            if (timeout.isZero()) {
                done.await();
            } else {
                done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        synchronized (printed) {
            out.println(
                    "{\"deadLetters\":"
                            + printed.size()
                            + ",\"unreadable\":"
                            + unreadable[0]
                            + ",\"byReason\":"
                            + DeadLetterText.countsJson(printed)
                            + "}");
        }
        return 0;
    }
}
