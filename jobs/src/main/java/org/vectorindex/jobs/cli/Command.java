package org.vectorindex.jobs.cli;

import java.util.List;

/**
 * One runnable sub-command of the jar. It returns an exit code instead of calling {@code
 * System.exit}, so tests can run commands in-process and only {@code Main} ends the JVM.
 */
@FunctionalInterface
public interface Command {
    /**
     * Runs the command with the arguments that follow its name.
     *
     * @return the process exit code: 0 success, 1 a failed check or run, 2 a usage error
     */
    int run(List<String> args) throws Exception;
}
