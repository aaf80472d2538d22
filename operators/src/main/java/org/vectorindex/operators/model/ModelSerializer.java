package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the explicit serializers of the immutable model types. Flink would otherwise treat them
 * as generic types and fall back to Kryo, whose format is neither compact nor stable across
 * upgrades. Every serializer writes the newest binary format ({@link #currentVersion()}); one
 * restored from an older snapshot reads that snapshot's format ({@link #readVersion()}), which is
 * how Flink migrates state after a format change.
 *
 * <p>Subclasses need a public no-argument constructor (the snapshot re-creates them by class name).
 */
public abstract class ModelSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final int readVersion;

    protected ModelSerializer(int readVersion) {
        if (readVersion < 1 || readVersion > currentVersion()) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName()
                            + " reads format versions 1.."
                            + currentVersion()
                            + ", not "
                            + readVersion);
        }
        this.readVersion = readVersion;
    }

    /** Newest binary format version, the one {@link #serialize} writes. */
    public abstract int currentVersion();

    /** The format version this instance deserializes. */
    public final int readVersion() {
        return readVersion;
    }

    /** The same serializer, reading format {@code version}. */
    protected abstract ModelSerializer<T> withReadVersion(int version);

    /** Writes {@code value} in the current format. */
    protected abstract void write(T value, DataOutputView out) throws IOException;

    /** Reads a value written in format {@code version}. */
    protected abstract T read(DataInputView in, int version) throws IOException;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this; // stateless
    }

    @Override
    public final T createInstance() {
        return null; // immutable types have no empty instance; Flink only reuses mutable ones
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(T record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        return read(source, readVersion);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return read(source, readVersion);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        write(read(source, readVersion), target);
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null
                && obj.getClass() == getClass()
                && ((ModelSerializer<?>) obj).readVersion == readVersion;
    }

    @Override
    public final int hashCode() {
        return 31 * getClass().hashCode() + readVersion;
    }

    @Override
    public final TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new ModelSerializerSnapshot<>(this);
    }
}
