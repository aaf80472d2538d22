package org.vectorindex.connectors.kafka;

import java.util.List;
import org.apache.flink.annotation.Internal;

/** The default names of the job's four topics, shared by the tools that create and use them. */
@Internal
public final class TopicNames {
    public static final String MUTATIONS = "mutations";
    public static final String QUERIES = "queries";
    public static final String RESULTS = "results";
    public static final String DLQ = "dlq";

    /** The four defaults, in the order mutations, queries, results, dead letters. */
    public static final List<String> ALL = List.of(MUTATIONS, QUERIES, RESULTS, DLQ);

    private TopicNames() {}
}
