package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Snapshot of a {@link ModelSerializer}: its class and the binary format version the state was
 * written in. On restore, the same format is compatible as is, an older one that the serializer can
 * still read is compatible after migration (Flink reads with the restored serializer and rewrites
 * with the new one), and anything else is incompatible.
 */
public class ModelSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int SNAPSHOT_VERSION = 1;

    /** Where the serializers lived before; snapshots written then still name it. */
    private static final String FORMER_PACKAGE = "org.vectorindex.operators.model.serde.";

    private String serializerClassName;
    private int formatVersion;
    private ClassLoader classLoader;

    /** For Flink, which creates snapshots reflectively before {@link #readSnapshot}. */
    public ModelSerializerSnapshot() {}

    ModelSerializerSnapshot(ModelSerializer<T> serializer) {
        this.serializerClassName = serializer.getClass().getName();
        this.formatVersion = serializer.readVersion();
        this.classLoader = serializer.getClass().getClassLoader();
    }

    /** The binary format version the snapshotted state was written in. */
    public int formatVersion() {
        return formatVersion;
    }

    public String serializerClassName() {
        return serializerClassName;
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
        serializerClassName = movedName(in.readUTF());
        formatVersion = in.readInt();
        classLoader = userCodeClassLoader;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return newSerializer().withReadVersion(formatVersion);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (!(oldSnapshot instanceof ModelSerializerSnapshot)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        ModelSerializerSnapshot<T> old = (ModelSerializerSnapshot<T>) oldSnapshot;
        if (!serializerClassName.equals(old.serializerClassName)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (old.formatVersion == formatVersion) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        if (old.formatVersion >= 1 && old.formatVersion < formatVersion) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }

    private static String movedName(String className) {
        return className.startsWith(FORMER_PACKAGE)
                ? ModelSerializer.class.getPackageName()
                        + '.'
                        + className.substring(FORMER_PACKAGE.length())
                : className;
    }

    @SuppressWarnings("unchecked")
    private ModelSerializer<T> newSerializer() {
        ClassLoader loader =
                classLoader != null ? classLoader : ModelSerializerSnapshot.class.getClassLoader();
        try {
            Class<?> c = Class.forName(serializerClassName, true, loader);
            return (ModelSerializer<T>) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "cannot re-create serializer " + serializerClassName + ": " + e, e);
        }
    }
}
