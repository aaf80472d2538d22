package org.vectorindex.state.serde;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of every hand-written serializer of a type that is persisted or crosses the network. Each
 * record starts with its format-version byte, so a later release reads what an earlier one wrote
 * (state and in-flight records alike) and refuses, with a clear message, a version it does not
 * know. Fields are written with {@link SerdeIo}. Serializers are stateless singletons: {@link
 * #duplicate} returns {@code this} and two instances of one class are equal.
 *
 * <p>Values are treated as immutable, so {@link #copy(Object)} returns its argument; a type whose
 * arrays a consumer might still change overrides it with a deep copy and {@link #isImmutableType}.
 */
@Internal
public abstract class VersionedSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The format version this release writes. */
    protected abstract int currentVersion();

    /** Writes the fields after the version byte, in format {@link #currentVersion}. */
    protected abstract void write(T value, DataOutputView out) throws IOException;

    /** Reads the fields of a record written in format {@code version}. */
    protected abstract T read(int version, DataInputView in) throws IOException;

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
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public T createInstance() {
        return null; // immutable values have no empty instance to reuse
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public final int getLength() {
        return -1;
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
