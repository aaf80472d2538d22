package org.vectorindex.connectors.kafka;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Counts KafkaSink's "producer is already fenced" log lines at ERROR while installed. */
final class FencedLogCounter extends AbstractAppender implements AutoCloseable {
    private final AtomicInteger errors = new AtomicInteger();

    FencedLogCounter() {
        super("fenced-counter", null, null, true, Property.EMPTY_ARRAY);
        start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().addAppender(this, Level.WARN, null);
        ctx.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(Level.ERROR)
                && event.getMessage().getFormattedMessage().contains("already fenced")) {
            errors.incrementAndGet();
        }
    }

    int errors() {
        return errors.get();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(getName());
        ctx.updateLoggers();
        stop();
    }
}
