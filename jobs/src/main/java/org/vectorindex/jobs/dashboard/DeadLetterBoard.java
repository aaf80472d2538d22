package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import org.vectorindex.operators.model.DeadLetter;

/** Dead letters seen since the dashboard started: a count per reason and the last few. */
final class DeadLetterBoard {
    static final int RECENT = 20;

    private final Map<String, Long> byReason = new TreeMap<>();
    private final ArrayDeque<ObjectNode> recent = new ArrayDeque<>();
    private long total;

    /** Counts the dead letter and returns it as the page shows it. */
    ObjectNode add(DeadLetter d, long nowMillis) {
        total++;
        byReason.merge(d.reason().code(), 1L, Long::sum);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("reason", d.reason().code());
        o.put("detail", d.detail());
        o.put("sourceTopic", d.sourceTopic());
        o.put("partition", d.partition());
        o.put("offset", d.offset());
        o.put("key", d.key() == null ? null : new String(d.key(), StandardCharsets.UTF_8));
        o.put("atMillis", nowMillis);
        recent.addFirst(o);
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
        return o;
    }

    long total() {
        return total;
    }

    void writeTo(ObjectNode out) {
        out.put("total", total);
        ObjectNode reasons = out.putObject("byReason");
        byReason.forEach(reasons::put);
        ArrayNode last = out.putArray("recent");
        recent.forEach(last::add);
    }
}
