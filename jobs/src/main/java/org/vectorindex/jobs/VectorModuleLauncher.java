package org.vectorindex.jobs;

import java.io.File;
import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.vectorindex.state.math.DistanceKernels;

/**
 * Gives {@code java -jar flink-vector-index.jar} the SIMD distance kernels: a manifest cannot add a
 * module, so when {@code jdk.incubator.vector} is missing from the boot layer the launcher JVM
 * starts the same command line again with {@code --add-modules jdk.incubator.vector} and passes on
 * its exit code. The child halts if the launcher dies (even by {@code kill -9}), and the launcher
 * stops the child when it is itself stopped. Anything else (a class-path launch, {@code flink run},
 * {@code -Dvectorindex.kernel=scalar}, a JDK without the module) runs in place.
 */
final class VectorModuleLauncher {
    static final String LAUNCHER_PID_ENV = "VECTORINDEX_LAUNCHER_PID";

    private VectorModuleLauncher() {}

    /** The relaunched command's exit code, or empty when this JVM runs the command itself. */
    static OptionalInt relaunchIfNeeded() throws Exception {
        String launcher = System.getenv(LAUNCHER_PID_ENV);
        if (launcher != null) {
            haltWhenGone(launcher);
            return OptionalInt.empty();
        }
        if (ModuleLayer.boot().findModule(DistanceKernels.MODULE).isPresent()
                || "scalar".equalsIgnoreCase(System.getProperty(DistanceKernels.KERNEL_PROPERTY))
                || ModuleFinder.ofSystem().find(DistanceKernels.MODULE).isEmpty()) {
            return OptionalInt.empty();
        }
        Optional<List<String>> command = jarCommandWithModule();
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(command.get()).inheritIO();
        pb.environment().put(LAUNCHER_PID_ENV, Long.toString(ProcessHandle.current().pid()));
        Process child = pb.start();
        Thread stopChild =
                new Thread(
                        () -> {
                            child.destroy();
                            try {
                                child.waitFor();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "stop relaunched jvm");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        return OptionalInt.of(code);
    }

    /**
     * This process's own argv with the module added first, if it was started as {@code java -jar
     * <the jar holding this class>}; the argv is the OS's, so options from {@code JDK_JAVA_OPTIONS}
     * or {@code JAVA_TOOL_OPTIONS} are applied once again by the child, not twice.
     */
    private static Optional<List<String>> jarCommandWithModule() {
        String classPath = System.getProperty("java.class.path", "");
        String javaCommand = System.getProperty("sun.java.command", "");
        boolean ownJar =
                classPath.endsWith(".jar")
                        && !classPath.contains(File.pathSeparator)
                        && (javaCommand.equals(classPath)
                                || javaCommand.startsWith(classPath + " "));
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (!ownJar || info.command().isEmpty() || info.arguments().isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(info.command().get());
        cmd.add("--add-modules=" + DistanceKernels.MODULE);
        cmd.addAll(List.of(info.arguments().get()));
        return Optional.of(cmd);
    }

    private static void haltWhenGone(String pid) {
        try {
            ProcessHandle.of(Long.parseLong(pid))
                    .ifPresentOrElse(
                            p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(1)),
                            () -> Runtime.getRuntime().halt(1));
        } catch (NumberFormatException e) {
            // Not set by the launcher: nothing to watch.
        }
    }
}
