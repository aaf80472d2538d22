package org.vectorindex.jobs.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds the newest completed checkpoint under a state directory. Flink writes {@code
 * <dir>/<jobId>/chk-<n>/_metadata}; the metadata file is written last, so a {@code chk-<n>} without
 * it (a checkpoint interrupted by a crash) is skipped. A restored job continues the numbering of
 * the checkpoint it started from, so the highest {@code n} is the newest.
 */
public final class CheckpointDirs {
    private CheckpointDirs() {}

    /** The newest {@code chk-<n>} directory with metadata, or null. */
    public static Path latestCompleted(Path stateDir) {
        if (stateDir == null || !Files.isDirectory(stateDir)) {
            return null;
        }
        Path best = null;
        long bestN = -1;
        try (Stream<Path> jobs = Files.list(stateDir)) {
            for (Path job : (Iterable<Path>) jobs::iterator) {
                if (!Files.isDirectory(job)) {
                    continue;
                }
                try (Stream<Path> chks = Files.list(job)) {
                    for (Path chk : (Iterable<Path>) chks::iterator) {
                        long n = number(chk.getFileName().toString());
                        if (n > bestN && Files.isRegularFile(chk.resolve("_metadata"))) {
                            bestN = n;
                            best = chk;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot list state directory " + stateDir + ": " + e);
        }
        return best;
    }

    private static long number(String name) {
        if (!name.startsWith("chk-")) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
