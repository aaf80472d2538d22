package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.hnsw.Int8NodeRecord;
import org.vectorindex.state.serde.StringFormat;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format 1: id ({@link StringFormat#STRING_VALUE}), deleted flag, level, dimension, the codes (one
 * signed byte per component), then the float32 scale: {@code 17 + id + dimension} bytes besides the
 * version byte.
 */
@Internal
public final class Int8NodeRecordSerializer extends VersionedSerializer<Int8NodeRecord> {
    public static final Int8NodeRecordSerializer INSTANCE = new Int8NodeRecordSerializer();

    @Override
    protected int currentVersion() {
        return 1;
    }

    @Override
    protected void write(Int8NodeRecord r, DataOutputView out) throws IOException {
        StringFormat.write(r.id(), out);
        out.writeBoolean(r.deleted());
        out.writeInt(r.level());
        out.writeInt(r.codes().length);
        out.write(r.codes());
        out.writeFloat(r.scale());
        out.writeFloat(r.offset());
    }

    @Override
    protected Int8NodeRecord read(int version, DataInputView in) throws IOException {
        String id = StringFormat.STRING_VALUE.read(in);
        boolean deleted = in.readBoolean();
        int level = in.readInt();
        int dim = in.readInt();
        if (dim < 0) {
            throw new IOException("negative INT8 vector dimension " + dim);
        }
        byte[] codes = new byte[dim];
        in.readFully(codes);
        float scale = in.readFloat();
        return new Int8NodeRecord(id, codes, scale, in.readFloat(), level, deleted);
    }

    @Override
    public Int8NodeRecord createInstance() {
        return new Int8NodeRecord("", new byte[0], 0f, 0f, 0, false);
    }

    @Override
    public TypeSerializerSnapshot<Int8NodeRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of this serializer; the per-record version byte carries format evolution. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Int8NodeRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
