package org.vectorindex.operators.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.state.testing.SerializerChecks.roundTrip;
import static org.vectorindex.state.testing.SerializerChecks.snapshotRestores;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.testing.Results;
import org.vectorindex.state.serde.SerdeIo;

class SerializersTest {

    @Test
    void shardMutationRoundTrips() throws IOException {
        ShardMutation up =
                ShardMutation.upsert("c", 4, "doc-1", new float[] {1, 2.5f}, Map.of("lang", "en"));
        ShardMutation back = roundTrip(ShardMutationSerializer.INSTANCE, up);
        assertEquals(up.shardKey(), back.shardKey());
        assertEquals(up.op(), back.op());
        assertEquals(up.id(), back.id());
        assertArrayEquals(up.vector(), back.vector());
        assertEquals(up.attributes(), back.attributes());
        ShardMutation del =
                roundTrip(ShardMutationSerializer.INSTANCE, ShardMutation.delete("c", 4, "d"));
        assertNull(del.vector());
        assertEquals(ShardMutation.Op.DELETE, del.op());
        snapshotRestores(ShardMutationSerializer.INSTANCE);
    }

    @Test
    void shardQueryRoundTrips() throws IOException {
        ShardQuery q =
                ShardQuery.subscribe("s1", "c", new float[] {3, 4}, 10, 32, Map.of("a", "b"), 99L)
                        .toShard("c", 2, 4);
        ShardQuery back = roundTrip(ShardQuerySerializer.INSTANCE, q);
        assertEquals(q.kind(), back.kind());
        assertEquals(q.requestId(), back.requestId());
        assertEquals(q.collection(), back.collection());
        assertEquals(2, back.shard());
        assertEquals(4, back.shardCount());
        assertEquals("c#2", back.shardKey());
        assertArrayEquals(q.vector(), back.vector());
        assertEquals(10, back.k());
        assertEquals(32, back.ef());
        assertEquals(Map.of("a", "b"), back.filter());
        assertEquals(99L, back.ingestMillis());
        ShardQuery unsub =
                roundTrip(ShardQuerySerializer.INSTANCE, ShardQuery.unsubscribe("s1", null, 5));
        assertNull(unsub.collection());
        assertNull(unsub.shardKey());
        snapshotRestores(ShardQuerySerializer.INSTANCE);
    }

    @Test
    void partialAndMergedResultsRoundTrip() throws IOException {
        PartialResult p =
                PartialResult.continuous(
                        "s1",
                        "c",
                        1,
                        3,
                        2,
                        new String[] {"a", "b"},
                        new float[] {0.9f, 0.5f},
                        PartialResult.Cause.UPSERT,
                        "a");
        PartialResult pb = roundTrip(PartialResultSerializer.INSTANCE, p);
        assertArrayEquals(p.ids(), pb.ids());
        assertArrayEquals(p.scores(), pb.scores());
        assertEquals(p.cause(), pb.cause());
        assertEquals("a", pb.causeId());
        assertEquals(p.shardCount(), pb.shardCount());
        snapshotRestores(PartialResultSerializer.INSTANCE);

        MergedResult m = GoldenKeyByFormatsTest.UPDATE;
        MergedResult mb = roundTrip(MergedResultSerializer.INSTANCE, m);
        assertEquals(3, mb.version());
        assertArrayEquals(m.left(), mb.left());
        assertEquals(PartialResult.Cause.DELETE, mb.cause());
        snapshotRestores(MergedResultSerializer.INSTANCE);

        ShardRejection r = new ShardRejection("c", "upsert", "x", "wrong dimension");
        assertEquals(r, roundTrip(ShardRejectionSerializer.INSTANCE, r));
        snapshotRestores(ShardRejectionSerializer.INSTANCE);
    }

