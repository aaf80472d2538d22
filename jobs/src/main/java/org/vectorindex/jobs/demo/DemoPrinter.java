package org.vectorindex.jobs.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;

/**
 * Renders the demo's output for people: hits as their text (or id when the data has no text) with
 * scores. Every method prints whole lines under the stream's lock, because subscription updates
 * arrive on another thread.
 */
final class DemoPrinter {
    private static final int TEXT_WIDTH = 100;

    private final PrintStream out;
    private final DemoData data;

    DemoPrinter(PrintStream out, DemoData data) {
        this.out = out;
        this.data = data;
    }

    void line(String format, Object... args) {
        synchronized (out) {
            out.println(String.format(Locale.ROOT, format, args));
        }
    }

    /** A document or query: its quoted text, or its id. */
    String describe(String id, String text) {
        if (text == null) {
            return id;
        }
        String t = text.length() > TEXT_WIDTH ? text.substring(0, TEXT_WIDTH - 3) + "..." : text;
        return "\"" + t + "\"";
    }

    String doc(String id) {
        return describe(id, data.text(id));
    }

    /** Up to {@code max} hits, one per line, marking those outside the exact top-k. */
    void hits(ResultRecord r, int max, List<String> exact) {
        synchronized (out) {
            for (int i = 0; i < Math.min(max, r.hitCount()); i++) {
                String mark = exact == null || exact.contains(r.hitId(i)) ? " " : "*";
                out.println(
                        String.format(
                                Locale.ROOT,
                                "   %s%.3f  %s",
                                mark,
                                r.hitScore(i),
                                doc(r.hitId(i))));
            }
        }
    }

    /** A subscription update: what entered and left, with the text. */
    void update(SubscriptionUpdate u, String subscriptionText) {
        synchronized (out) {
            if (u.version() == 1) {
                out.println(
                        "["
                                + u.subscriptionId()
                                + " v1] initial top-"
                                + u.hitCount()
                                + " for "
                                + subscriptionText);
                hits(u, u.hitCount(), null);
                return;
            }
            out.println(
                    "["
                            + u.subscriptionId()
                            + " v"
                            + u.version()
                            + "] after "
                            + u.causeOp().wireName()
                            + " of "
                            + u.causeId()
                            + ":");
            for (String id : u.entered()) {
                out.println("   + " + doc(id) + score(u, id));
            }
            for (String id : u.left()) {
                out.println("   - " + doc(id));
            }
        }
    }

    private static String score(ResultRecord r, String id) {
        for (int i = 0; i < r.hitCount(); i++) {
            if (r.hitId(i).equals(id)) {
                return String.format(Locale.ROOT, " (%.3f)", r.hitScore(i));
            }
        }
        return "";
    }
}
