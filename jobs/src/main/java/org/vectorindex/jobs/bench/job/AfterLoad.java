package org.vectorindex.jobs.bench.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Predicate;
import org.vectorindex.jobs.client.LoadCommand;
import org.vectorindex.jobs.client.RecordSender;
import org.vectorindex.operators.model.Mutation;

/**
 * The phases of {@code bench job} after its load, for the state's costs: a change of a given share
 * of the index (new upserts, as fast as Kafka takes them) and what the checkpoints covering it
 * wrote, then a restart of its own job from the newest checkpoint, timed to the first answer that
 * sees every vector again.
 */
final class AfterLoad {
    /**
     * What the change wrote: the checkpoints triggered from its start to the first after it; and,
     * before it, how long the state took to settle and what its last idle checkpoint wrote.
     */
    record Change(
            long upserts,
            double appliedSeconds,
            int checkpoints,
            long incrementalBytes,
            long fullBytes,
            double settleSeconds,
            long idleIncrementalBytes) {}

    /** A restart: submit to every task running, and submit to a probe answered in full. */
    record Restore(long toRunningMs, long toServingMs, long liveVectors) {}

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofMinutes(3);

    /** What an idle checkpoint may write however small the state (metadata, operator state). */
    private static final long IDLE_BYTES = 1 << 20;

    private final JobBenchSettings s;
    private final UpsertStream stream;
    private final BenchTarget target;
    private final AnswerLog answers;
    private final PacedLoad probes;
    private final PrintStream log;

    AfterLoad(
            JobBenchSettings s,
            UpsertStream stream,
            BenchTarget target,
            AnswerLog answers,
            PacedLoad probes,
            PrintStream log) {
        this.s = s;
        this.stream = stream;
        this.target = target;
        this.answers = answers;
        this.probes = probes;
        this.log = log;
    }

    /**
     * Sends {@code round(fraction × live)} new upserts numbered after the load's, waits until a
     * probe sees them applied and until a checkpoint triggered after that completes.
     */
    Change change(long live, FlinkSampler sampler) throws Exception {
        long count = Math.max(1, Math.round(s.changeFraction * live));
        long settleFrom = System.nanoTime();
        FlinkSampler.Checkpoint idle = settle(sampler);
        double settleSeconds = (System.nanoTime() - settleFrom) / 1e9;
        log.printf(
                Locale.ROOT,
                "bench job: state settled in %.1f s; an idle checkpoint wrote %d bytes%n",
                settleSeconds,
                idle == null ? -1 : idle.incrementalBytes());
        long startMillis = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Properties producer = LoadCommand.partitioned(new Properties(), s.shards);
        try (RecordSender sender = new RecordSender(target.bootstrap, producer, s.binary)) {
            for (long i = 0; i < count; i++) {
                long n = s.upserts + i;
                sender.send(
                        target.mutationsTopic,
                        Mutation.upsert(
                                target.collection, UpsertStream.id(n), stream.vector(n), null));
            }
            sender.flush();
        }
        AnswerLog.Probe done = awaitLive(live + count);
        double seconds = (done.answeredNanos() - t0) / 1e9;
        long appliedMillis = System.currentTimeMillis();
        FlinkSampler.Checkpoint after = awaitCheckpointAfter(sampler, appliedMillis);
        int n = 0;
        long incremental = 0;
        for (FlinkSampler.Checkpoint c : sampler.checkpoints()) {
            if (c.triggerMillis() >= startMillis && c.id() <= after.id()) {
                n++;
                incremental += c.incrementalBytes();
            }
        }
        log.printf(
                Locale.ROOT,
                "bench job: change of %d upserts applied in %.1f s; %d checkpoints wrote %d bytes"
                        + " of %d%n",
                count,
                seconds,
                n,
                incremental,
                after.fullBytes());
        return new Change(
                count,
                seconds,
                n,
                incremental,
                after.fullBytes(),
                settleSeconds,
                idle == null ? -1 : idle.incrementalBytes());
    }

    /** Cancels and restarts the job from its newest checkpoint; {@code live} vectors expected. */
    Restore restore(long live) throws Exception {
        log.println("bench job: restarting the job from its newest checkpoint");
        long t0 = System.nanoTime();
        target.restart(TIMEOUT);
        long running = (System.nanoTime() - t0) / 1_000_000;
        AnswerLog.Probe p = awaitLive(live);
        long serving = (p.answeredNanos() - t0) / 1_000_000;
        log.printf(
                Locale.ROOT,
                "bench job: restored: running after %d ms, %d vectors served after %d ms%n",
                running,
                p.liveVectors(),
                serving);
        return new Restore(running, serving, p.liveVectors());
    }

    /** Probes every probe period until one sent after now sees at least {@code live} vectors. */
    private AnswerLog.Probe awaitLive(long live) throws InterruptedException {
        long from = System.nanoTime();
        long deadline = from + TIMEOUT.toNanos();
        long period = s.probePeriod().toMillis();
        while (System.nanoTime() < deadline) {
            probes.probe();
            Thread.sleep(period);
            AnswerLog.Probe p = firstAtLeast(answers.probes(), from, live);
            if (p != null) {
                return p;
            }
        }
        throw new IllegalStateException(
                "bench job: no probe saw " + live + " vectors within " + TIMEOUT);
    }

    /** The earliest-sent probe after {@code from} that saw {@code live} vectors. */
    private static AnswerLog.Probe firstAtLeast(
            List<AnswerLog.Probe> probes, long from, long live) {
        AnswerLog.Probe first = null;
        for (AnswerLog.Probe p : probes) {
            if (p.sentNanos() >= from
                    && p.liveVectors() >= live
                    && (first == null || p.sentNanos() < first.sentNanos())) {
                first = p;
            }
        }
        return first;
    }

    /**
     * Waits, at most {@link #SETTLE}, until a checkpoint without new input writes at most 1% of the
     * full size (or 1 MiB, for small states), so that the compactions of the load's files are not
     * counted as the change's cost; returns that checkpoint, or the newest one seen (null if none
     * completed).
     */
    private static FlinkSampler.Checkpoint settle(FlinkSampler sampler)
            throws InterruptedException {
        return poll(
                sampler,
                System.currentTimeMillis(),
                c -> c.incrementalBytes() <= Math.max(c.fullBytes() / 100, IDLE_BYTES),
                SETTLE);
    }

    private static FlinkSampler.Checkpoint awaitCheckpointAfter(FlinkSampler sampler, long millis)
            throws InterruptedException {
        FlinkSampler.Checkpoint c = poll(sampler, millis, any -> true, TIMEOUT);
        if (c == null) {
            throw new IllegalStateException(
                    "bench job: no checkpoint completed within " + TIMEOUT + " after the change");
        }
        return c;
    }

    /**
     * The first completed checkpoint triggered at or after {@code millis} that satisfies {@code
     * done}, polled until {@code timeout}; then the newest one triggered since (null if none).
     */
    private static FlinkSampler.Checkpoint poll(
            FlinkSampler sampler,
            long millis,
            Predicate<FlinkSampler.Checkpoint> done,
            Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        FlinkSampler.Checkpoint newest = null;
        while (true) {
            sampler.poll();
            for (FlinkSampler.Checkpoint c : sampler.checkpoints()) {
                if (c.triggerMillis() >= millis) {
                    if (done.test(c)) {
                        return c;
                    }
                    if (newest == null || c.id() > newest.id()) {
                        newest = c;
                    }
                }
            }
            if (System.nanoTime() >= deadline) {
                return newest;
            }
            Thread.sleep(500);
        }
    }
}
