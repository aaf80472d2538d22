package org.vectorindex.operators.fault;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * A test hook that makes an operator throw, so recovery can be tested on the real job. Off by
 * default ({@link #NONE}).
 *
 * <p>A plan is a list of {@code attempt:count} pairs: in task attempt {@code attempt} (Flink's
 * attempt number, which grows with every restart of the job's region) the subtask throws after it
 * has handled {@code count} records in that attempt. Being driven by the attempt number, it needs
 * no static state and fires once per listed attempt, however many restarts follow. With a marker
 * directory, each firing first creates {@code <dir>/<name>-attempt-<a>-subtask-<i>}, so a test can
 * check that the failure really happened.
 *
 * <p>Plans come from the job's global parameters ({@link #fromJobParameters}), never from a public
 * signature, so only a test that sets these testing options can switch the hook on.
 */
@Internal
public final class FailureInjection implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> INDEX_PLAN =
            ConfigOptions.key("vectorindex.testing.fail-index-at")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Testing only: 'attempt:count,...' makes the index operator throw"
                                    + " after count records in the given task attempts.");

    public static final ConfigOption<String> MERGE_PLAN =
            ConfigOptions.key("vectorindex.testing.fail-merge-at")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Testing only: as fail-index-at, for the merge operator.");

    public static final ConfigOption<String> MARKER_DIR =
            ConfigOptions.key("vectorindex.testing.failure-marker-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Testing only: an injected failure first leaves a marker file here.");

    /** No failures. */
    public static final FailureInjection NONE =
            new FailureInjection("none", new int[0], new long[0], null);

    private final String name;
    private final int[] attempts;
    private final long[] counts;
    private final String markerDir;

    private transient long threshold;
    private transient long seen;
    private transient String marker;

    private FailureInjection(String name, int[] attempts, long[] counts, String markerDir) {
        this.name = name;
        this.attempts = attempts;
        this.counts = counts;
        this.markerDir = markerDir;
    }

    /**
     * Parses a plan such as {@code "0:300,2:100"}; blank means {@link #NONE}.
     *
     * @param name names the operator in the exception and marker file
     * @param markerDir directory for marker files, or null
     */
    public static FailureInjection parse(String name, String plan, String markerDir) {
        if (plan == null || plan.isBlank()) {
            return NONE;
        }
        String[] parts = plan.split(",");
        int[] attempts = new int[parts.length];
        long[] counts = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String[] ac = parts[i].trim().split(":");
            try {
                if (ac.length != 2) {
                    throw new NumberFormatException();
                }
                attempts[i] = Integer.parseInt(ac[0].trim());
                counts[i] = Long.parseLong(ac[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "failure plan of "
                                + name
                                + " must be attempt:count[,attempt:count...], got '"
                                + plan
                                + "'");
            }
            if (attempts[i] < 0 || counts[i] < 1) {
                throw new IllegalArgumentException(
                        "failure plan of "
                                + name
                                + ": attempt >= 0 and count >= 1, got "
                                + parts[i]);
            }
        }
        return new FailureInjection(name, attempts, counts, markerDir);
    }

    /**
     * The plan that {@code plan} names in a job's global parameters ({@link #NONE} when unset),
     * with the marker directory of {@link #MARKER_DIR}.
     */
    public static FailureInjection fromJobParameters(
            String name, ConfigOption<String> plan, Map<String, String> parameters) {
        return parse(name, parameters.get(plan.key()), parameters.get(MARKER_DIR.key()));
    }

    public boolean isActive() {
        return attempts.length > 0;
    }

    /** Reads the attempt number; call from the operator's {@code open()}. */
    public void open(RuntimeContext ctx) {
        threshold = -1;
        if (!isActive()) {
            return; // NONE is shared: leave it untouched
        }
        seen = 0;
        int attempt = ctx.getTaskInfo().getAttemptNumber();
        for (int i = 0; i < attempts.length; i++) {
            if (attempts[i] == attempt) {
                threshold = counts[i];
            }
        }
        marker =
                name
                        + "-attempt-"
                        + attempt
                        + "-subtask-"
                        + ctx.getTaskInfo().getIndexOfThisSubtask();
    }

    /** Counts one record; throws when this attempt's count is reached. */
    public void onRecord() {
        if (attempts.length == 0 || threshold < 0 || ++seen < threshold) {
            return;
        }
        threshold = -1;
        if (markerDir != null) {
            try {
                Files.createDirectories(Path.of(markerDir));
                Files.writeString(Path.of(markerDir, marker), Long.toString(seen));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write failure marker " + marker, e);
            }
        }
        throw new InjectedFailure(
                name + ": injected failure (" + marker + ", record " + seen + ")");
    }

    @Override
    public String toString() {
        return name + Arrays.toString(attempts) + Arrays.toString(counts);
    }

    /** The exception the hook throws. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }
}
