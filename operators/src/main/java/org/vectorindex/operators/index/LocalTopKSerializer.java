package org.vectorindex.operators.index;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.StringFormat;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Versioned serializer of {@link LocalTopK}. Format 2 writes strings without a length limit ({@link
 * StringFormat#STRING_VALUE}); format 1 ({@code writeUTF}) is still read.
 */
@Internal
public final class LocalTopKSerializer extends VersionedSerializer<LocalTopK> {
    private static final long serialVersionUID = 1L;

    public static final LocalTopKSerializer INSTANCE = new LocalTopKSerializer();

    @Override
    protected int currentVersion() {
        return 2;
    }

    @Override
    protected void write(LocalTopK v, DataOutputView out) throws IOException {
        SerdeIo.writeStrings(v.ids(), out);
        SerdeIo.writeFloats(v.scores(), out);
    }

    @Override
    protected LocalTopK read(int version, DataInputView in) throws IOException {
        return new LocalTopK(
                SerdeIo.readStrings(in, StringFormat.of(version, 2)), SerdeIo.readFloats(in));
    }

    @Override
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
    }

    @Override
    public LocalTopK copy(LocalTopK v) {
        return new LocalTopK(v.ids().clone(), v.scores().clone());
    }

    @Override
    public TypeSerializerSnapshot<LocalTopK> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LocalTopK> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
