package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format v1: reason code (a string, so new reasons never shift old ones), detail, then the source
 * record as {@link RawRecordSerializer}'s format v1 writes it: topic, partition, offset, key
 * (nullable), value (nullable). Format v2 is v1 behind a version byte; v1, written without one, is
 * read from state of that era ({@link LegacyModelSnapshot}).
 */
@Internal
public final class DeadLetterSerializer extends VersionedSerializer<DeadLetter> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 2;
    public static final DeadLetterSerializer INSTANCE = new DeadLetterSerializer();

    @Override
    protected void write(DeadLetter d, DataOutputView out) throws IOException {
        SerdeIo.writeString(d.reason().code(), out);
        SerdeIo.writeString(d.detail(), out);
        RawRecordSerializer.INSTANCE.write(
                new RawRecord(d.sourceTopic(), d.partition(), d.offset(), d.key(), d.value()), out);
    }

    @Override
    protected DeadLetter read(int version, DataInputView in) throws IOException {
        String code = SerdeIo.readNullableString(in);
        RejectReason reason = RejectReason.fromCode(code);
        if (reason == null) {
            throw new IOException("unknown dead-letter reason code '" + code + "'");
        }
        String detail = SerdeIo.readNullableString(in);
        return DeadLetter.of(RawRecordSerializer.INSTANCE.read(1, in), reason, detail);
    }

    @Override
    protected int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public TypeSerializerSnapshot<DeadLetter> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends ModelSnapshot<DeadLetter> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
