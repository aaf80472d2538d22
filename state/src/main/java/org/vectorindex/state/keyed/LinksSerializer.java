package org.vectorindex.state.keyed;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.VersionedSerializer;

/** Format 1: the number of levels, then per level a neighbour count and the ordinals. */
@Internal
public final class LinksSerializer extends VersionedSerializer<int[][]> {
    public static final LinksSerializer INSTANCE = new LinksSerializer();

    @Override
    protected int currentVersion() {
        return 1;
    }

    @Override
    protected void write(int[][] links, DataOutputView out) throws IOException {
        out.writeByte(links.length);
        for (int[] level : links) {
            out.writeShort(level.length);
            for (int x : level) {
                out.writeInt(x);
            }
        }
    }

    @Override
    protected int[][] read(int version, DataInputView in) throws IOException {
        int[][] links = new int[in.readUnsignedByte()][];
        for (int l = 0; l < links.length; l++) {
            int[] level = new int[in.readUnsignedShort()];
            for (int i = 0; i < level.length; i++) {
                level[i] = in.readInt();
            }
            links[l] = level;
        }
        return links;
    }

    @Override
    public int[][] createInstance() {
        return new int[0][];
    }

    @Override
    public TypeSerializerSnapshot<int[][]> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of this serializer; the per-record version byte carries format evolution. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<int[][]> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
