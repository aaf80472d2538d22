package org.vectorindex.connectors.format;

import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.DeadLetter;

/** Outcome of parsing one record: the parsed value, or the dead letter saying why there is none. */
@Internal
public final class ParseResult<T> {
    private final T value;
    private final DeadLetter deadLetter;

    private ParseResult(T value, DeadLetter deadLetter) {
        this.value = value;
        this.deadLetter = deadLetter;
    }

    public static <T> ParseResult<T> ok(T value) {
        return new ParseResult<>(Objects.requireNonNull(value), null);
    }

    public static <T> ParseResult<T> rejected(DeadLetter deadLetter) {
        return new ParseResult<>(null, Objects.requireNonNull(deadLetter));
    }

    public boolean isOk() {
        return value != null;
    }

    /** The parsed value; {@code null} when rejected. */
    public T value() {
        return value;
    }

    /** The dead letter; {@code null} when parsed. */
    public DeadLetter deadLetter() {
        return deadLetter;
    }

    @Override
    public String toString() {
        return isOk() ? "ok(" + value + ")" : "rejected(" + deadLetter + ")";
    }
}
