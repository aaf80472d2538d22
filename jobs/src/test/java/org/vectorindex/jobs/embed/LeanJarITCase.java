package org.vectorindex.jobs.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Checks the packaged layout: the deployable jar holds none of the demo libraries, and the demo's
 * embedder still runs from it by loading {@code demo-lib/} next to it. Runs at {@code verify},
 * after {@code package}; skipped when the jar has not been built.
 */
class LeanJarITCase {

    private static final Path JAR = Path.of("target", "flink-vector-index.jar");
    private static final Path DEMO_LIB = Path.of("target", "demo-lib");

    @Test
    void deployableJarHoldsNoDemoLibraries() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "not packaged: " + JAR.toAbsolutePath());
        List<String> offending = new ArrayList<>();
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith("ai/onnxruntime/")
                        || name.startsWith("ai/djl/")
                        || name.startsWith("dev/langchain4j/")
                        || name.startsWith("org/apache/lucene/tests/")
                        || name.endsWith(".onnx")
                        || name.contains("europarl")) {
                    offending.add(name);
                }
            }
        }
        assertTrue(offending.isEmpty(), "demo libraries in the lean jar: " + offending);
    }

    @Test
    void embedderRunsFromTheLeanJarWithDemoLibBesideIt() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "not packaged: " + JAR.toAbsolutePath());
        assumeTrue(Files.isDirectory(DEMO_LIB), "no " + DEMO_LIB.toAbsolutePath());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p =
                new ProcessBuilder(
                                java.toString(),
                                "-Xmx1g",
                                "-cp",
                                JAR.toString(),
                                EmbedCommand.class.getName(),
                                "The fishing quotas in the Baltic were reduced.",
                                "Cod catches in the Baltic Sea must fall.",
                                "The budget for culture was adopted.")
                        .redirectErrorStream(true)
                        .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "embed did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("loaded from " + DEMO_LIB.toAbsolutePath()), text);
        assertTrue(text.contains("text 2: ") && text.contains(" x 384"), text);
    }
}
