package org.vectorindex.operators.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
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
@PublicEvolving
public final class SubscriptionUpdate extends RankedResult implements ResultRecord {
    private static final String[] NONE = new String[0];

    private final long version;
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
        super(subscriptionId, "subscriptionId", hitIds, hitScores);
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, got " + version);
        }
        this.version = version;
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
        return key();
    }

    public long version() {
        return version;
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
    Object[] components() {
        return new Object[] {
            version, key(), hitIds(), hitScores(), entered, left, causeOp, causeId
        };
    }

    @Override
    public String toString() {
        return "SubscriptionUpdate{"
                + key()
                + " v"
                + version
                + " "
                + Arrays.toString(hitIds())
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
