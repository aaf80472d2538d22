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
 * Versioned serializer of {@link SubscriptionState}. Format 2 writes strings without a length limit
 * ({@link StringFormat#STRING_VALUE}); format 1 ({@code writeUTF}) is still read.
 */
@Internal
public final class SubscriptionStateSerializer extends VersionedSerializer<SubscriptionState> {
    private static final long serialVersionUID = 1L;

    public static final SubscriptionStateSerializer INSTANCE = new SubscriptionStateSerializer();

    @Override
    protected int currentVersion() {
        return 2;
    }

    @Override
    protected void write(SubscriptionState v, DataOutputView out) throws IOException {
        SerdeIo.writeString(v.collection, out);
        out.writeInt(v.shardCount);
        out.writeInt(v.k);
        out.writeLong(v.version);
        out.writeBoolean(v.closing);
        SerdeIo.writeLongs(v.reported, out);
        SerdeIo.writeLongs(v.closed, out);
        for (int s = 0; s < v.shardCount; s++) {
            out.writeBoolean(v.shardIds[s] != null);
            if (v.shardIds[s] != null) {
                SerdeIo.writeStrings(v.shardIds[s], out);
                SerdeIo.writeFloats(v.shardScores[s], out);
            }
        }
        SerdeIo.writeStrings(v.current.ids(), out);
        SerdeIo.writeFloats(v.current.scores(), out);
    }

    @Override
    protected SubscriptionState read(int version, DataInputView in) throws IOException {
        StringFormat strings = StringFormat.of(version, 2);
        String collection = strings.read(in);
        int shardCount = in.readInt();
        int k = in.readInt();
        long ver = in.readLong();
        boolean closing = in.readBoolean();
        long[] reported = SerdeIo.readLongs(in);
        long[] closed = SerdeIo.readLongs(in);
        String[][] ids = new String[shardCount][];
        float[][] scores = new float[shardCount][];
        for (int s = 0; s < shardCount; s++) {
            if (in.readBoolean()) {
                ids[s] = SerdeIo.readStrings(in, strings);
                scores[s] = SerdeIo.readFloats(in);
            }
        }
        TopKMerger.Ranked current =
                new TopKMerger.Ranked(SerdeIo.readStrings(in, strings), SerdeIo.readFloats(in));
        return new SubscriptionState(
                collection, shardCount, k, ver, closing, reported, closed, ids, scores, current);
    }

    @Override
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
    }

    @Override
    public SubscriptionState copy(SubscriptionState v) {
        return new SubscriptionState(
                v.collection,
                v.shardCount,
                v.k,
                v.version,
                v.closing,
                v.reported.clone(),
                v.closed.clone(),
                v.shardIds.clone(),
                v.shardScores.clone(),
                v.current);
    }

    @Override
    public TypeSerializerSnapshot<SubscriptionState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SubscriptionState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
