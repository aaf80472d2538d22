package org.vectorindex.operators.types;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information that always answers with a given hand-written serializer, so Flink never falls
 * back to Kryo for this module's types. Pass it to {@code returns(...)}, {@code process(fn, type)}
 * and side-output tags.
 */
@Internal
public final class ExplicitTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> typeClass;
    private final TypeSerializer<T> serializer;

    public ExplicitTypeInfo(Class<T> typeClass, TypeSerializer<T> serializer) {
        if (typeClass == null) {
            throw new IllegalArgumentException("typeClass is missing");
        }
        if (serializer == null) {
            throw new IllegalArgumentException("serializer is missing");
        }
        this.typeClass = typeClass;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return typeClass;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.duplicate();
    }

    @Override
    public String toString() {
        return "ExplicitTypeInfo<" + typeClass.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ExplicitTypeInfo<?> other
                && other.typeClass == typeClass
                && other.serializer.equals(serializer);
    }

    @Override
    public int hashCode() {
        return typeClass.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof ExplicitTypeInfo;
    }
}
