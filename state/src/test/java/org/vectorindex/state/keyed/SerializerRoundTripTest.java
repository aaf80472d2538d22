package org.vectorindex.state.keyed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.state.testing.SerializerChecks.roundTrip;
import static org.vectorindex.state.testing.SerializerChecks.snapshotRestores;

import java.io.IOException;
import java.util.HexFormat;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.IndexMeta;
import org.vectorindex.state.hnsw.Int8NodeRecord;
import org.vectorindex.state.hnsw.NodeRecord;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

/** Every state serializer round-trips, restores from its own snapshot, and rejects the unknown. */
class SerializerRoundTripTest {

    @Test
    void nodeRecord() throws IOException {
        NodeRecord r = new NodeRecord("doc-ü-1", new float[] {1.5f, -0f, Float.MIN_VALUE}, 2, true);
        NodeRecord back = roundTrip(NodeRecordSerializer.INSTANCE, r);
        assertEquals(r.id(), back.id());
        assertArrayEquals(r.vector(), back.vector());
        assertEquals(2, back.level());
        assertTrue(back.deleted());
        snapshotRestores(NodeRecordSerializer.INSTANCE);
    }

    @Test
    void nodeRecordIdsHaveNoLengthLimitAndFormatOneStillReads() throws IOException {
        String id = "\u20ac".repeat(21_846); // 65,538 UTF-8 bytes: over writeUTF's limit
        assertEquals(
                id,
                roundTrip(
                                NodeRecordSerializer.INSTANCE,
                                new NodeRecord(id, new float[] {1f}, 0, false))
                        .id());
        // format 1, written with writeUTF by the release before format 2
        byte[] v1 =
                HexFormat.of().parseHex("010008646f632d37e282ac0100000002000000023f800000c0000000");
        NodeRecord old = NodeRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(v1));
        assertEquals("doc-7\u20ac", old.id());
        assertTrue(old.deleted());
        assertEquals(2, old.level());
        assertArrayEquals(new float[] {1f, -2f}, old.vector());
    }

    @Test
    void links() throws IOException {
        int[][] links = {{3, 1, 2}, {}, {7}};
        int[][] back = roundTrip(LinksSerializer.INSTANCE, links);
        assertEquals(3, back.length);
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(links[l], back[l]);
        }
        snapshotRestores(LinksSerializer.INSTANCE);
    }

    @Test
    void logRecords() throws IOException {
        LogRecord node =
                roundTrip(
                        LogRecordSerializer.INSTANCE,
                        LogRecord.node(5, new NodeRecord("n", new float[] {2f}, 0, false)));
        assertEquals(LogRecord.Kind.NODE, node.kind());
        assertEquals(5, node.ordinal());
        assertEquals("n", node.node().id());
        LogRecord links =
                roundTrip(LogRecordSerializer.INSTANCE, LogRecord.links(6, new int[][] {{1, 2}}));
        assertArrayEquals(new int[] {1, 2}, links.links()[0]);
        LogRecord free = roundTrip(LogRecordSerializer.INSTANCE, LogRecord.free(7));
        assertEquals(LogRecord.Kind.FREE, free.kind());
        assertEquals(7, free.ordinal());
        snapshotRestores(LogRecordSerializer.INSTANCE);
    }

    @Test
    void indexMeta() throws IOException {
        IndexMeta meta = new IndexMeta(GoldenFormatsTest.TUNED_COSINE, 17, 3, 1000);
        assertEquals(meta, roundTrip(IndexMetaSerializer.INSTANCE, meta));
        snapshotRestores(IndexMetaSerializer.INSTANCE);
    }

    static byte[] bytes(TypeSerializer<?> serializer, Object value) throws IOException {
        @SuppressWarnings("unchecked")
        TypeSerializer<Object> s = (TypeSerializer<Object>) serializer;
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    /** Golden bytes: a change to the INT8 node format must show up here as a new version. */
    @Test
    void int8NodeRecord() throws IOException {
        Int8NodeRecord r = new Int8NodeRecord("a", new byte[] {1, -2, 127}, 0.5f, -1f, 2, true);
        String golden =
                "01" + "0261" + "01" + "00000002" + "00000003" + "01fe7f" + "3f000000" + "bf800000";
        assertEquals(golden, HexFormat.of().formatHex(bytes(Int8NodeRecordSerializer.INSTANCE, r)));
        Int8NodeRecord back =
                Int8NodeRecordSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(HexFormat.of().parseHex(golden)));
        assertEquals("a", back.id());
        assertArrayEquals(new byte[] {1, -2, 127}, back.codes());
        assertEquals(0.5f, back.scale());
        assertEquals(-1f, back.offset());
        assertEquals(2, back.level());
        assertTrue(back.deleted());
        String id = "\u20ac".repeat(21_846);
        Int8NodeRecord big = new Int8NodeRecord(id, new byte[300], 0f, 0f, 0, false);
        Int8NodeRecord bigBack = roundTrip(Int8NodeRecordSerializer.INSTANCE, big);
        assertEquals(id, bigBack.id());
        assertArrayEquals(new byte[300], bigBack.codes());
        snapshotRestores(Int8NodeRecordSerializer.INSTANCE);
    }

    @Test
    void int8LogRecordsAreFormatTwoAndFormatOneKindsStillRead() throws IOException {
        LogRecord node =
                roundTrip(
                        LogRecordSerializer.INSTANCE,
                        LogRecord.int8Node(
                                9, new Int8NodeRecord("n", new byte[] {5}, 1f, 2f, 0, false)));
        assertEquals(LogRecord.Kind.INT8_NODE, node.kind());
        assertEquals(9, node.ordinal());
        assertArrayEquals(new byte[] {5}, node.int8Node().codes());
        assertEquals(
                "02"
                        + "03"
                        + "00000009"
                        + "01"
                        + "026e"
                        + "00"
                        + "00000000"
                        + "00000001"
                        + "05"
                        + "3f800000"
                        + "40000000",
                HexFormat.of().formatHex(bytes(LogRecordSerializer.INSTANCE, node)));
        // format 1: a FREE entry of ordinal 7, as the release before INT8 nodes wrote it
        LogRecord old =
                LogRecordSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(HexFormat.of().parseHex("010200000007")));
        assertEquals(LogRecord.Kind.FREE, old.kind());
        assertEquals(7, old.ordinal());
        // kind 3 did not exist in format 1
        assertThrows(
                IOException.class,
                () ->
                        LogRecordSerializer.INSTANCE.deserialize(
                                new DataInputDeserializer(
                                        HexFormat.of().parseHex("010300000007"))));
    }

    @Test
    void indexMetaFormatTwoCarriesTheEncodingAndFormatOneReadsAsFloat32() throws IOException {
        String v1 =
                "010000000800024c32000000100000006400000040000000000000002a3fb999999999999a"
                        + "000000030000000100000032";
        IndexMeta old =
                IndexMetaSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(HexFormat.of().parseHex(v1)));
        HnswConfig.Builder b =
                HnswConfig.builder().dimension(8).metric(Metric.L2).m(16).efConstruction(100);
        assertEquals(new IndexMeta(b.build(), 3, 1, 50), old);
        assertEquals(StoredEncoding.FLOAT32, old.config().storedEncoding());
        IndexMeta int8 = new IndexMeta(b.storedEncoding(StoredEncoding.INT8).build(), 3, 1, 50);
        assertEquals(
                "020000000800024c32000000100000006400000040000000000000002a3fb999999999999a"
                        + "0000000300000001000000320004494e5438",
                HexFormat.of().formatHex(bytes(IndexMetaSerializer.INSTANCE, int8)));
        assertEquals(int8, roundTrip(IndexMetaSerializer.INSTANCE, int8));
    }

    @Test
    void pooledDocument() throws IOException {
        PooledDocument graphHeld =
                roundTrip(
                        PooledDocumentSerializer.INSTANCE,
                        new PooledDocument(new float[] {0.6f, -0.8f, -0f, Float.MIN_VALUE}, null));
        assertArrayEquals(new float[] {0.6f, -0.8f, -0f, Float.MIN_VALUE}, graphHeld.pooled());
        assertEquals(null, graphHeld.fde());
        PooledDocument exact =
                roundTrip(
                        PooledDocumentSerializer.INSTANCE,
                        new PooledDocument(new float[] {1f}, new float[] {3f, -2.5f}));
        assertArrayEquals(new float[] {1f}, exact.pooled());
        assertArrayEquals(new float[] {3f, -2.5f}, exact.fde());
        PooledDocument emptyFde =
                roundTrip(
                        PooledDocumentSerializer.INSTANCE,
                        new PooledDocument(new float[] {1f}, new float[0]));
        assertArrayEquals(new float[0], emptyFde.fde());
        snapshotRestores(PooledDocumentSerializer.INSTANCE);
    }

    /** Format 1 as written by the first release; later releases must keep reading it. */
    @Test
    void pooledDocumentFormatOneStaysReadable() throws IOException {
        byte[] formatOne = {
            1, // version
            0,
            0,
            0,
            2, // pooled floats
            0x3f,
            (byte) 0x80,
            0,
            0, // 1.0f
            (byte) 0xbf,
            0,
            0,
            0, // -0.5f
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff // no FDE
        };
        PooledDocument d =
                PooledDocumentSerializer.INSTANCE.deserialize(new DataInputDeserializer(formatOne));
        assertArrayEquals(new float[] {1f, -0.5f}, d.pooled());
        assertEquals(null, d.fde());
        // Rewritten as format 2: the version, a float32 kind byte, then the format-1 payload.
        DataOutputSerializer out = new DataOutputSerializer(32);
        PooledDocumentSerializer.INSTANCE.serialize(d, out);
        byte[] formatTwo = new byte[formatOne.length + 1];
        formatTwo[0] = 2;
        formatTwo[1] = 0;
        System.arraycopy(formatOne, 1, formatTwo, 2, formatOne.length - 1);
        assertArrayEquals(formatTwo, out.getCopyOfBuffer());
    }

    /** Format 2 keeps INT8 codes as one byte per component. */
    @Test
    void pooledDocumentInt8CodesTakeOneBytePerComponent() throws IOException {
        byte[] codes = {127, -127, 0, 5, -3};
        PooledDocument d =
                roundTrip(
                        PooledDocumentSerializer.INSTANCE,
                        new PooledDocument(null, codes, new float[] {2f}));
        assertArrayEquals(codes, d.codes());
        assertEquals(null, d.pooled());
        assertArrayEquals(new float[] {2f}, d.fde());
        DataOutputSerializer out = new DataOutputSerializer(32);
        PooledDocumentSerializer.INSTANCE.serialize(new PooledDocument(null, codes, null), out);
        assertArrayEquals(
                new byte[] {2, 1, 0, 0, 0, 5, 127, -127, 0, 5, -3, -1, -1, -1, -1},
                out.getCopyOfBuffer());
        assertThrows(
                IllegalArgumentException.class,
                () -> new PooledDocument(new float[1], codes, null),
                "floats and codes together");
    }

    @Test
    void aFutureFormatVersionIsRefusedClearly() {
        byte[] future = {9, 0, 0};
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                LinksSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(future)));
        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }
}
