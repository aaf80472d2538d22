package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vectorindex.operators.model.SubscriptionUpdate;

/**
 * The open subscriptions the dashboard has seen updates of: the current top-k of each, and its last
 * updates with version, cause, and the ids that entered and left. An update older than the one held
 * (a replay) is ignored. Unsubscribed subscriptions emit nothing, so they stay until the dashboard
 * restarts.
 */
final class SubscriptionBoard {
    static final int HISTORY = 20;

    private static final class Sub {
        ObjectNode latest;
        long version;
        final ArrayDeque<ObjectNode> history = new ArrayDeque<>();
    }

    private final Map<String, Sub> subs = new LinkedHashMap<>();
    private final Map<String, String> texts = new HashMap<>();

    /** Text shown with a subscription or a hit of that id (the demo's sentences). */
    void describe(String id, String text) {
        texts.put(id, text);
    }

    /** The text shown with this id, or null. */
    String textOf(String id) {
        return texts.get(id);
    }

    /** Records the update; returns it as the page shows it, or null when it is stale. */
    ObjectNode add(SubscriptionUpdate u, long nowMillis) {
        Sub s = subs.computeIfAbsent(u.subscriptionId(), id -> new Sub());
        if (u.version() <= s.version) {
            return null;
        }
        ObjectNode o = toJson(u, nowMillis);
        s.version = u.version();
        s.latest = o;
        s.history.addFirst(o);
        while (s.history.size() > HISTORY) {
            s.history.removeLast();
        }
        return o;
    }

    private ObjectNode toJson(SubscriptionUpdate u, long nowMillis) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("subscriptionId", u.subscriptionId());
        if (texts.containsKey(u.subscriptionId())) {
            o.put("text", texts.get(u.subscriptionId()));
        }
        o.put("version", u.version());
        ArrayNode hits = o.putArray("hits");
        for (int i = 0; i < u.hitCount(); i++) {
            ObjectNode hit = hits.addObject().put("id", u.hitId(i)).put("score", u.hitScore(i));
            if (texts.containsKey(u.hitId(i))) {
                hit.put("text", texts.get(u.hitId(i)));
            }
        }
        ArrayNode entered = o.putArray("entered");
        for (String id : u.entered()) {
            entered.add(id);
        }
        ArrayNode left = o.putArray("left");
        for (String id : u.left()) {
            left.add(id);
        }
        o.putObject("cause")
                .put("op", u.causeOp() == null ? null : u.causeOp().wireName())
                .put("id", u.causeId());
        o.put("receivedAtMillis", nowMillis);
        return o;
    }

    int size() {
        return subs.size();
    }

    void writeTo(ArrayNode out) {
        subs.forEach(
                (id, s) -> {
                    ObjectNode o = out.addObject();
                    o.setAll(s.latest);
                    ArrayNode h = o.putArray("history");
                    s.history.forEach(h::add);
                });
    }
}
