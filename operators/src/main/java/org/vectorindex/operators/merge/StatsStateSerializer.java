package org.vectorindex.operators.merge;

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
 * Versioned serializer of {@link StatsState}. Format 2 writes strings without a length limit
 * ({@link StringFormat#STRING_VALUE}); format 1 ({@code writeUTF}) is still read.
 */
@Internal
public final class StatsStateSerializer extends VersionedSerializer<StatsState> {
    private static final long serialVersionUID = 1L;

    public static final StatsStateSerializer INSTANCE = new StatsStateSerializer();

    @Override
    protected int currentVersion() {
        return 2;
    }

    @Override
    protected void write(StatsState v, DataOutputView out) throws IOException {
        SerdeIo.writeString(v.collection, out);
        out.writeInt(v.shardCount);
        SerdeIo.writeLongs(v.answered, out);
        SerdeIo.writeLongs(v.sizes, out);
        SerdeIo.writeLongs(v.digests, out);
    }

    @Override
    protected StatsState read(int version, DataInputView in) throws IOException {
        return new StatsState(
                StringFormat.of(version, 2).read(in),
                in.readInt(),
                SerdeIo.readLongs(in),
                SerdeIo.readLongs(in),
                SerdeIo.readLongs(in));
    }

    @Override
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
    }

    @Override
    public StatsState copy(StatsState v) {
        return new StatsState(
                v.collection, v.shardCount, v.answered.clone(), v.sizes.clone(), v.digests.clone());
    }

    @Override
    public TypeSerializerSnapshot<StatsState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StatsState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
