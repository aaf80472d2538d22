package org.vectorindex.connectors.kafka;

import org.apache.flink.annotation.Internal;

/** Kafka could not be reached, or lacks a topic the command needs; the message names both. */
@Internal
public final class BrokerUnreachableException extends RuntimeException {
    public BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
