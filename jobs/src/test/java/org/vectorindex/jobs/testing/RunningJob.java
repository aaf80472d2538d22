package org.vectorindex.jobs.testing;

import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/**
 * A job a test started in-process, with the port of its web UI and REST API ({@link JobArgs#webUi},
 * else -1); {@link #close} cancels it.
 */
public record RunningJob(JobClient client, int webPort) implements AutoCloseable {
    public String restUrl() {
        if (webPort < 0) {
            throw new IllegalStateException("started without a web UI");
        }
        return "http://127.0.0.1:" + webPort;
    }

    @Override
    public void close() throws Exception {
        client.cancel().get(60, TimeUnit.SECONDS);
    }
}
