package org.vectorindex.state.keyed;

import java.util.List;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.vectorindex.state.hnsw.Int8NodeRecord;
import org.vectorindex.state.hnsw.NodeRecord;
import org.vectorindex.state.testing.DeepEquals;

/** Flink's own serializer contract checks for the chunks of the keyed HNSW log. */
class LogChunkSerializerTest extends SerializerTestBase<LogChunk> {

    LogChunkSerializerTest() {
        super(DeepEquals.checker());
    }

    @Override
    protected TypeSerializer<LogChunk> createSerializer() {
        return LogChunkSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<LogChunk> getTypeClass() {
        return LogChunk.class;
    }

    @Override
    protected LogChunk[] getTestData() {
        return new LogChunk[] {
            new LogChunk(List.of()),
            new LogChunk(
                    List.of(
                            LogRecord.node(1, new NodeRecord("n", new float[] {2f, 3f}, 1, false)),
                            LogRecord.links(1, new int[][] {{4, 2}, {}}),
                            LogRecord.free(3))),
            new LogChunk(
                    List.of(
                            LogRecord.int8Node(
                                    9,
                                    new Int8NodeRecord(
                                            "q", new byte[] {-3, 0}, 0.5f, 1f, 0, true))))
        };
    }
}
