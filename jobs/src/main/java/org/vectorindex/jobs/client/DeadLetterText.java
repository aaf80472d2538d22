package org.vectorindex.jobs.client;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.operators.model.DeadLetter;

/** Readable renderings of dead letters for the command-line clients. */
public final class DeadLetterText {
    /** Payload characters shown per dead letter. */
    static final int PAYLOAD_PREFIX = 120;

    private DeadLetterText() {}

    /** {@code wrong_dimension mutations/0@42 key=doc-1: detail | {"op":"upsert",...}. */
    public static String line(DeadLetter d) {
        String key = d.key() == null ? null : OutputJson.utf8OrNull(d.key());
        return d.reason().code()
                + " "
                + d.sourceTopic()
                + "/"
                + d.partition()
                + "@"
                + d.offset()
                + (key == null ? "" : " key=" + key)
                + ": "
                + d.detail()
                + " | "
                + payload(d.value());
    }

    /** A prefix of the value: text if it is UTF-8 JSON, else base64 of its bytes. */
    static String payload(byte[] value) {
        if (value == null) {
            return "(no payload)";
        }
        String t = OutputJson.utf8OrNull(value);
        if (t == null || (value.length > 0 && value[0] == 'V')) {
            t = "base64:" + Base64.getEncoder().encodeToString(value);
        }
        t = t.replace('\n', ' ').replace('\r', ' ');
        return t.length() <= PAYLOAD_PREFIX
                ? t
                : t.substring(0, PAYLOAD_PREFIX) + "... (" + value.length + " bytes)";
    }

    /** {@code 50 × wrong_dimension ('vector' has 3 components; ...)}, one group per reason. */
    public static String summary(List<DeadLetter> letters) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> firstDetail = new TreeMap<>();
        for (DeadLetter d : letters) {
            counts.merge(d.reason().code(), 1, Integer::sum);
            firstDetail.putIfAbsent(d.reason().code(), d.detail());
        }
        StringBuilder sb = new StringBuilder();
        counts.forEach(
                (reason, n) -> {
                    if (sb.length() > 0) {
                        sb.append(", ");
                    }
                    sb.append(n)
                            .append(" × ")
                            .append(reason)
                            .append(" (")
                            .append(firstDetail.get(reason))
                            .append(n > 1 ? ", ..." : "")
                            .append(')');
                });
        return sb.toString();
    }

    /** {@code {"wrong_dimension":50,...}}. */
    public static String countsJson(List<DeadLetter> letters) {
        Map<String, Integer> counts = new TreeMap<>();
        for (DeadLetter d : letters) {
            counts.merge(d.reason().code(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder("{");
        counts.forEach(
                (reason, n) -> {
                    if (sb.length() > 1) {
                        sb.append(',');
                    }
                    sb.append('"').append(reason).append("\":").append(n);
                });
        return sb.append('}').toString();
    }
}
