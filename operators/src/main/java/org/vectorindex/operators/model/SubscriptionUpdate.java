package org.vectorindex.operators.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * A change of a standing query's global top-k: {@code
 * {"type":"update","subscriptionId","version","hits","entered","left","cause":{"op","id"}}}. {@code
 * hits} is the whole current top-k; version 1 carries the initial top-k with cause {@link
 * UpdateCause#SUBSCRIBE} (its cause id is the subscription id). The arrays are not copied and must
 * not be modified.
 */
@TypeInfo(ModelTypeInfoFactories.SubscriptionUpdateInfo.class)
public final class SubscriptionUpdate implements ResultRecord {
    private static final String[] NONE = new String[0];

    private final String subscriptionId;
    private final long version;
    private final String[] hitIds;
    private final float[] hitScores;
    private final String[] entered;
    private final String[] left;
    private final UpdateCause causeOp;
    private final String causeId;

    public SubscriptionUpdate(
            String subscriptionId,
            long version,
            String[] hitIds,
            float[] hitScores,
            String[] entered,
            String[] left,
            UpdateCause causeOp,
            String causeId) {
        this.subscriptionId = Objects.requireNonNull(subscriptionId, "subscriptionId is missing");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, got " + version);
        }
        this.version = version;
        Hits.check(hitIds, hitScores);
        this.hitIds = hitIds;
        this.hitScores = hitScores;
        this.entered = entered == null ? NONE : Hits.nonNull(entered, "entered");
        this.left = left == null ? NONE : Hits.nonNull(left, "left");
        this.causeOp = Objects.requireNonNull(causeOp, "cause op is missing");
        this.causeId = Objects.requireNonNull(causeId, "cause id is missing");
    }

    public static SubscriptionUpdate of(
            String subscriptionId,
            long version,
            List<SearchHit> hits,
            List<String> entered,
            List<String> left,
            UpdateCause causeOp,
            String causeId) {
        return new SubscriptionUpdate(
                subscriptionId,
                version,
                Hits.ids(hits),
                Hits.scores(hits),
                entered.toArray(NONE),
                left.toArray(NONE),
                causeOp,
                causeId);
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public long version() {
        return version;
    }

    public String[] hitIds() {
        return hitIds;
    }

    public float[] hitScores() {
        return hitScores;
    }

    /** Ids that joined the top-k with this update. */
    public String[] entered() {
        return entered;
    }

    /** Ids that dropped out of the top-k with this update. */
    public String[] left() {
        return left;
    }

    public UpdateCause causeOp() {
        return causeOp;
    }

    /** Id of the mutation (or subscription) that caused this update. */
    public String causeId() {
        return causeId;
    }

    @Override
    public String key() {
        return subscriptionId;
    }

    @Override
    public int hitCount() {
        return hitIds.length;
    }

    @Override
    public String hitId(int i) {
        return hitIds[i];
    }

    @Override
    public float hitScore(int i) {
        return hitScores[i];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SubscriptionUpdate)) {
            return false;
        }
        SubscriptionUpdate u = (SubscriptionUpdate) o;
        return version == u.version
                && subscriptionId.equals(u.subscriptionId)
                && Arrays.equals(hitIds, u.hitIds)
                && Arrays.equals(hitScores, u.hitScores)
                && Arrays.equals(entered, u.entered)
                && Arrays.equals(left, u.left)
                && causeOp == u.causeOp
                && causeId.equals(u.causeId);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(subscriptionId, version, causeOp, causeId);
        h = 31 * h + Arrays.hashCode(hitIds);
        h = 31 * h + Arrays.hashCode(hitScores);
        h = 31 * h + Arrays.hashCode(entered);
        return 31 * h + Arrays.hashCode(left);
    }

    @Override
    public String toString() {
        return "SubscriptionUpdate{"
                + subscriptionId
                + " v"
                + version
                + " "
                + Arrays.toString(hitIds)
                + " +"
                + Arrays.toString(entered)
                + " -"
                + Arrays.toString(left)
                + " by "
                + causeOp.wireName()
                + " "
                + causeId
                + "}";
    }
}
