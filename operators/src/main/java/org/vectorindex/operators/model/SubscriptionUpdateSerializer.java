package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format v1: subscriptionId, version, hit ids, hit scores, entered, left, cause byte (0 subscribe,
 * 1 upsert, 2 delete), cause id. Format v2 is v1 behind a version byte; v1, written without one, is
 * read from state of that era ({@link LegacyModelSnapshot}).
 */
@Internal
public final class SubscriptionUpdateSerializer extends VersionedSerializer<SubscriptionUpdate> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 2;
    public static final SubscriptionUpdateSerializer INSTANCE = new SubscriptionUpdateSerializer();
    private static final UpdateCause[] CAUSES = {
        UpdateCause.SUBSCRIBE, UpdateCause.UPSERT, UpdateCause.DELETE
    };

    @Override
    protected void write(SubscriptionUpdate u, DataOutputView out) throws IOException {
        SerdeIo.writeString(u.subscriptionId(), out);
        out.writeLong(u.version());
        SerdeIo.writeStrings(u.hitIds(), out);
        SerdeIo.writeFloats(u.hitScores(), out);
        SerdeIo.writeStrings(u.entered(), out);
        SerdeIo.writeStrings(u.left(), out);
        out.writeByte(causeCode(u.causeOp()));
        SerdeIo.writeString(u.causeId(), out);
    }

    @Override
    protected SubscriptionUpdate read(int version, DataInputView in) throws IOException {
        String id = SerdeIo.readNullableString(in);
        long v = in.readLong();
        String[] ids = SerdeIo.readNullableStrings(in);
        float[] scores = SerdeIo.readFloats(in);
        String[] entered = SerdeIo.readNullableStrings(in);
        String[] left = SerdeIo.readNullableStrings(in);
        int cause = in.readByte();
        if (cause < 0 || cause >= CAUSES.length) {
            throw SerdeIo.corrupt("update cause", cause);
        }
        String causeId = SerdeIo.readNullableString(in);
        return new SubscriptionUpdate(id, v, ids, scores, entered, left, CAUSES[cause], causeId);
    }

    private static int causeCode(UpdateCause cause) {
        for (int i = 0; i < CAUSES.length; i++) {
            if (CAUSES[i] == cause) {
                return i;
            }
        }
        throw new IllegalStateException("no code for " + cause);
    }

    @Override
    protected int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public TypeSerializerSnapshot<SubscriptionUpdate> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends ModelSnapshot<SubscriptionUpdate> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
