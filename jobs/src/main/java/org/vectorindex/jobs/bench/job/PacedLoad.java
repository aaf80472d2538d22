package org.vectorindex.jobs.bench.job;

import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.vectorindex.jobs.client.RecordSender;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;

/**
 * The paced producer of {@code bench job}, on its own thread: upserts at a fixed rate (or as fast
 * as Kafka takes them), one-shot queries at a fixed rate, and a {@code stats} probe at a fixed
 * period, each on a schedule fixed at the start. The schedule does not slow down when the job does,
 * so an overloaded job shows up as a growing lag rather than as a lower rate. Mutations and queries
 * go through separate producers, so a full mutation buffer never delays a query.
 */
final class PacedLoad implements AutoCloseable {
    /** What to send; {@code upsertsPerSecond} infinite means as fast as Kafka takes them. */
    record Plan(
            String collection,
            String mutationsTopic,
            String queriesTopic,
            double upsertsPerSecond,
            long upserts,
            double queriesPerSecond,
            long queries,
            int k,
            long probePeriodNanos,
            boolean binary) {}

    private static final int MAX_BURST = 256;

    private final Plan plan;
    private final UpsertStream stream;
    private final float[][] queryVectors;
    private final RecordSender mutations;
    private final RecordSender queries;
    private final SendLog log;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long startNanos;

    PacedLoad(
            Plan plan,
            UpsertStream stream,
            float[][] queryVectors,
            String bootstrap,
            Properties mutationProducer,
            Properties queryProducer,
            SendLog log) {
        this.plan = plan;
        this.stream = stream;
        this.queryVectors = queryVectors;
        this.mutations = new RecordSender(bootstrap, mutationProducer, plan.binary());
        this.queries = new RecordSender(bootstrap, queryProducer, plan.binary());
        this.log = log;
        this.thread = new Thread(this::loop, "bench-job-load");
        this.thread.setDaemon(true);
    }

    /**
     * Sends a stats request now; outside the schedule only before {@link #start} or after {@link
     * #stop}.
     */
    void probe() {
        String id = SendLog.PROBE_PREFIX + log.probeSent(System.nanoTime());
        queries.send(plan.queriesTopic(), Query.stats(id, plan.collection()));
        queries.flush();
    }

    /** Opens a standing query now, outside the schedule. */
    void subscribe(String subscriptionId, float[] vector) {
        queries.send(
                plan.queriesTopic(),
                Query.subscribe(subscriptionId, plan.collection(), vector, plan.k(), 0, null));
    }

    void flushQueries() {
        queries.flush();
    }

    void start() {
        startNanos = System.nanoTime();
        thread.start();
    }

    long startNanos() {
        return startNanos;
    }

    /** Whether every planned upsert has been handed to the producer. */
    boolean upsertsDone() {
        return log.upsertsSent() >= plan.upserts();
    }

    Throwable failure() {
        return failure;
    }

    private void loop() {
        long upsertPeriod = periodNanos(plan.upsertsPerSecond());
        long queryPeriod = periodNanos(plan.queriesPerSecond());
        long u = 0;
        long q = 0;
        long p = 0;
        try {
            while (running) {
                long now = System.nanoTime() - startNanos;
                int burst = 0;
                while (u < plan.upserts() && due(u, upsertPeriod, now) && burst++ < MAX_BURST) {
                    log.upsertSent(u, System.nanoTime());
                    mutations.send(
                            plan.mutationsTopic(),
                            Mutation.upsert(
                                    plan.collection(), UpsertStream.id(u), stream.vector(u), null));
                    u++;
                }
                boolean sentQuery = false;
                while (q < plan.queries() && due(q, queryPeriod, now)) {
                    log.querySent(q, System.nanoTime());
                    queries.send(
                            plan.queriesTopic(),
                            Query.knn(
                                    SendLog.QUERY_PREFIX + q,
                                    plan.collection(),
                                    queryVectors[(int) (q % queryVectors.length)],
                                    plan.k(),
                                    0,
                                    null));
                    q++;
                    sentQuery = true;
                }
                if (now >= p * plan.probePeriodNanos()) {
                    probe();
                    p++;
                } else if (sentQuery) {
                    queries.flush();
                }
                long next = Math.min(nextDue(u, upsertPeriod), nextDue(q, queryPeriod));
                next = Math.min(next, p * plan.probePeriodNanos());
                long wait = next - (System.nanoTime() - startNanos);
                if (wait > 0 && !(upsertPeriod == 0 && u < plan.upserts())) {
                    LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                }
            }
            mutations.flush();
            queries.flush();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private static boolean due(long n, long period, long now) {
        return period >= 0 && n * period <= now;
    }

    private static long nextDue(long n, long period) {
        return period < 0 ? Long.MAX_VALUE : n * period;
    }

    /** 0: no pacing (as fast as possible); -1: never. */
    private static long periodNanos(double perSecond) {
        if (Double.isInfinite(perSecond)) {
            return 0;
        }
        return perSecond <= 0 ? -1 : Math.max(1, Math.round(1e9 / perSecond));
    }

    /** Stops the schedule and waits for the sends in flight; {@link #probe} may be called after. */
    void stop() throws InterruptedException {
        running = false;
        if (thread.isAlive()) {
            thread.join(60_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        mutations.close();
        queries.close();
    }
}
