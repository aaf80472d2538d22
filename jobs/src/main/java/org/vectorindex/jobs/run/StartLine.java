package org.vectorindex.jobs.run;

import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.vectorindex.connectors.kafka.KafkaOptions;

/** The one line {@code run} prints once the job is submitted, for people and scripts alike. */
final class StartLine {
    private StartLine() {}

    /**
     * @param parallelism the environment's parallelism; not positive means the cluster's default
     * @param webUi the web UI's URL, or null
     */
    static String format(
            JobID job, RunCommand.Settings s, int parallelism, Resume resume, String webUi) {
        String collections =
                s.collections.all().stream()
                        .map(
                                c ->
                                        c.name()
                                                + "("
                                                + c.type().name().toLowerCase()
                                                + ", "
                                                + c.shards()
                                                + " shards)")
                        .collect(Collectors.joining(", "));
        return "run: started job "
                + job
                + " | topics mutations="
                + s.conf.get(KafkaOptions.MUTATIONS_TOPIC)
                + " queries="
                + s.conf.get(KafkaOptions.QUERIES_TOPIC)
                + " results="
                + s.conf.get(KafkaOptions.RESULTS_TOPIC)
                + " dlq="
                + s.conf.get(KafkaOptions.DLQ_TOPIC)
                + " | collections "
                + collections
                + " | parallelism "
                + (parallelism > 0 ? Integer.toString(parallelism) : "cluster default")
                + " | state backend "
                + s.conf.get(JobOptions.STATE_BACKEND).name().toLowerCase()
                + " | resume "
                + resume.brief()
                + (webUi == null ? "" : " | web UI " + webUi);
    }
}
