package org.vectorindex.jobs.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Failures injected into a MiniCluster run ({@link JobOptions#FAIL_INDEX_AT}, {@link
 * JobOptions#FAIL_MERGE_AT}), and the markers that show which of them fired.
 */
final class InjectedFailures {
    private InjectedFailures() {}

    /** The job's arguments that inject them at {@code indexAt} and {@code mergeAt}. */
    static List<String> args(String indexAt, String mergeAt, Path markers) {
        return List.of(
                "--conf", JobOptions.FAIL_INDEX_AT.key() + "=" + indexAt,
                "--conf", JobOptions.FAIL_MERGE_AT.key() + "=" + mergeAt,
                "--conf", JobOptions.FAILURE_MARKER_DIR.key() + "=" + markers);
    }

    /** The failures that fired ("index-attempt-0", say), sorted, each once. */
    static List<String> fired(Path markers) throws Exception {
        try (Stream<Path> files = Files.list(markers)) {
            return files.map(p -> p.getFileName().toString().replaceAll("-subtask-\\d+", ""))
                    .sorted()
                    .distinct()
                    .toList();
        }
    }
}
