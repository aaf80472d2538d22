package org.vectorindex.operators.model;

import java.util.function.Supplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Snapshot of a model serializer: the format version travels in every value, so the snapshot only
 * restores the serializer. State of the same type written before values carried a version byte
 * ({@link LegacyModelSnapshot}) is compatible after migration.
 */
@Internal
public abstract class ModelSnapshot<T> extends SimpleTypeSerializerSnapshot<T> {

    protected ModelSnapshot(Supplier<? extends TypeSerializer<T>> serializer) {
        super(serializer);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot instanceof LegacyModelSnapshot<T> legacy) {
            return legacy.migratesTo(restoreSerializer())
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
        return super.resolveSchemaCompatibility(oldSnapshot);
    }
}
