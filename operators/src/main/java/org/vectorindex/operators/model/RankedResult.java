package org.vectorindex.operators.model;

import java.util.Objects;

/**
 * The hits a {@link QueryResult} and a {@link SubscriptionUpdate} carry, as parallel id and score
 * arrays best first, under the key they are sent by. The arrays are not copied and must not be
 * modified.
 */
abstract class RankedResult extends ModelValue {
    private final String key;
    private final String[] hitIds;
    private final float[] hitScores;

    /** {@code keyName} names the key in the message when it is missing. */
    RankedResult(String key, String keyName, String[] hitIds, float[] hitScores) {
        this.key = Objects.requireNonNull(key, keyName + " is missing");
        Hits.check(hitIds, hitScores);
        this.hitIds = hitIds;
        this.hitScores = hitScores;
    }

    public String[] hitIds() {
        return hitIds;
    }

    public float[] hitScores() {
        return hitScores;
    }

    /** The queryId or subscriptionId (see {@link ResultRecord#key}). */
    public String key() {
        return key;
    }

    /** Number of hits (see {@link ResultRecord#hitCount}). */
    public int hitCount() {
        return hitIds.length;
    }

    /** Id of hit {@code i}, best first. */
    public String hitId(int i) {
        return hitIds[i];
    }

    /** User-facing score of hit {@code i}. */
    public float hitScore(int i) {
        return hitScores[i];
    }
}
