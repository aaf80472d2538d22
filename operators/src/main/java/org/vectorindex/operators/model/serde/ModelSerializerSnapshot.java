package org.vectorindex.operators.model.serde;

/**
 * The snapshot class that state and fixtures written before the model serializers moved into the
 * model package name; Flink re-creates snapshots by class name, so this one has to stay.
 */
public final class ModelSerializerSnapshot<T>
        extends org.vectorindex.operators.model.ModelSerializerSnapshot<T> {

    /** For Flink, which creates snapshots reflectively before {@code readSnapshot}. */
    public ModelSerializerSnapshot() {}
}
