package org.vectorindex.operators.model.serde;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.model.UpdateCause;

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
        SerdeIO.writeString(u.subscriptionId(), out);
        out.writeLong(u.version());
        SerdeIO.writeStrings(u.hitIds(), out);
        SerdeIO.writeFloats(u.hitScores(), out);
        SerdeIO.writeStrings(u.entered(), out);
        SerdeIO.writeStrings(u.left(), out);
        out.writeByte(causeCode(u.causeOp()));
        SerdeIO.writeString(u.causeId(), out);
    }

    @Override
    protected SubscriptionUpdate read(DataInputView in, int version) throws IOException {
        String id = SerdeIO.readString(in);
        long v = in.readLong();
        String[] ids = SerdeIO.readStrings(in);
        float[] scores = SerdeIO.readFloats(in);
        String[] entered = SerdeIO.readStrings(in);
        String[] left = SerdeIO.readStrings(in);
        int cause = in.readByte();
        if (cause < 0 || cause >= CAUSES.length) {
            throw SerdeIO.corrupt("update cause", cause);
        }
        String causeId = SerdeIO.readString(in);
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
