package org.vectorindex.state.keyed;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.vectorindex.state.hnsw.NodeRecord;
import org.vectorindex.state.testing.DeepEquals;

/**
 * Flink's own serializer contract checks (copy, sequences, snapshot, duplicate, Java
 * serialization).
 */
class NodeRecordSerializerTest extends SerializerTestBase<NodeRecord> {

    NodeRecordSerializerTest() {
        super(DeepEquals.checker());
    }

    @Override
    protected TypeSerializer<NodeRecord> createSerializer() {
        return NodeRecordSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<NodeRecord> getTypeClass() {
        return NodeRecord.class;
    }

    @Override
    protected NodeRecord[] getTestData() {
        return new NodeRecord[] {
            new NodeRecord("a", new float[] {1f, -0f}, 0, false),
            new NodeRecord("\u20ac".repeat(30_000), new float[] {Float.MIN_VALUE}, 3, true),
            new NodeRecord("", new float[0], 0, false)
        };
    }
}
