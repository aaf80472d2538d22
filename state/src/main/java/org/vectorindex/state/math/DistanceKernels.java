package org.vectorindex.state.math;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks this JVM's {@link DistanceKernel} once, when the first vector is scored: SIMD when {@code
 * jdk.incubator.vector} is in the boot layer and the CPU has 256-bit vectors and FMA, else scalar.
 * Both compute bit-identical results, so the choice changes speed only; it is logged, and the
 * operators and {@code bench} report it.
 */
@Internal
public final class DistanceKernels {
    public static final String MODULE = "jdk.incubator.vector";

    /** The key of {@link #KERNEL}, a constant so a launcher can read it without loading this. */
    public static final String KERNEL_PROPERTY = "vectorindex.kernel";

    /**
     * Read from the Java system property of the same name ({@code -Dvectorindex.kernel=scalar}),
     * because the kernel is fixed per JVM before any job configuration exists.
     */
    public static final ConfigOption<String> KERNEL =
            ConfigOptions.key(KERNEL_PROPERTY)
                    .stringType()
                    .defaultValue("auto")
                    .withDescription(
                            "Distance kernels of this JVM, as the Java system property"
                                    + " -Dvectorindex.kernel: 'auto' uses SIMD on "
                                    + MODULE
                                    + " when the JVM runs with --add-modules "
                                    + MODULE
                                    + " and the CPU has 256-bit vectors with FMA, else scalar;"
                                    + " 'scalar' always uses scalar. Both give bit-identical"
                                    + " scores.");

    private static final Logger LOG = LoggerFactory.getLogger(DistanceKernels.class);
    private static final int NEEDED_BITS = 256;

    private static final String[] REASON = new String[1];
    static final DistanceKernel ACTIVE = choose(System.getProperty(KERNEL.key()), REASON);
    private static final String DESCRIPTION = ACTIVE.name() + " (" + REASON[0] + ")";

    static {
        LOG.info("distance kernel: {}", DESCRIPTION);
    }

    private DistanceKernels() {}

    /** The kernel every score of this JVM uses. */
    public static DistanceKernel active() {
        return ACTIVE;
    }

    /** Whether {@link #active()} is the SIMD kernel. */
    public static boolean simd() {
        return ACTIVE != ScalarKernel.INSTANCE;
    }

    /** The active kernel's name and why it was chosen, for logs and reports. */
    public static String description() {
        return DESCRIPTION;
    }

    /** The scalar reference kernel, whatever is active. */
    public static DistanceKernel scalar() {
        return ScalarKernel.INSTANCE;
    }

    /**
     * A SIMD kernel whether or not it is active (it runs, slowly, even on CPUs without wide
     * vectors), or null without the module: for tests that compare the two.
     */
    public static DistanceKernel simdOrNull() {
        return moduleLoaded() ? newSimd() : null;
    }

    static boolean moduleLoaded() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    private static DistanceKernel choose(String setting, String[] reason) {
        String s =
                setting == null ? KERNEL.defaultValue() : setting.trim().toLowerCase(Locale.ROOT);
        if (s.equals("scalar")) {
            reason[0] = KERNEL.key() + "=scalar";
            return ScalarKernel.INSTANCE;
        }
        if (!s.equals("auto")) {
            throw new IllegalArgumentException(
                    KERNEL.key() + " must be 'auto' or 'scalar', got '" + setting + "'");
        }
        if (!moduleLoaded()) {
            reason[0] = MODULE + " is not in this JVM; start it with --add-modules " + MODULE;
            return ScalarKernel.INSTANCE;
        }
        int bits = SimdKernel.preferredBits();
        if (bits < NEEDED_BITS) {
            reason[0] = "the CPU's vectors are " + bits + "-bit; the SIMD kernel needs 256";
            return ScalarKernel.INSTANCE;
        }
        if (!hardwareFma()) {
            reason[0] = "the CPU has no fused multiply-add";
            return ScalarKernel.INSTANCE;
        }
        reason[0] = MODULE + ", 2 x 256-bit lanes, FMA";
        return newSimd();
    }

    private static DistanceKernel newSimd() {
        return new SimdKernel();
    }

    /** HotSpot's {@code UseFMA}: true when the CPU has FMA; assumed true where it is unknown. */
    private static boolean hardwareFma() {
        try {
            return Boolean.parseBoolean(
                    ManagementFactory.getPlatformMXBean(
                                    com.sun.management.HotSpotDiagnosticMXBean.class)
                            .getVMOption("UseFMA")
                            .getValue());
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }
}
