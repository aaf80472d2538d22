package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.IndexMeta;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format 2: the index configuration (dimension, metric name, m, efConstruction, default ef, seed,
 * consolidate fraction), then entry point, max level and ordinal limit, then the stored encoding's
 * name. Format 1, without the encoding, is read as FLOAT32.
 */
@Internal
public final class IndexMetaSerializer extends VersionedSerializer<IndexMeta> {
    public static final IndexMetaSerializer INSTANCE = new IndexMetaSerializer();

    @Override
    protected int currentVersion() {
        return 2;
    }

    @Override
    protected void write(IndexMeta meta, DataOutputView out) throws IOException {
        HnswConfig c = meta.config();
        out.writeInt(c.dimension());
        out.writeUTF(c.metric().name());
        out.writeInt(c.m());
        out.writeInt(c.efConstruction());
        out.writeInt(c.defaultEf());
        out.writeLong(c.seed());
        out.writeDouble(c.consolidateFraction());
        out.writeInt(meta.entryPoint());
        out.writeInt(meta.maxLevel());
        out.writeInt(meta.ordinalLimit());
        out.writeUTF(c.storedEncoding().name());
    }

    @Override
    protected IndexMeta read(int version, DataInputView in) throws IOException {
        HnswConfig.Builder config =
                HnswConfig.builder()
                        .dimension(in.readInt())
                        .metric(metric(in.readUTF()))
                        .m(in.readInt())
                        .efConstruction(in.readInt())
                        .defaultEf(in.readInt())
                        .seed(in.readLong())
                        .consolidateFraction(in.readDouble());
        int entryPoint = in.readInt();
        int maxLevel = in.readInt();
        int ordinalLimit = in.readInt();
        config.storedEncoding(
                version >= 2 ? StoredEncoding.valueOf(in.readUTF()) : StoredEncoding.FLOAT32);
        return new IndexMeta(config.build(), entryPoint, maxLevel, ordinalLimit);
    }

    private static Metric metric(String name) throws IOException {
        try {
            return Metric.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown metric '" + name + "' in index meta (corrupt record)");
        }
    }

    @Override
    public IndexMeta createInstance() {
        return null;
    }

    @Override
    public TypeSerializerSnapshot<IndexMeta> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of this serializer; the per-record version byte carries format evolution. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<IndexMeta> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
