package org.vectorindex.operators.model;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What a {@link Mutation} does; {@link #wireName()} is the value of the JSON {@code "op"} field.
 */
@PublicEvolving
public enum MutationOp {
    UPSERT("upsert"),
    DELETE("delete");

    private final String wireName;

    MutationOp(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The op for a wire name, or {@code null} when there is none (the parser names the reason). */
    public static MutationOp fromWireName(String name) {
        if ("upsert".equals(name)) {
            return UPSERT;
        }
        if ("delete".equals(name)) {
            return DELETE;
        }
        return null;
    }
}
