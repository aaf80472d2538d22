package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the explicit state serializers: every record starts with a format-version byte, so a
 * later release can still read what an earlier one checkpointed, and values are treated as
 * immutable (the index writes a fresh record on each change).
 */
abstract class VersionedSerializer<T> extends TypeSerializerSingleton<T> {

    /** The format version this release writes. */
    abstract int currentVersion();

    abstract void write(T value, DataOutputView out) throws IOException;

    abstract T read(int version, DataInputView in) throws IOException;

    @Override
    public final void serialize(T value, DataOutputView out) throws IOException {
        out.writeByte(currentVersion());
        write(value, out);
    }

    @Override
    public final T deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version < 1 || version > currentVersion()) {
            throw new IOException(
                    getClass().getSimpleName()
                            + " cannot read format version "
                            + version
                            + "; this release reads 1.."
                            + currentVersion());
        }
        return read(version, in);
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }
}
