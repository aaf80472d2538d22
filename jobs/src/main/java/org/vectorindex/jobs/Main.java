package org.vectorindex.jobs;

/** Entry point of {@code flink-vector-index.jar}: dispatches to a sub-command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        System.err.println("usage: flink-vector-index.jar bench hnsw|churn ...");
        System.exit(2);
    }
}
