package org.vectorindex.state.keyed;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.vectorindex.state.hnsw.NodeRecord;
import org.vectorindex.state.testing.DeepEquals;

/** Flink's own serializer contract checks for the log records of the keyed HNSW state. */
class LogRecordSerializerTest extends SerializerTestBase<LogRecord> {

    LogRecordSerializerTest() {
        super(DeepEquals.checker());
    }

    @Override
    protected TypeSerializer<LogRecord> createSerializer() {
        return LogRecordSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<LogRecord> getTypeClass() {
        return LogRecord.class;
    }

    @Override
    protected LogRecord[] getTestData() {
        return new LogRecord[] {
            LogRecord.node(1, new NodeRecord("n", new float[] {2f, 3f}, 1, false)),
            LogRecord.links(2, new int[][] {{1, 2}, {}}),
            LogRecord.free(3)
        };
    }
}
