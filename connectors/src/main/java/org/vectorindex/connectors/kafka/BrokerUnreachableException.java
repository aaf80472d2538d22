package org.vectorindex.connectors.kafka;

/** Kafka could not be reached, or lacks a topic the command needs; the message names both. */
public final class BrokerUnreachableException extends RuntimeException {
    public BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
