package org.vectorindex.operators.model;

import java.util.Arrays;

/**
 * Value equality for the model classes: two values are equal when they are of the same class and
 * their {@link #components} are, arrays compared by content (so the classes need not each spell out
 * an array-aware equals and hashCode).
 */
abstract class ModelValue {

    /** The fields equality covers, in a fixed order; arrays may be nested. */
    abstract Object[] components();

    @Override
    public final boolean equals(Object o) {
        return this == o
                || (o != null
                        && o.getClass() == getClass()
                        && Arrays.deepEquals(components(), ((ModelValue) o).components()));
    }

    @Override
    public final int hashCode() {
        return Arrays.deepHashCode(components());
    }
}
