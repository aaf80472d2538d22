package org.vectorindex.operators.model;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Why a {@link SubscriptionUpdate} was emitted: the subscription itself (its first update carries
 * the initial top-k) or a mutation that entered or left the top-k.
 */
@PublicEvolving
public enum UpdateCause {
    SUBSCRIBE("subscribe"),
    UPSERT("upsert"),
    DELETE("delete");

    private final String wireName;

    UpdateCause(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The cause matching a mutation op. */
    public static UpdateCause of(MutationOp op) {
        return op == MutationOp.UPSERT ? UPSERT : DELETE;
    }

    /** The cause for a wire name, or {@code null} when there is none. */
    public static UpdateCause fromWireName(String name) {
        for (UpdateCause c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
