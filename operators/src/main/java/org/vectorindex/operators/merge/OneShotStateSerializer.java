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
 * Versioned serializer of {@link OneShotState}. Format 2 writes strings without a length limit
 * ({@link StringFormat#STRING_VALUE}); format 1 ({@code writeUTF}) is still read.
 */
@Internal
public final class OneShotStateSerializer extends VersionedSerializer<OneShotState> {
    private static final long serialVersionUID = 1L;

    public static final OneShotStateSerializer INSTANCE = new OneShotStateSerializer();

    @Override
    protected int currentVersion() {
        return 2;
    }

    @Override
    protected void write(OneShotState v, DataOutputView out) throws IOException {
        SerdeIo.writeString(v.collection, out);
        out.writeInt(v.shardCount);
        out.writeInt(v.k);
        out.writeLong(v.ingestMillis);
        SerdeIo.writeLongs(v.answered, out);
        SerdeIo.writeStrings(v.ranked.ids(), out);
        SerdeIo.writeFloats(v.ranked.scores(), out);
    }

    @Override
    protected OneShotState read(int version, DataInputView in) throws IOException {
        StringFormat strings = StringFormat.of(version, 2);
        return new OneShotState(
                strings.read(in),
                in.readInt(),
                in.readInt(),
                in.readLong(),
                SerdeIo.readLongs(in),
                new TopKMerger.Ranked(SerdeIo.readStrings(in, strings), SerdeIo.readFloats(in)));
    }

    @Override
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
    }

    @Override
    public OneShotState copy(OneShotState v) {
        return new OneShotState(
                v.collection, v.shardCount, v.k, v.ingestMillis, v.answered.clone(), v.ranked);
    }

    @Override
    public TypeSerializerSnapshot<OneShotState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<OneShotState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
