package org.vectorindex.jobs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Child JVMs on the tests' own Java: the packaged jar, or a class on a class path. */
public final class ChildJvm {
    /** The jar {@code mvn package} builds; ITCases that run it are skipped or fail without it. */
    public static final Path JAR = Path.of("target", "flink-vector-index.jar");

    private ChildJvm() {}

    /** {@code java ARGS} (JVM options first), its standard error merged into its output. */
    public static ProcessBuilder java(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    public static Process start(String... args) throws IOException {
        return java(List.of(args)).start();
    }

    /** Everything {@code p} prints until it closes its output, as UTF-8. */
    public static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
