package org.vectorindex.state.keyed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.math.DistanceKernels;

/**
 * Indexes built on the SIMD kernel (this JVM) and on the scalar kernel (child JVMs: one told to use
 * scalar, one without the Vector API module at all) are bit-identical: same graph digests, same
 * answers and score bits. And an image written on the scalar kernel restores on the SIMD one with
 * the digest it had, its neighbour scores recomputed here.
 */
class KernelDigestTest {
    @TempDir Path tmp;

    @Test
    void digestsAndRestoresAreTheSameWhicheverKernelComputesThem() throws Exception {
        assertTrue(
                DistanceKernels.simd(),
                "this test JVM must be on SIMD: " + DistanceKernels.description());
        Map<String, String> simd = KernelDigestProbe.digests(null);
        assertEquals("simd", simd.remove("kernel"));

        Map<String, String> scalarBySetting =
                child(
                        List.of(
                                "--add-modules=jdk.incubator.vector",
                                "-Dvectorindex.kernel=scalar"),
                        null);
        Path images = tmp;
        Map<String, String> scalarWithoutModule = child(List.of(), images);
        assertEquals("scalar", scalarBySetting.remove("kernel"));
        assertEquals("scalar", scalarWithoutModule.remove("kernel"));
        assertEquals(simd, scalarBySetting);
        assertEquals(simd, scalarWithoutModule);

        for (Object[] spec : KernelDigestProbe.INDEXES) {
            String name = (String) spec[0];
            if ((boolean) spec[3]) {
                continue;
            }
            HnswIndex restored = KernelDigestProbe.readImage(images.resolve(name));
            assertEquals(
                    scalarWithoutModule.get(name),
                    KernelDigestProbe.digest(restored, (int) spec[1]),
                    name + " written on scalar, restored on SIMD");
        }
    }

    private static Map<String, String> child(List<String> jvmArgs, Path imageDir)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(KernelDigestProbe.class.getName());
        if (imageDir != null) {
            cmd.add(imageDir.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("WARNING")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return values;
    }
}
