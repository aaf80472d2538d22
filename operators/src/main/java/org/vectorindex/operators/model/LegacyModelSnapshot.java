package org.vectorindex.operators.model;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Snapshot of a model serializer from before the format version moved into every record: it names
 * the serializer class and the format the state was written in, and values carry no version byte.
 * Such state restores by migration: the current serializer's snapshot answers compatible after
 * migration ({@link ModelSnapshot}), Flink reads with {@link #restoreSerializer} and rewrites with
 * the current serializer. Format {@code v} of that era has the fields of today's format {@code v},
 * so the current serializer's field reader reads it.
 *
 * <p>Flink re-creates snapshots by class name; the concrete class is {@code
 * model.serde.ModelSerializerSnapshot}, the name that state of that era holds.
 */
@Internal
public abstract class LegacyModelSnapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int SNAPSHOT_VERSION = 1;

    /**
     * Per serializer's simple name: its last format without a version byte (fixed: those formats
     * are history) and the field reader of the current serializer, which still reads them.
     */
    private static final Map<String, Format<?>> FORMATS =
            Map.of(
                    "MutationSerializer",
                    new Format<>(2, MutationSerializer.INSTANCE::read),
                    "QuerySerializer",
                    new Format<>(3, QuerySerializer.INSTANCE::read),
                    "RawRecordSerializer",
                    new Format<>(1, RawRecordSerializer.INSTANCE::read),
                    "DeadLetterSerializer",
                    new Format<>(1, DeadLetterSerializer.INSTANCE::read),
                    "QueryResultSerializer",
                    new Format<>(1, QueryResultSerializer.INSTANCE::read),
                    "SubscriptionUpdateSerializer",
                    new Format<>(1, SubscriptionUpdateSerializer.INSTANCE::read),
                    "StatsResultSerializer",
                    new Format<>(1, StatsResultSerializer.INSTANCE::read),
                    "ResultRecordSerializer",
                    new Format<>(3, ResultRecordSerializer.INSTANCE::read));

    private String serializerClassName;
    private int formatVersion;

    /** For Flink, which creates snapshots reflectively before {@link #readSnapshot}. */
    protected LegacyModelSnapshot() {}

    /** The binary format version the snapshotted state was written in. */
    public int formatVersion() {
        return formatVersion;
    }

    public String serializerClassName() {
        return serializerClassName;
    }

    /** Whether this snapshot holds state that {@code current} can migrate from. */
    boolean migratesTo(TypeSerializer<?> current) {
        Format<?> format = format();
        return format != null
                && simpleName().equals(current.getClass().getSimpleName())
                && formatVersion >= 1
                && formatVersion <= format.lastVersionLess;
    }

    @Override
    public int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(serializerClassName);
        out.writeInt(formatVersion);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
            throws IOException {
        if (readVersion != SNAPSHOT_VERSION) {
            throw new IOException(
                    "unknown ModelSerializerSnapshot version "
                            + readVersion
                            + " (this build reads "
                            + SNAPSHOT_VERSION
                            + ")");
        }
        serializerClassName = in.readUTF();
        formatVersion = in.readInt();
    }

    /** A serializer that reads the version-less format of the snapshotted state. */
    @Override
    public TypeSerializer<T> restoreSerializer() {
        @SuppressWarnings("unchecked")
        Format<T> format = (Format<T>) format();
        if (format == null) {
            throw new IllegalStateException("no model serializer " + serializerClassName);
        }
        if (formatVersion < 1 || formatVersion > format.lastVersionLess) {
            throw new IllegalArgumentException(
                    simpleName()
                            + " without version bytes had formats 1.."
                            + format.lastVersionLess
                            + ", not "
                            + formatVersion);
        }
        return new Reader<>(format.fields, formatVersion, this);
    }

    /** Nothing writes this format any more, so no serializer is compatible with it. */
    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        return TypeSerializerSchemaCompatibility.incompatible();
    }

    private Format<?> format() {
        return serializerClassName == null ? null : FORMATS.get(simpleName());
    }

    private String simpleName() {
        return serializerClassName.substring(serializerClassName.lastIndexOf('.') + 1);
    }

    /** Reads the fields of one format version, as a {@link VersionedSerializer} does. */
    private interface FieldReader<T> {
        T read(int version, DataInputView in) throws IOException;
    }

    /** A model serializer of that era: formats 1..{@code lastVersionLess} and their reader. */
    private record Format<T>(int lastVersionLess, FieldReader<T> fields) {}

    /** Reads version-less values of one format; restored only to migrate, so it never writes. */
    private static final class Reader<T> extends TypeSerializer<T> {
        private static final long serialVersionUID = 1L;

        private final FieldReader<T> fields;
        private final int version;
        private final LegacyModelSnapshot<T> snapshot;

        Reader(FieldReader<T> fields, int version, LegacyModelSnapshot<T> snapshot) {
            this.fields = fields;
            this.version = version;
            this.snapshot = snapshot;
        }

        @Override
        public T deserialize(DataInputView in) throws IOException {
            return fields.read(version, in);
        }

        @Override
        public T deserialize(T reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void serialize(T value, DataOutputView out) {
            throw new UnsupportedOperationException(
                    "format v" + version + " of " + snapshot.simpleName() + " is only read");
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public TypeSerializer<T> duplicate() {
            return this;
        }

        @Override
        public T createInstance() {
            return null;
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

        @Override
        public boolean equals(Object obj) {
            return obj instanceof Reader<?> other
                    && other.version == version
                    && other.snapshot.simpleName().equals(snapshot.simpleName());
        }

        @Override
        public int hashCode() {
            return 31 * snapshot.simpleName().hashCode() + version;
        }

        @Override
        public TypeSerializerSnapshot<T> snapshotConfiguration() {
            return snapshot;
        }
    }
}
