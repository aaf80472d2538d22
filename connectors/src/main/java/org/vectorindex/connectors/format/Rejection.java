package org.vectorindex.connectors.format;

import org.vectorindex.operators.model.RejectReason;

/**
 * Internal signal that a record is invalid. It carries no stack trace, so rejecting costs about as
 * much as returning; it never leaves the parsers, which turn it into a dead letter.
 */
final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    final RejectReason reason;

    Rejection(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }
}
