package org.vectorindex.jobs.run;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * Where a job's state comes from, decided once before submission: an explicit savepoint or
 * checkpoint always wins, then the newest completed checkpoint in the state directory, else none.
 *
 * @param path the restore path, or null when the job starts without state
 * @param source why that path
 */
public record Resume(String path, Source source) {
    /** Why a job restores what it restores. */
    public enum Source {
        /** {@code -s}, {@code execution.savepoint.path} or REST {@code savepointPath}. */
        EXPLICIT,
        /** The newest completed checkpoint under {@code --state-dir}. */
        STATE_DIR,
        /** Nothing to restore. */
        NONE
    }

    /**
     * @param effective the submitting client's configuration with the job's flags laid over it
     * @param stateDir {@code --state-dir} (a path or file URI), or null
     */
    static Resume decide(Configuration effective, String stateDir) {
        String explicit = effective.get(StateRecoveryOptions.SAVEPOINT_PATH);
        if (explicit != null && !explicit.isBlank()) {
            return new Resume(explicit, Source.EXPLICIT);
        }
        if (stateDir != null) {
            Path latest = CheckpointDirs.latestCompleted(CheckpointDirs.localPath(stateDir));
            if (latest != null) {
                return new Resume(latest.toUri().toString(), Source.STATE_DIR);
            }
        }
        return new Resume(null, Source.NONE);
    }

    /** What the job logs before it is submitted. */
    String describe() {
        return switch (source) {
            case EXPLICIT -> "resuming from " + path + " (explicit savepoint or checkpoint)";
            case STATE_DIR ->
                    "resuming from " + path + " (newest completed checkpoint in --state-dir)";
            case NONE ->
                    "starting without restored state: mutations are read from the earliest"
                            + " offset, queries from the consumer group's committed offsets";
        };
    }

    /** A short form for the start line. */
    String brief() {
        return path == null ? "none" : path;
    }
}
