package org.vectorindex.jobs.bench.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.vectorindex.jobs.client.TopicTail;

/**
 * The waits of one {@code bench job} run: subscriptions open, a first probe answered (the job
 * serves), the end of the load, the last probe and the answers still in flight. Every wait is
 * bounded and fails with what it waited for, and stops early when the results reader or the
 * producer failed.
 */
final class LoadRun {
    private static final Duration SERVE_TIMEOUT = Duration.ofMinutes(3);

    private final JobBenchSettings s;
    private final PacedLoad load;
    private final AnswerLog answers;
    private final SendLog sent;
    private final TopicTail tail;
    private final PrintStream log;

    LoadRun(
            JobBenchSettings s,
            PacedLoad load,
            AnswerLog answers,
            SendLog sent,
            TopicTail tail,
            PrintStream log) {
        this.s = s;
        this.load = load;
        this.answers = answers;
        this.sent = sent;
        this.tail = tail;
        this.log = log;
    }

    void openSubscriptions(float[][] vectors) throws InterruptedException {
        if (s.subscriptions == 0) {
            return;
        }
        for (int i = 0; i < s.subscriptions; i++) {
            load.subscribe("bsub" + i, vectors[i % vectors.length]);
        }
        load.flushQueries();
        await(
                () -> answers.subscriptionsOpened() >= s.subscriptions,
                SERVE_TIMEOUT,
                s.subscriptions + " subscriptions to open");
        log.printf("bench job: %d subscriptions open%n", s.subscriptions);
    }

    /** Probes until one is answered; returns the live vectors before the load. */
    long baseline() throws InterruptedException {
        long deadline = System.nanoTime() + SERVE_TIMEOUT.toNanos();
        while (answers.newestProbe() == null) {
            load.probe();
            await(() -> answers.newestProbe() != null, Duration.ofSeconds(2), null);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "bench job: no answer to a stats request in " + SERVE_TIMEOUT);
            }
        }
        long live = answers.newestProbe().liveVectors();
        log.printf("bench job: the job serves; %d live vectors before the load%n", live);
        return live;
    }

    /**
     * Waits for the end of the load: its duration, or, when saturating, the first probe that saw
     * every upsert applied. Returns that moment as {@link System#nanoTime}.
     */
    long awaitEnd(long baseline) throws InterruptedException {
        long deadline = load.startNanos() + s.duration.toNanos();
        while (System.nanoTime() < deadline) {
            failIfBroken();
            if (s.saturate() && load.upsertsDone()) {
                AnswerLog.Probe p = answers.newestProbe();
                if (p != null && p.liveVectors() - baseline >= s.upserts) {
                    return p.sentNanos();
                }
            }
            Thread.sleep(50);
        }
        if (s.saturate()) {
            log.println("bench job: the duration ended before every upsert was applied");
        }
        return deadline;
    }

    /** A probe sent now, after the load stopped, and its answer. */
    AnswerLog.Probe finalProbe() throws InterruptedException {
        long before = System.nanoTime();
        load.probe();
        Duration timeout = SERVE_TIMEOUT.plus(s.checkpointInterval);
        await(
                () -> {
                    AnswerLog.Probe p = answers.newestProbe();
                    return p != null && p.sentNanos() >= before;
                },
                timeout,
                "the answer to the last stats request");
        return answers.newestProbe();
    }

    /** Gives the one-shot answers in flight a few checkpoints to be committed. */
    void awaitAnswers() throws InterruptedException {
        Duration grace = s.checkpointInterval.multipliedBy(3).plusSeconds(10);
        await(() -> answers.answers().size() >= sent.queriesSent(), grace, null);
    }

    /** Waits for {@code done}; on timeout fails naming {@code what}, or returns if it is null. */
    private void await(BooleanSupplier done, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            failIfBroken();
            if (System.nanoTime() > deadline) {
                if (what == null) {
                    return;
                }
                throw new IllegalStateException(
                        "bench job: waited " + timeout + " for " + what + " in vain");
            }
            Thread.sleep(20);
        }
    }

    private void failIfBroken() {
        if (tail.failure() != null) {
            throw new IllegalStateException(
                    "bench job: reading results failed: " + tail.failure(), tail.failure());
        }
        if (load.failure() != null) {
            throw new IllegalStateException(
                    "bench job: sending failed: " + load.failure(), load.failure());
        }
    }
}
