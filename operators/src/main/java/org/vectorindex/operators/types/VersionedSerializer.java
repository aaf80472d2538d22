package org.vectorindex.operators.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the hand-written serializers of this module's types. Every value starts with a format
 * version byte, so a later release can read state and in-flight records written by this one (and
 * refuse, with a clear message, a version it does not know) without going through Kryo. The
 * serializers are stateless, so {@link #duplicate} returns {@code this}.
 */
public abstract class VersionedSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** Current format version written by {@link #serialize}. */
    protected abstract int formatVersion();

    /** Writes the fields after the version byte. */
    protected abstract void writeFields(T value, DataOutputView out) throws IOException;

    /** Reads the fields written by a serializer of format {@code version}. */
    protected abstract T readFields(int version, DataInputView in) throws IOException;

    /** A deep copy; values are treated as immutable, but arrays are copied defensively. */
    @Override
    public abstract T copy(T from);

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public final T createInstance() {
        return null;
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(T record, DataOutputView target) throws IOException {
        target.writeByte(formatVersion());
        writeFields(record, target);
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        int version = source.readUnsignedByte();
        if (version < 1 || version > formatVersion()) {
            throw new IOException(
                    getClass().getSimpleName()
                            + " cannot read format version "
                            + version
                            + " (this release writes "
                            + formatVersion()
                            + ")");
        }
        return readFields(version, source);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }
}
