package org.vectorindex.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Times single-threaded work on both the wall clock and the calling thread's CPU clock. On a shared
 * machine the wall clock also counts the time the thread sat descheduled behind other processes,
 * which says nothing about either index; the thread CPU clock does not. Both are reported; the
 * benchmark's headline figures use the one chosen with {@code --clock}.
 */
public final class Stopwatch {
    /** Which clock the headline figures use. */
    public enum Clock {
        CPU,
        WALL;

        public static Clock parse(String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "cpu":
                    return CPU;
                case "wall":
                    return WALL;
                default:
                    throw new IllegalArgumentException("--clock must be 'cpu' or 'wall', got " + s);
            }
        }

        public String description() {
            return this == CPU ? "thread CPU time" : "wall-clock time";
        }
    }

    /** Work to time; may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** The elapsed seconds of {@code repeats} runs of the work on both clocks. */
    public record Sample(double wallSeconds, double cpuSeconds, int repeats) {
        public double seconds(Clock clock) {
            return clock == Clock.CPU ? cpuSeconds : wallSeconds;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Stopwatch() {}

    static {
        if (THREADS.isCurrentThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    /** Whether this JVM can measure thread CPU time (HotSpot on Linux can). */
    public static boolean cpuClockAvailable() {
        return THREADS.isCurrentThreadCpuTimeSupported();
    }

    /** Runs the work once. */
    public static Sample once(Work work) throws Exception {
        return repeat(work, 0, Clock.WALL);
    }

    /**
     * Runs the work at least once and until {@code minSeconds} have passed on {@code clock}, so a
     * short pass (100 queries take milliseconds) is not at the mercy of a single scheduler tick.
     */
    public static Sample repeat(Work work, double minSeconds, Clock clock) throws Exception {
        long minNanos = (long) (minSeconds * 1e9);
        long wall0 = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        int repeats = 0;
        long wall;
        long cpu;
        do {
            work.run();
            repeats++;
            wall = System.nanoTime() - wall0;
            cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        } while ((clock == Clock.CPU ? cpu : wall) < minNanos);
        return new Sample(wall / 1e9, cpu / 1e9, repeats);
    }
}
