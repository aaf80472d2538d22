package org.vectorindex.jobs.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/**
 * Finds the newest completed checkpoint under a state directory. Flink writes {@code
 * <dir>/<jobId>/chk-<n>/_metadata}; the metadata file is written last, so a {@code chk-<n>} without
 * it (a checkpoint interrupted by a crash) is skipped. Checkpoint numbers are per job and say
 * nothing across jobs (a job started fresh counts from 1 again), so the newest is the one whose
 * metadata was written last; the number only breaks ties within one job.
 */
public final class CheckpointDirs {
    private CheckpointDirs() {}

    /** A state directory given as a path or a {@code file:} URI, made absolute. */
    public static Path localPath(String stateDir) {
        return Path.of(stateDir.startsWith("file:") ? URI.create(stateDir).getPath() : stateDir)
                .toAbsolutePath();
    }

    /** The {@code chk-<n>} directory whose metadata was completed last, or null. */
    public static Path latestCompleted(Path stateDir) {
        if (stateDir == null || !Files.isDirectory(stateDir)) {
            return null;
        }
        Path best = null;
        FileTime bestTime = null;
        long bestN = -1;
        try (Stream<Path> jobs = Files.list(stateDir)) {
            for (Path job : (Iterable<Path>) jobs::iterator) {
                if (!Files.isDirectory(job)) {
                    continue;
                }
                try (Stream<Path> chks = Files.list(job)) {
                    for (Path chk : (Iterable<Path>) chks::iterator) {
                        long n = number(chk.getFileName().toString());
                        Path metadata = chk.resolve("_metadata");
                        if (n < 0 || !Files.isRegularFile(metadata)) {
                            continue;
                        }
                        FileTime t = Files.getLastModifiedTime(metadata);
                        int order = bestTime == null ? 1 : t.compareTo(bestTime);
                        if (order > 0 || (order == 0 && n > bestN)) {
                            best = chk;
                            bestTime = t;
                            bestN = n;
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
