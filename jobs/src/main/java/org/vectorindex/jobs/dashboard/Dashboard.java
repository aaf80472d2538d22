package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.kafka.BrokerCheck;
import org.vectorindex.jobs.client.RecordSender;
import org.vectorindex.jobs.client.TopicTail;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.VectorResult;

/**
 * A running dashboard: a client of the job like any other. It tails the results topic from its
 * beginning (what was there before it started only fills in the subscriptions' latest top-k) and
 * the dead-letter topic from its end (both read_committed), polls Flink's REST API and sends a
 * stats request per collection every second, and serves the page. Updates and dead letters are
 * pushed the moment they are read; the rest once a second.
 */
public final class Dashboard implements AutoCloseable {
    static final long TICK_MILLIS = 1000;

    /** Where to read from and where to listen. */
    public record Options(
            String bootstrap,
            String queriesTopic,
            String resultsTopic,
            String dlqTopic,
            String flinkRest,
            CollectionRegistry collections,
            String bind,
            int port,
            Properties kafka) {}

    private final DashboardModel model;
    private final EventHub hub = new EventHub();
    private final RecordSender sender;
    private final TopicTail results;
    private final TopicTail deadLetters;
    private final JobWatch watch;
    private final ScheduledExecutorService ticker;
    private final DashboardServer server;
    private final String prefix;
    private final String queriesTopic;
    private final AtomicLong nextId = new AtomicLong();
    private final QueryBox queryBox;
    private final String url;

    private Dashboard(Options o) throws IOException {
        prefix = "dash" + Long.toString(System.currentTimeMillis(), 36) + "-";
        queriesTopic = o.queriesTopic();
        model = new DashboardModel(o.collections(), prefix);
        try (Admin admin =
                BrokerCheck.connect(o.bootstrap(), o.kafka(), BrokerCheck.DEFAULT_TIMEOUT)) {
            BrokerCheck.requireTopics(
                    admin,
                    o.bootstrap(),
                    List.of(o.queriesTopic(), o.resultsTopic()),
                    BrokerCheck.DEFAULT_TIMEOUT);
        }
        Duration meta = Duration.ofSeconds(30);
        results =
                TopicTail.startWithHistory(
                        o.bootstrap(), o.kafka(), o.resultsTopic(), meta, this::onResult);
        deadLetters = tailOrNull(o, meta);
        sender = new RecordSender(o.bootstrap(), o.kafka(), false);
        queryBox = new QueryBox(prefix, queriesTopic, sender, nextId);
        watch = new JobWatch(new FlinkRest(o.flinkRest()));
        server =
                new DashboardServer(
                        InetAddress.getByName(o.bind()),
                        o.port(),
                        this::snapshot,
                        hub,
                        queryBox::handle);
        String host = server.address().getAddress().getHostAddress();
        url =
                "http://"
                        + (host.contains(":") ? "[" + host + "]" : host)
                        + ":"
                        + server.port()
                        + "/";
        ticker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "dashboard-tick");
                            t.setDaemon(true);
                            return t;
                        });
        ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a dashboard; warns on {@code err} when it listens beyond 127.0.0.1.
     *
     * @throws IOException when the port cannot be bound
     */
    public static Dashboard start(Options o, PrintStream err) throws IOException {
        String warning = bindWarning(o.bind());
        if (warning != null) {
            err.println(warning);
        }
        return new Dashboard(o);
    }

    /** The warning for listening on {@code bind}, or null for 127.0.0.1. */
    static String bindWarning(String bind) throws IOException {
        String address = InetAddress.getByName(bind).getHostAddress();
        if (address.equals("127.0.0.1")) {
            return null;
        }
        return "dashboard: warning: listening on "
                + address
                + ", not 127.0.0.1: whoever reaches that address can read the dashboard and send"
                + " queries to the job (there is no login)";
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8090/}. */
    public String url() {
        return url;
    }

    /** Shows {@code text} with the subscription or the hits of this id (the demo's sentences). */
    public void describe(String id, String text) {
        if (text != null) {
            model.describe(id, text);
        }
    }

    /** Lets the query box take text for {@code collection}, embedded by {@code embed}. */
    public void embedTextWith(String collection, Function<String, float[]> embed) {
        queryBox.embedTextWith(collection, embed);
    }

    private ObjectNode snapshot() {
        ObjectNode s = model.snapshot(System.currentTimeMillis());
        queryBox.writeTextCollections(s.putArray("textCollections"));
        return s;
    }

    public int port() {
        return server.port();
    }

    private TopicTail tailOrNull(Options o, Duration meta) {
        try {
            return TopicTail.start(
                    o.bootstrap(), o.kafka(), o.dlqTopic(), meta, this::onDeadLetter);
        } catch (IllegalArgumentException e) {
            return null; // no dead-letter topic: nothing to show
        }
    }

    private void onResult(ConsumerRecord<byte[], byte[]> r, boolean history) {
        ResultRecord rr;
        try {
            rr = OutputJson.readResult(r.value());
        } catch (RuntimeException e) {
            return; // not a record of this job's format
        }
        if (history) {
            model.onHistory(rr, System.currentTimeMillis());
            return;
        }
        if (rr instanceof VectorResult v) {
            ObjectNode event = queryBox.onVector(v);
            if (event != null) {
                hub.publish(event);
            }
            return;
        }
        ObjectNode event = model.onResult(rr, r.timestamp(), System.currentTimeMillis());
        if (event != null) {
            hub.publish(event);
        }
    }

    private void onDeadLetter(ConsumerRecord<byte[], byte[]> r) {
        DeadLetter d;
        try {
            d = OutputJson.readDeadLetter(r.value());
        } catch (RuntimeException e) {
            return;
        }
        hub.publish(model.onDeadLetter(d, System.currentTimeMillis()));
    }

    private void tick() {
        try {
            model.onJob(watch.poll(), System.currentTimeMillis());
            for (String c : model.collectionNames()) {
                sender.send(queriesTopic, Query.stats(prefix + "st" + nextId.incrementAndGet(), c));
            }
            hub.publish(DashboardModel.event("snapshot").setAll(snapshot()));
        } catch (RuntimeException e) {
            // keep ticking: a broker or REST hiccup must not stop the page
            hub.publish(DashboardModel.event("error").put("message", String.valueOf(e)));
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        server.close();
        results.close();
        if (deadLetters != null) {
            deadLetters.close();
        }
        sender.close();
    }
}
