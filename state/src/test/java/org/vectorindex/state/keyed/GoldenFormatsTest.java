package org.vectorindex.state.keyed;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.IndexMeta;
import org.vectorindex.state.hnsw.Int8NodeRecord;
import org.vectorindex.state.hnsw.NodeRecord;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.testing.GoldenFixtures;

/** The keyed-state records as committed fixtures of each released format still read. */
class GoldenFormatsTest {
    private static final NodeRecord NODE =
            new NodeRecord(
                    "doc-\u00fc-\u20ac-1", new float[] {1.5f, -0f, Float.MIN_VALUE}, 2, true);

    /** A configuration with most settings off their defaults, shared by the round trips. */
    static final HnswConfig TUNED_COSINE =
            HnswConfig.builder()
                    .dimension(384)
                    .metric(Metric.COSINE)
                    .m(24)
                    .efConstruction(200)
                    .defaultEf(80)
                    .seed(-5)
                    .consolidateFraction(0.2)
                    .build();

    @Test
    void nodeRecords() throws IOException {
        GoldenFixtures.check(
                "NodeRecord-v2.hex",
                NodeRecordSerializer.INSTANCE,
                List.of(NODE, new NodeRecord("", new float[0], 0, false)));
    }

    @Test
    void links() throws IOException {
        GoldenFixtures.check(
                "Links-v1.hex",
                LinksSerializer.INSTANCE,
                List.of(new int[][] {{3, 1, 2}, {}, {Integer.MAX_VALUE}}, new int[0][]));
    }

    @Test
    void logRecords() throws IOException {
        GoldenFixtures.check(
                "LogRecord-v1.hex",
                LogRecordSerializer.INSTANCE,
                List.of(
                        LogRecord.node(5, NODE),
                        LogRecord.links(6, new int[][] {{1, 2}, {9}}),
                        LogRecord.free(7)));
    }

    @Test
    void logChunks() throws IOException {
        GoldenFixtures.check(
                "LogChunk-v1.hex",
                LogChunkSerializer.INSTANCE,
                List.of(
                        new LogChunk(
                                List.of(
                                        LogRecord.node(5, NODE),
                                        LogRecord.links(5, new int[][] {{1, 2}, {9}}),
                                        LogRecord.free(7),
                                        LogRecord.int8Node(
                                                8,
                                                new Int8NodeRecord(
                                                        "q",
                                                        new byte[] {-3, 0},
                                                        0.5f,
                                                        1f,
                                                        1,
                                                        false)))),
                        new LogChunk(List.of())));
    }

    @Test
    void indexMeta() throws IOException {
        HnswConfig l2 = HnswConfig.builder().dimension(4).metric(Metric.L2).build();
        GoldenFixtures.check(
                "IndexMeta-v1.hex",
                IndexMetaSerializer.INSTANCE,
                List.of(new IndexMeta(TUNED_COSINE, 17, 3, 1000), new IndexMeta(l2, -1, -1, 0)));
    }

    @Test
    void pooledDocuments() throws IOException {
        GoldenFixtures.check(
                "PooledDocument-v2.hex",
                PooledDocumentSerializer.INSTANCE,
                List.of(
                        new PooledDocument(new float[] {0.6f, -0.8f, -0f}, null),
                        new PooledDocument(new float[] {1f}, new float[] {3f, -2.5f}),
                        new PooledDocument(null, new byte[] {-128, 0, 127}, new float[0])));
    }
}
