package org.vectorindex.connectors.format;

import org.vectorindex.operators.model.RejectReason;

/** Checks of a record's strings against {@link FieldLimits}, each naming the field and limit. */
final class FieldRules {
    /** Longest user text quoted in a dead letter's detail. */
    static final int MAX_QUOTED_CHARS = 64;

    private FieldRules() {}

    /** An id, queryId or subscriptionId. */
    static void checkId(String field, String value, FieldLimits limits) throws Rejection {
        checkLength(field, value, limits.maxIdBytes(), "max-id-bytes");
    }

    static void checkAttributeKey(String field, String key, FieldLimits limits) throws Rejection {
        if (utf8Length(key) > limits.maxAttributeKeyBytes()) {
            throw new Rejection(
                    RejectReason.FIELD_TOO_LONG,
                    "a key of '"
                            + field
                            + "' ('"
                            + clip(key)
                            + "') has "
                            + utf8Length(key)
                            + " UTF-8 bytes; the limit is "
                            + limits.maxAttributeKeyBytes()
                            + " (vectorindex.format.max-attribute-key-bytes)");
        }
    }

    static void checkAttributeValue(String field, String value, FieldLimits limits)
            throws Rejection {
        checkLength(field, value, limits.maxAttributeValueBytes(), "max-attribute-value-bytes");
    }

    /** Called before adding entry number {@code count + 1}. */
    static void checkAttributeCount(String field, int count, FieldLimits limits) throws Rejection {
        if (count >= limits.maxAttributes()) {
            throw new Rejection(
                    RejectReason.TOO_MANY_ATTRIBUTES,
                    "'"
                            + field
                            + "' has more than "
                            + limits.maxAttributes()
                            + " entries (vectorindex.format.max-attributes)");
        }
    }

    private static void checkLength(String field, String value, int max, String option)
            throws Rejection {
        int bytes = utf8Length(value);
        if (bytes > max) {
            throw new Rejection(
                    RejectReason.FIELD_TOO_LONG,
                    "'"
                            + field
                            + "' has "
                            + bytes
                            + " UTF-8 bytes; the limit is "
                            + max
                            + " (vectorindex.format."
                            + option
                            + ")");
        }
    }

    /** UTF-8 length without encoding; an unpaired surrogate counts as the 3 bytes of '?'. */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** User text short enough to quote in a detail message. */
    static String clip(String s) {
        if (s.length() <= MAX_QUOTED_CHARS) {
            return s;
        }
        return s.substring(0, MAX_QUOTED_CHARS) + "... (" + s.length() + " chars)";
    }
}
