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
 * Versioned serializer of {@link SubscriptionSpec}. Format 2 writes strings without a length limit
 * ({@link StringFormat#STRING_VALUE}); format 1 ({@code writeUTF}) is still read.
 */
@Internal
public final class SubscriptionSpecSerializer extends VersionedSerializer<SubscriptionSpec> {
    private static final long serialVersionUID = 1L;

    public static final SubscriptionSpecSerializer INSTANCE = new SubscriptionSpecSerializer();

    @Override
    protected int currentVersion() {
        return 2;
    }

    @Override
    protected void write(SubscriptionSpec v, DataOutputView out) throws IOException {
        SerdeIo.writeFloats(v.vector(), out);
        out.writeInt(v.k());
        out.writeInt(v.ef());
        SerdeIo.writeStringMap(v.filter(), out);
        out.writeInt(v.shardCount());
    }

    @Override
    protected SubscriptionSpec read(int version, DataInputView in) throws IOException {
        return new SubscriptionSpec(
                SerdeIo.readFloats(in),
                in.readInt(),
                in.readInt(),
                SerdeIo.readStringMap(in, StringFormat.of(version, 2)),
                in.readInt());
    }

    @Override
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
    }

    @Override
    public SubscriptionSpec copy(SubscriptionSpec v) {
        return new SubscriptionSpec(v.vector().clone(), v.k(), v.ef(), v.filter(), v.shardCount());
    }

    @Override
    public TypeSerializerSnapshot<SubscriptionSpec> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SubscriptionSpec> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
