package org.vectorindex.operators.model.serde;

import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.LegacyModelSnapshot;

/**
 * The snapshot class that state written before model values carried a version byte names; Flink
 * re-creates snapshots by class name, so this one has to stay where it was.
 */
@Internal
public final class ModelSerializerSnapshot<T> extends LegacyModelSnapshot<T> {

    /** For Flink, which creates snapshots reflectively before {@code readSnapshot}. */
    public ModelSerializerSnapshot() {}
}
