package org.vectorindex.connectors.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.flink.annotation.Internal;

/**
 * Kafka client settings passed through verbatim to every consumer and producer: security
 * (security.protocol, sasl.*, ssl.*) and anything else. They come from a properties file and/or
 * repeated {@code key=value} arguments (later ones win), so no Kafka setting needs a dedicated
 * flag.
 */
@Internal
public final class KafkaClientProperties {
    private KafkaClientProperties() {}

    /** Loads a Java properties file; fails naming the file. */
    public static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read Kafka properties file " + file + ": " + e);
        }
        return p;
    }

    /** Parses {@code key=value} assignments (the value may contain '='); fails on a bad one. */
    public static Properties parse(List<String> assignments) {
        Properties p = new Properties();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "Kafka property '" + a + "' must have the form key=value");
            }
            p.setProperty(a.substring(0, eq).trim(), a.substring(eq + 1));
        }
        return p;
    }

    /** A file (may be {@code null}) overridden by assignments. */
    public static Properties of(Path file, List<String> assignments) {
        Properties p = file == null ? new Properties() : load(file);
        p.putAll(parse(assignments));
        return p;
    }

    /** A copy of {@code base} with {@code extra} layered on top. */
    static Properties merged(Properties base, Properties extra) {
        Properties p = new Properties();
        if (base != null) {
            p.putAll(base);
        }
        if (extra != null) {
            p.putAll(extra);
        }
        return p;
    }
}
