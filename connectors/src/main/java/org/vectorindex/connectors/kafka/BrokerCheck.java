package org.vectorindex.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.annotation.Internal;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Connects an admin client and proves the broker answers within a short timeout, so a wrong or
 * unreachable address fails in seconds with a message naming it, instead of a producer blocking for
 * a minute and then reporting a missing topic.
 */
@Internal
public final class BrokerCheck {
    /** How long a client command waits for the broker before it gives up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private BrokerCheck() {}

    /**
     * An admin client on {@code bootstrap} with the user's client properties, after the cluster
     * answered a describe request within {@code timeout}; the caller closes it.
     */
    public static Admin connect(String bootstrap, Properties clientProperties, Duration timeout) {
        Properties p = new Properties();
        if (clientProperties != null) {
            p.putAll(clientProperties);
        }
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        int ms = (int) Math.max(1, timeout.toMillis());
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            throw new BrokerUnreachableException(
                    "cannot connect to Kafka at " + bootstrap + ": " + rootMessage(e), e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                    .nodes()
                    .get(ms + 1000L, TimeUnit.MILLISECONDS);
            return admin;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            admin.close(Duration.ofSeconds(1));
            throw new BrokerUnreachableException(
                    "no Kafka broker answered at "
                            + bootstrap
                            + " within "
                            + timeout.toSeconds()
                            + " s ("
                            + rootMessage(e)
                            + "); check --bootstrap-servers and the Kafka client properties",
                    e);
        } catch (InterruptedException e) {
            admin.close(Duration.ofSeconds(1));
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException("interrupted connecting to " + bootstrap, e);
        }
    }

    /** Fails naming the broker and every topic of {@code topics} that does not exist. */
    public static void requireTopics(
            Admin admin, String bootstrap, Collection<String> topics, Duration timeout) {
        Set<String> existing;
        try {
            existing =
                    admin.listTopics(new ListTopicsOptions().listInternal(false))
                            .names()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnreachableException(
                    "cannot list the topics on " + bootstrap + ": " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException("interrupted listing topics", e);
        }
        List<String> missing = new ArrayList<>();
        for (String t : topics) {
            if (!existing.contains(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            throw new BrokerUnreachableException(
                    "topic(s) "
                            + String.join(", ", missing)
                            + " do not exist on "
                            + bootstrap
                            + "; create them with the topics command",
                    null);
        }
    }

    private static String rootMessage(Throwable e) {
        // the innermost cause says what is wrong (unresolvable host, refused, timed out)
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
