package org.vectorindex.jobs.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vectorindex.jobs.dashboard.LoopbackPorts;
import org.vectorindex.jobs.run.RunCommand;

/**
 * The arguments of {@code run} for a test's job: broker, topics (m, q, r and d unless set),
 * collections file, and whatever a test sets on top; {@link #start} runs it in-process.
 */
public final class JobArgs {
    private final Map<String, String> flags = new LinkedHashMap<>();
    private final List<String> more = new ArrayList<>();
    private int webPort = -1;

    public JobArgs(String bootstrap, Path collections) {
        flag("--bootstrap-servers", bootstrap);
        topics("m", "q", "r", "d");
        flag("--collections", collections.toString());
    }

    public JobArgs topics(String mutations, String queries, String results, String dlq) {
        return flag("--mutations-topic", mutations)
                .flag("--queries-topic", queries)
                .flag("--results-topic", results)
                .flag("--dlq-topic", dlq);
    }

    public JobArgs parallelism(int n) {
        return flag("--parallelism", Integer.toString(n));
    }

    public JobArgs stateBackend(String backend) {
        return flag("--state-backend", backend);
    }

    public JobArgs checkpointInterval(String interval) {
        return flag("--checkpoint-interval", interval);
    }

    public JobArgs stateDir(Path dir) {
        return flag("--state-dir", dir.toString());
    }

    /** The web UI and REST API on a free loopback port, with metrics fetched every 500 ms. */
    public JobArgs webUi() {
        webPort = LoopbackPorts.free();
        return flag("--web-ui-port", Integer.toString(webPort))
                .conf("metrics.fetcher.update-interval=500");
    }

    /** A {@code --conf key=value}. */
    public JobArgs conf(String keyValue) {
        more.add("--conf");
        more.add(keyValue);
        return this;
    }

    /** Sets {@code name} to {@code value}, replacing an earlier value. */
    public JobArgs flag(String name, String value) {
        flags.put(name, value);
        return this;
    }

    /** Arguments appended as they are. */
    public JobArgs with(List<String> args) {
        more.addAll(args);
        return this;
    }

    public List<String> list() {
        List<String> out = new ArrayList<>();
        flags.forEach(
                (name, value) -> {
                    out.add(name);
                    out.add(value);
                });
        out.addAll(more);
        return out;
    }

    public String[] toArray() {
        return list().toArray(String[]::new);
    }

    /** Starts the job ({@link RunCommand#start}); closing the handle cancels it. */
    public RunningJob start() throws Exception {
        return new RunningJob(RunCommand.start(toArray()), webPort);
    }
}
