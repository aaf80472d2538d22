package org.vectorindex.jobs.multivector;

import java.util.Map;

/**
 * Service-provider hook for named corpora ({@code --corpus NAME}), found with {@link
 * java.util.ServiceLoader}, so a new corpus needs no change to the benchmark.
 */
public interface TokenCorpusProvider {

    /** The {@code --corpus} value this provider answers to. */
    String name();

    /** Opens the corpus; {@code options} holds every {@code --key value} of the command line. */
    TokenCorpus open(Map<String, String> options) throws Exception;
}
