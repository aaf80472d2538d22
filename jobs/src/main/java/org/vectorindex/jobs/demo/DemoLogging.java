package org.vectorindex.jobs.demo;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Keeps the demo's console readable: Flink, Kafka and the embedded broker log a lot at INFO and a
 * fair amount of harmless WARN (metric name clashes, client reconnects during start-up). Unless the
 * user chose a log4j configuration ({@code -Dlog4j2.configurationFile}), only errors are shown.
 */
final class DemoLogging {
    private DemoLogging() {}

    static void quiet() {
        if (System.getProperty("log4j2.configurationFile") != null
                || System.getProperty("log4j.configurationFile") != null) {
            return;
        }
        Configurator.setRootLevel(Level.ERROR);
    }
}
