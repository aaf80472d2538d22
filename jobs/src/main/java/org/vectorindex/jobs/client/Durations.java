package org.vectorindex.jobs.client;

import java.time.Duration;
import java.util.Locale;

/** Parses the command lines' durations: {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
public final class Durations {
    private Durations() {}

    /**
     * @throws IllegalArgumentException naming {@code flag} for anything else (a bare number is
     *     rejected: whether it meant seconds or milliseconds would be a guess)
     */
    public static Duration parse(String flag, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return nonNegative(
                        flag,
                        text,
                        Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))));
            }
            if (t.endsWith("s")) {
                return nonNegative(
                        flag,
                        text,
                        Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1))));
            }
            if (t.endsWith("m")) {
                return nonNegative(
                        flag,
                        text,
                        Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1))));
            }
            if (t.endsWith("h")) {
                return nonNegative(
                        flag,
                        text,
                        Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1))));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(
                "--"
                        + flag
                        + " expects a duration such as 500ms, 30s, 2m or 1h, got '"
                        + text
                        + "'");
    }

    private static Duration nonNegative(String flag, String text, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(
                    "--" + flag + " must not be negative, got '" + text + "'");
        }
        return d;
    }
}
