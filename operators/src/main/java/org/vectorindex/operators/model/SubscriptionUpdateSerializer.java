package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;

/**
 * Format v1: subscriptionId, version, hit ids, hit scores, entered, left, cause byte (0 subscribe,
 * 1 upsert, 2 delete), cause id.
 */
public final class SubscriptionUpdateSerializer extends ModelSerializer<SubscriptionUpdate> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 1;
    public static final SubscriptionUpdateSerializer INSTANCE = new SubscriptionUpdateSerializer();
    private static final UpdateCause[] CAUSES = {
        UpdateCause.SUBSCRIBE, UpdateCause.UPSERT, UpdateCause.DELETE
    };

    public SubscriptionUpdateSerializer() {
        this(CURRENT_VERSION);
    }

    private SubscriptionUpdateSerializer(int readVersion) {
        super(readVersion);
    }

    @Override
    public int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected ModelSerializer<SubscriptionUpdate> withReadVersion(int version) {
        return new SubscriptionUpdateSerializer(version);
    }

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
    protected SubscriptionUpdate read(DataInputView in, int version) throws IOException {
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
}
