package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * The subscription updates a parallelism-1 run must commit, replayed without Flink: version 1
 * (empty, caused by the subscription), then one update each time a mutation changes a
 * subscription's exact top-k, caused by that mutation. Why the whole sequence can be compared: at
 * parallelism 1 with one partition per topic, the shards and the merger see everything in send
 * order, so the sequence is unique (at higher parallelism, {@link SubscriptionChecks} applies).
 */
final class ExactUpdates {
    private final List<Query> subscriptions;
    private final Map<String, List<String>> expected = new TreeMap<>();
    private final Map<String, List<SearchHit>> current = new TreeMap<>();

    ExactUpdates(List<Query> subscriptions) {
        this.subscriptions = subscriptions;
        for (Query sub : subscriptions) {
            current.put(sub.id(), List.of());
            expected.computeIfAbsent(sub.id(), x -> new ArrayList<>())
                    .add(line(1, List.of(), sub.id()));
        }
    }

    /**
     * Call after applying {@code m} to the data; {@code exactTopK} gives a subscription's exact
     * top-k over that data.
     */
    void after(Mutation m, Function<Query, List<SearchHit>> exactTopK) {
        for (Query sub : subscriptions) {
            List<SearchHit> now = exactTopK.apply(sub);
            if (!now.equals(current.get(sub.id()))) {
                List<String> seq = expected.get(sub.id());
                String op = m.op() == MutationOp.UPSERT ? "upsert:" : "delete:";
                seq.add(line(seq.size() + 1, now, op + m.id()));
                current.put(sub.id(), now);
            }
        }
    }

    /**
     * Asserts that the committed updates in {@code results} are exactly the replay (hits, scores,
     * versions and causes; nothing missing, repeated or extra), and that there are enough changes
     * to be a test.
     */
    void assertCommitted(List<ResultRecord> results, String message) {
        Map<String, List<String>> actual = new TreeMap<>();
        for (ResultRecord r : results) {
            if (r instanceof SubscriptionUpdate u) {
                List<SearchHit> hits = new ArrayList<>();
                for (int i = 0; i < u.hitCount(); i++) {
                    hits.add(new SearchHit(u.hitId(i), u.hitScore(i)));
                }
                String cause =
                        u.version() == 1
                                ? u.subscriptionId()
                                : u.causeOp().name().toLowerCase() + ":" + u.causeId();
                actual.computeIfAbsent(u.subscriptionId(), x -> new ArrayList<>())
                        .add(line(u.version(), hits, cause));
            }
        }
        int updates = expected.values().stream().mapToInt(List::size).sum();
        assertTrue(updates > 3L * subscriptions.size(), "too few changes to be a test: " + updates);
        assertEquals(expected, actual, message);
    }

    private static String line(long version, List<SearchHit> hits, String cause) {
        return "v" + version + " " + hits + " cause " + cause;
    }
}