    @Test
    void statsRequestsAndAnswersRoundTrip() throws IOException {
        ShardQuery q = ShardQuery.stats("st", "c", 11L).toShard("c", 1, 4);
        ShardQuery qb = roundTrip(ShardQuerySerializer.INSTANCE, q);
        assertEquals(ShardQuery.Kind.STATS, qb.kind());
        assertNull(qb.vector());
        assertEquals("c#1", qb.shardKey());
        assertEquals(11L, qb.ingestMillis());

        PartialResult p = PartialResult.stats(q, "c", 1, new ShardStats(123, 0x8000000000000001L));
        PartialResult pb = roundTrip(PartialResultSerializer.INSTANCE, p);
        assertEquals(PartialResult.Kind.STATS, pb.kind());
        assertEquals(p.stats(), pb.stats());

        ShardStats[] shards = {new ShardStats(1, -1L), new ShardStats(0, 7L)};
        MergedResult m = Results.mergedStats("st", "c", shards);
        MergedResult mb = roundTrip(MergedResultSerializer.INSTANCE, m);
        assertEquals(MergedResult.Kind.STATS, mb.kind());
        assertArrayEquals(shards, mb.shards());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new PartialResult(
                                PartialResult.Kind.STATS,
                                "st",
                                "c",
                                0,
                                1,
                                0,
                                new String[0],
                                new float[0],
                                0,
                                PartialResult.Cause.NONE,
                                null,
                                null,
                                -1,
                                -1L));
    }

    /** Records written by format 1 (before stats existed) still read, as what they were. */
    @Test
    void format1RecordsStillRead() throws IOException {
        DataOutputSerializer q = new DataOutputSerializer(64);
        q.writeByte(1); // format
        q.writeByte(ShardQuery.Kind.KNN.ordinal());
        q.writeUTF("q1");
        utfNullable("c", q);
        q.writeInt(2);
        q.writeInt(4);
        utfNullable("c#2", q);
        SerdeIo.writeFloats(new float[] {1f, 2f}, q);
        q.writeInt(10);
        q.writeInt(32);
        utfMap(Map.of("a", "b"), q);
        q.writeLong(9L);
        ShardQuery sq =
                ShardQuerySerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(q.getCopyOfBuffer()));
        assertEquals(ShardQuery.Kind.KNN, sq.kind());
        assertEquals("c#2", sq.shardKey());
        assertArrayEquals(new float[] {1f, 2f}, sq.vector());
        assertEquals(Map.of("a", "b"), sq.filter());
        assertEquals(9L, sq.ingestMillis());

        DataOutputSerializer p = new DataOutputSerializer(64);
        p.writeByte(1); // format
        p.writeByte(PartialResult.Kind.CONTINUOUS.ordinal());
        p.writeUTF("s1");
        p.writeUTF("c");
        p.writeInt(1);
        p.writeInt(3);
        p.writeInt(2);
        utfStrings(new String[] {"a", "b"}, p);
        SerdeIo.writeFloats(new float[] {0.9f, 0.5f}, p);
        p.writeLong(7L);
        p.writeByte(PartialResult.Cause.UPSERT.ordinal());
        utfNullable("a", p);
        byte[] partialV1 = p.getCopyOfBuffer();
        DataInputDeserializer in = new DataInputDeserializer(partialV1);
        PartialResult pr = PartialResultSerializer.INSTANCE.deserialize(in);
        assertEquals(0, in.available(), "format 1 ends after the cause id");
        assertEquals(PartialResult.Kind.CONTINUOUS, pr.kind());
        assertArrayEquals(new String[] {"a", "b"}, pr.ids());
        assertEquals(PartialResult.Cause.UPSERT, pr.cause());
        assertEquals("a", pr.causeId());
        assertNull(pr.stats());
        // copy() rewrites it in the current format, which reads back the same
        DataOutputSerializer copied = new DataOutputSerializer(64);
        PartialResultSerializer.INSTANCE.copy(new DataInputDeserializer(partialV1), copied);
        assertEquals(
                pr.causeId(),
                PartialResultSerializer.INSTANCE
                        .deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()))
                        .causeId());

        DataOutputSerializer m = new DataOutputSerializer(64);
        m.writeByte(1); // format
        m.writeByte(MergedResult.Kind.UPDATE.ordinal());
        m.writeUTF("s1");
        m.writeUTF("c");
        utfStrings(new String[] {"a"}, m);
        SerdeIo.writeFloats(new float[] {0.9f}, m);
        m.writeLong(0L);
        m.writeLong(3L);
        utfStrings(new String[] {"a"}, m);
        utfStrings(new String[] {"z"}, m);
        m.writeByte(PartialResult.Cause.DELETE.ordinal());
        utfNullable("z", m);
        in = new DataInputDeserializer(m.getCopyOfBuffer());
        MergedResult mr = MergedResultSerializer.INSTANCE.deserialize(in);
        assertEquals(0, in.available(), "format 1 ends after the cause id");
        assertEquals(MergedResult.Kind.UPDATE, mr.kind());
        assertEquals(3L, mr.version());
        assertArrayEquals(new String[] {"z"}, mr.left());
        assertNull(mr.shards());

        // kind STATS did not exist in format 1
        byte[] statsInV1 = partialV1.clone();
        statsInV1[1] = (byte) PartialResult.Kind.STATS.ordinal();
        assertPartialRefused(statsInV1, "kind 3 in format 1");
    }

    @Test
    void unknownFormatVersionIsRefusedWithAMessage() {
        assertPartialRefused(new byte[] {9, 0, 0}, "format version 9");
    }

    private static void assertPartialRefused(byte[] bytes, String why) {
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                PartialResultSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(bytes)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void explicitTypeInfoAnswersWithTheHandWrittenSerializersWithGenericTypesDisabled() {
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        // The module's type information answers with the hand-written serializers.
        Map<TypeSerializer<?>, TypeInformation<?>> handWritten =
                Map.of(
                        ShardMutationSerializer.INSTANCE, OperatorTypes.SHARD_MUTATION,
                        ShardQuerySerializer.INSTANCE, OperatorTypes.SHARD_QUERY,
                        PartialResultSerializer.INSTANCE, OperatorTypes.PARTIAL_RESULT,
                        MergedResultSerializer.INSTANCE, OperatorTypes.MERGED_RESULT,
                        ShardRejectionSerializer.INSTANCE, OperatorTypes.SHARD_REJECTION);
        handWritten.forEach((s, info) -> assertEquals(s, info.createSerializer(noGenerics)));
    }

    /** Strings as formats before {@code StringFormat.STRING_VALUE} wrote them. */
    static void utfNullable(String s, DataOutputSerializer out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static void utfStrings(String[] a, DataOutputSerializer out) throws IOException {
        out.writeInt(a.length);
        for (String s : a) {
            out.writeUTF(s);
        }
    }

    static void utfMap(Map<String, String> m, DataOutputSerializer out) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }
}
