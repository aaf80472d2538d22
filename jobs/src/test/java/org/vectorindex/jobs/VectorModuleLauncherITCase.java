package org.vectorindex.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.testing.BenchArgs;
import org.vectorindex.jobs.testing.ChildJvm;
import org.vectorindex.state.math.DistanceKernels;

/**
 * {@code java -jar flink-vector-index.jar} on a plain {@code java} command line turns the Vector
 * API module on by itself (the relaunch), passes exit codes through, honours {@code
 * -Dvectorindex.kernel=scalar}, and leaves no JVM behind when the launcher is killed.
 */
class VectorModuleLauncherITCase {
    private static final Path JAR = ChildJvm.JAR;
    @TempDir static Path dir;
    private static Path base;

    @BeforeAll
    static void writeData() throws IOException {
        base = dir.resolve("base.fvecs");
        VectorFiles.writeFvecs(base, ClusteredData.generate(600, 20, 8, 2.0, 3));
    }

    @Test
    void theJarRunsOnTheSimdKernelWithoutAnyJvmFlag() throws Exception {
        assertEquals(DistanceKernels.active().name(), benchKernel(List.of()));
    }

    @Test
    void theScalarSettingRunsInPlaceOnTheScalarKernel() throws Exception {
        assertEquals(
                "scalar", benchKernel(List.of("-D" + DistanceKernels.KERNEL.key() + "=scalar")));
    }

    @Test
    void exitCodesPassThroughTheRelaunch() throws Exception {
        Process p = start(List.of(), "bench", "hnsw", "--no-such-flag", "1");
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(2, p.exitValue());
    }

    @Test
    void killingTheLauncherEndsTheRelaunchedJvm() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process launcher =
                start(
                        List.of(),
                        "kafka",
                        "--port",
                        Integer.toString(port),
                        "--dir",
                        dir.resolve("k").toString());
        try {
            ProcessHandle child = awaitChild(launcher);
            launcher.destroyForcibly();
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
            assertTrue(
                    child.onExit().get(60, TimeUnit.SECONDS) != null && !child.isAlive(),
                    "the relaunched JVM outlived its launcher");
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private static String benchKernel(List<String> jvmArgs) throws Exception {
        Path json = Files.createTempFile(dir, "bench", ".json");
        List<String> args = new ArrayList<>(List.of("bench", "hnsw", "--base", base.toString()));
        args.addAll(List.of("--queries", base.toString(), "--query-limit", "20"));
        args.addAll(List.of("--metric", "l2", "--ef", "10"));
        args.addAll(BenchArgs.ONE_PASS);
        args.addAll(List.of("--warmup", "0", "--json", json.toString()));
        Process p = start(jvmArgs, args.toArray(String[]::new));
        String out = ChildJvm.output(p);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bench did not finish");
        assertEquals(0, p.exitValue(), out);
        String kernel =
                new ObjectMapper().readTree(json.toFile()).at("/run/distanceKernel").asText();
        assertTrue(out.contains("distance kernel: " + kernel), out);
        return kernel;
    }

    private static Process start(List<String> jvmArgs, String... args) throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "not packaged: " + JAR.toAbsolutePath());
        List<String> cmd = new ArrayList<>();
        cmd.add("-Xmx512m");
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = ChildJvm.java(cmd);
        pb.environment().remove(VectorModuleLauncher.LAUNCHER_PID_ENV);
        return pb.start();
    }

    private static ProcessHandle awaitChild(Process launcher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = launcher.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the launcher started no JVM with the module");
    }
}
