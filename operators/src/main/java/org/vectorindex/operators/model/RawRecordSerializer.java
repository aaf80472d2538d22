package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;

/** Format v1: topic, partition, offset, key (nullable), value (nullable). */
public final class RawRecordSerializer extends ModelSerializer<RawRecord> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 1;
    public static final RawRecordSerializer INSTANCE = new RawRecordSerializer();

    public RawRecordSerializer() {
        this(CURRENT_VERSION);
    }

    private RawRecordSerializer(int readVersion) {
        super(readVersion);
    }

    @Override
    public int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected ModelSerializer<RawRecord> withReadVersion(int version) {
        return new RawRecordSerializer(version);
    }

    @Override
    protected void write(RawRecord r, DataOutputView out) throws IOException {
        SerdeIo.writeString(r.topic(), out);
        out.writeInt(r.partition());
        out.writeLong(r.offset());
        SerdeIo.writeBytes(r.key(), out);
        SerdeIo.writeBytes(r.value(), out);
    }

    @Override
    protected RawRecord read(DataInputView in, int version) throws IOException {
        String topic = SerdeIo.readNullableString(in);
        int partition = in.readInt();
        long offset = in.readLong();
        byte[] key = SerdeIo.readBytes(in);
        byte[] value = SerdeIo.readBytes(in);
        return new RawRecord(topic, partition, offset, key, value);
    }
}
