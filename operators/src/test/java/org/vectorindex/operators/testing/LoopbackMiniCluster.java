package org.vectorindex.operators.testing;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * A MiniCluster for tests that listens on 127.0.0.1 only (by default it binds every interface) and
 * has as many slots as the job's parallelism (with fewer, the job waits 300 s and fails).
 */
public final class LoopbackMiniCluster {
    private LoopbackMiniCluster() {}

    /** Where the REST endpoint, the job manager and the task managers bind and are reached. */
    private static final List<ConfigOption<String>> ADDRESSES =
            List.of(
                    RestOptions.BIND_ADDRESS,
                    RestOptions.ADDRESS,
                    JobManagerOptions.BIND_HOST,
                    JobManagerOptions.ADDRESS,
                    TaskManagerOptions.BIND_HOST,
                    TaskManagerOptions.HOST);

    public static Configuration configuration() {
        Configuration c = new Configuration();
        ADDRESSES.forEach(option -> c.set(option, "127.0.0.1"));
        return c;
    }

    /** For {@code @RegisterExtension static final}: one task manager with {@code slots} slots. */
    public static MiniClusterExtension extension(int slots) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .setConfiguration(configuration())
                        .build());
    }
}
