package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format v1: topic, partition, offset, key (nullable), value (nullable). Format v2 is v1 behind a
 * version byte; v1, written without one, is read from state of that era ({@link
 * LegacyModelSnapshot}).
 */
@Internal
public final class RawRecordSerializer extends VersionedSerializer<RawRecord> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 2;
    public static final RawRecordSerializer INSTANCE = new RawRecordSerializer();

    @Override
    protected void write(RawRecord r, DataOutputView out) throws IOException {
        SerdeIo.writeString(r.topic(), out);
        out.writeInt(r.partition());
        out.writeLong(r.offset());
        SerdeIo.writeBytes(r.key(), out);
        SerdeIo.writeBytes(r.value(), out);
    }

    @Override
    protected RawRecord read(int version, DataInputView in) throws IOException {
        String topic = SerdeIo.readNullableString(in);
        int partition = in.readInt();
        long offset = in.readLong();
        byte[] key = SerdeIo.readBytes(in);
        byte[] value = SerdeIo.readBytes(in);
        return new RawRecord(topic, partition, offset, key, value);
    }

    @Override
    protected int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public TypeSerializerSnapshot<RawRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends ModelSnapshot<RawRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
