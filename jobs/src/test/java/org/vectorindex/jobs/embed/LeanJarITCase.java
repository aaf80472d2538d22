package org.vectorindex.jobs.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.vectorindex.jobs.testing.ChildJvm;

/**
 * Checks the packaged layout: the deployable jar holds neither the demo libraries nor what a Flink
 * cluster provides; local commands still get Flink and RocksDB from {@code local-lib/} through the
 * jar's manifest, and the demo's embedder from {@code demo-lib/}. Runs at {@code verify}, after
 * {@code package}; skipped when the jar has not been built.
 */
class LeanJarITCase {

    private static final Path JAR = ChildJvm.JAR;
    private static final Path DEMO_LIB = Path.of("target", "demo-lib");
    private static final Path FLINK_LIB = Path.of("target", "flink-cluster-lib");
    private static final Path LOCAL_LIB = Path.of("target", "local-lib");

    /** Far below the 164 MB the jar weighed while it bundled Flink, RocksDB and the broker. */
    private static final long LEAN_JAR_MAX_BYTES = 40L << 20;

    @Test
    void deployableJarHoldsNothingAFlinkClusterProvides() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "not packaged: " + JAR.toAbsolutePath());
        List<String> offending = new ArrayList<>();
        boolean hasConnector = false;
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                hasConnector |= name.startsWith("org/apache/flink/connector/kafka/");
                if (name.startsWith("org/apache/flink/runtime/")
                        || name.startsWith("org/apache/flink/streaming/api/")
                        || name.startsWith("org/rocksdb/")
                        || name.startsWith("scala/")
                        || name.startsWith("kafka/server/")
                        || name.startsWith("org/apache/logging/log4j/core/")) {
                    offending.add(name);
                }
            }
        }
        assertTrue(
                offending.isEmpty(),
                () -> offending.size() + " provided classes in the jar, e.g. " + offending.get(0));
        assertTrue(hasConnector, "the Kafka connector must be in the deployable jar");
        long size = Files.size(JAR);
        assertTrue(size < LEAN_JAR_MAX_BYTES, "deployable jar is " + size + " bytes");
    }

    @Test
    void flinkAndRocksDbComeFromLocalLibThroughTheManifest() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "not packaged: " + JAR.toAbsolutePath());
        assumeTrue(Files.isDirectory(LOCAL_LIB), "no " + LOCAL_LIB.toAbsolutePath());
        String classPath = JAR + File.pathSeparator + Path.of("target", "test-classes");
        Process p = ChildJvm.start("-Xmx1g", "-cp", classPath, LocalLibSmoke.class.getName());
        String text = ChildJvm.output(p);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "smoke job did not finish");
        assertEquals(0, p.exitValue(), text);
        // Keys 0 and 1 sum the even and odd numbers of 1..100: 2550 and 2500.
        assertTrue(text.contains("local-lib smoke: 100 sums, largest 2550"), text);
    }

    @Test
    void deployableJarHoldsNoDemoLibraries() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "not packaged: " + JAR.toAbsolutePath());
        List<String> offending = entries(LeanJarITCase::demoLibrary);
        assertTrue(offending.isEmpty(), "demo libraries in the lean jar: " + offending);
    }

    /**
     * The dashboard's chart library and the browser test's Selenium stay out of the deployable jar;
     * the WebJar, a local tool's dependency, is in local-lib/ instead.
     */
    @Test
    void deployableJarHoldsNoDashboardLibraries() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "not packaged: " + JAR.toAbsolutePath());
        List<String> offending = entries(LeanJarITCase::dashboardLibrary);
        assertTrue(offending.isEmpty(), "dashboard libraries in the lean jar: " + offending);
        assumeTrue(Files.isDirectory(LOCAL_LIB), "no " + LOCAL_LIB.toAbsolutePath());
        try (var libs = Files.list(LOCAL_LIB)) {
            List<String> names = libs.map(f -> f.getFileName().toString()).toList();
            assertTrue(
                    names.stream().anyMatch(n -> n.startsWith("uplot-")),
                    "the uPlot WebJar belongs in local-lib/: " + names.size() + " jars there");
            assertTrue(
                    names.stream().noneMatch(n -> n.startsWith("selenium-")),
                    "test-only Selenium must not reach local-lib/");
        }
    }

    /** What only the demo needs: ONNX Runtime, DJL, LangChain4j, a model, the corpus. */
    private static boolean demoLibrary(String name) {
        return name.startsWith("ai/onnxruntime/")
                || name.startsWith("ai/djl/")
                || name.startsWith("dev/langchain4j/")
                || name.startsWith("org/apache/lucene/tests/")
                || name.endsWith(".onnx")
                || name.contains("europarl");
    }

    /** The dashboard's chart library (a WebJar) and the browser test's Selenium. */
    private static boolean dashboardLibrary(String name) {
        return name.startsWith("META-INF/resources/webjars/")
                || name.startsWith("META-INF/maven/org.webjars")
                || name.startsWith("org/openqa/selenium/");
    }

    /** The names of the jar's entries that {@code matching} accepts. */
    private static List<String> entries(Predicate<String> matching) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (matching.test(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Test
    void embedderRunsFromTheLeanJarWithDemoLibBesideIt() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "not packaged: " + JAR.toAbsolutePath());
        assumeTrue(Files.isDirectory(DEMO_LIB), "no " + DEMO_LIB.toAbsolutePath());
        Process p =
                ChildJvm.start(
                        "-Xmx1g",
                        "-cp",
                        JAR.toString(),
                        EmbedCommand.class.getName(),
                        "The fishing quotas in the Baltic were reduced.",
                        "Cod catches in the Baltic Sea must fall.",
                        "The budget for culture was adopted.");
        String text = ChildJvm.output(p);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "embed did not finish");
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("loaded from " + DEMO_LIB.toAbsolutePath()), text);
        assertTrue(text.contains("text 2: ") && text.contains(" x 384"), text);
    }

    /**
     * The jar copied alone (its manifest's {@code local-lib/} does not resolve there), over only
     * Flink's lib/, as a cluster's user-code class loader sees it: a YAML collections file loads
     * through the jar's own classes.
     */
    @Test
    void copiedAloneItLoadsAYamlCollectionsFileOverFlinksLibOnly() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "not packaged: " + JAR.toAbsolutePath());
        assumeTrue(Files.isDirectory(FLINK_LIB), "no " + FLINK_LIB.toAbsolutePath());
        Path alone = Files.createTempDirectory(Path.of("target"), "jar-alone-");
        Path jar = Files.copy(JAR, alone.resolve(JAR.getFileName()));
        Path yaml =
                Files.writeString(
                        alone.resolve("collections.yaml"),
                        "collections:\n"
                                + "  - name: sift\n"
                                + "    dimension: 128\n"
                                + "    metric: l2\n"
                                + "    type: hnsw\n"
                                + "    shards: 4\n");
        List<URL> urls = new ArrayList<>(List.of(jar.toUri().toURL()));
        try (var libs = Files.list(FLINK_LIB)) {
            for (Path p : libs.filter(f -> f.toString().endsWith(".jar")).toList()) {
                urls.add(p.toUri().toURL());
            }
        }
        try (URLClassLoader cl =
                new URLClassLoader(
                        urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> file = cl.loadClass("org.vectorindex.operators.model.CollectionsFile");
            Object registry = file.getMethod("load", Path.class).invoke(null, yaml);
            assertEquals(
                    jar.toUri().toURL(), file.getProtectionDomain().getCodeSource().getLocation());
            Object spec =
                    registry.getClass().getMethod("require", String.class).invoke(registry, "sift");
            assertEquals(128, spec.getClass().getMethod("dimension").invoke(spec));
        }
    }
}
