package org.vectorindex.jobs.demo;

import java.util.Locale;

/**
 * The demo's last line, one JSON object that scripts and tests parse. The first six keys are the
 * contract ({@code upserts, deletes, queries, recallAt10, subscriptionUpdates, deadLetters}); the
 * rest add context.
 *
 * @param upserts upsert records sent (good ones)
 * @param deletes delete records sent
 * @param queries one-shot queries whose recall was measured
 * @param recallAt10 mean fraction of the exact top-10 (brute force over the live set) that the
 *     job's answers contain
 * @param subscriptionUpdates subscription updates received
 * @param deadLetters dead letters read back from the dead-letter topic
 * @param badRecords deliberately bad records sent
 * @param liveDocs documents live at query time
 * @param answered queries answered before the timeout
 * @param subscriptions subscriptions opened
 * @param seconds wall time of the demo
 */
public record DemoSummary(
        long upserts,
        long deletes,
        long queries,
        double recallAt10,
        long subscriptionUpdates,
        long deadLetters,
        long badRecords,
        long liveDocs,
        long answered,
        long subscriptions,
        double seconds) {

    public String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"upserts\":%d,\"deletes\":%d,\"queries\":%d,\"recallAt10\":%.4f,"
                        + "\"subscriptionUpdates\":%d,\"deadLetters\":%d,\"badRecords\":%d,"
                        + "\"liveDocs\":%d,\"answered\":%d,\"subscriptions\":%d,\"seconds\":%.1f}",
                upserts,
                deletes,
                queries,
                recallAt10,
                subscriptionUpdates,
                deadLetters,
                badRecords,
                liveDocs,
                answered,
                subscriptions,
                seconds);
    }
}
