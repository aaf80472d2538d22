package org.vectorindex.operators.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.serde.ModelSerializerSnapshot;

class ModelSerializersTest {

    private static Map<String, String> attrs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lang", "en");
        m.put("year", "2020");
        return m;
    }

    static final List<Mutation> MUTATIONS =
            List.of(
                    Mutation.upsert(
                            "c", "doc-1", new float[] {1f, -2.5f, 0f, Float.MIN_VALUE}, attrs()),
                    Mutation.upsert("c", "doc-2", new float[] {3f}, Map.of()),
                    Mutation.upsertMulti(
                            "mv",
                            "doc-3",
                            new float[][] {{1f, 0f}, {0f, 1f}, {0.5f, 0.5f}},
                            attrs()),
                    Mutation.delete("c", "doc-1"),
                    Mutation.upsert(
                            "c", "ünïcødé-☃-" + "x".repeat(70_000), new float[] {1f}, null));

    static final List<Query> QUERIES =
            List.of(
                    Query.knn("q1", "c", new float[] {1f, 2f}, 10, 64, Map.of("lang", "en")),
                    Query.knn("q2", "c", new float[] {1f, 2f}, 1, 0, null),
                    Query.knnMulti("q3", "mv", new float[][] {{1f}, {2f}}, 5, 0, null),
                    Query.subscribe("s1", "c", new float[] {0f, 1f}, 1000, 10_000, attrs()),
                    Query.subscribeMulti("s2", "mv", new float[][] {{1f, 2f}}, 3, 0, null),
                    Query.unsubscribe("s1", null),
                    Query.unsubscribe("s2", "mv"),
                    Query.stats("st1", "c"));

    static final List<RawRecord> RAWS =
            List.of(
                    new RawRecord("mutations", 3, 123456789012L, "k".getBytes(), "{}".getBytes()),
                    new RawRecord("queries", 0, 0, null, null),
                    new RawRecord("queries", 1, 1, new byte[0], new byte[] {0, -1, 127}));

    static final List<DeadLetter> DEAD_LETTERS =
            List.of(
                    DeadLetter.of(RAWS.get(0), RejectReason.WRONG_DIMENSION, "expected 4, got 3"),
                    DeadLetter.of(RAWS.get(1), RejectReason.EMPTY_RECORD, "tombstone"),
                    DeadLetter.fromOperator("mutations", 2, 41L, "doc-9", "boom"),
                    DeadLetter.fromOperator(null, -1, -1L, null, "no id"));

    static final List<ResultRecord> RESULTS =
            List.of(
                    new QueryResult(
                            "q1", "c", new String[] {"a", "b"}, new float[] {0.9f, 0.5f}, 3),
                    new QueryResult("q2", "c", new String[0], new float[0], 0),
                    new SubscriptionUpdate(
                            "s1",
                            1,
                            new String[] {"a"},
                            new float[] {1f},
                            new String[] {"a"},
                            null,
                            UpdateCause.SUBSCRIBE,
                            "s1"),
                    new SubscriptionUpdate(
                            "s1",
                            7,
                            new String[] {"a", "c"},
                            new float[] {1f, 0.25f},
                            new String[] {"c"},
                            new String[] {"b"},
                            UpdateCause.DELETE,
                            "b"),
                    new StatsResult(
                            "st1", "c", new long[] {3, 0}, new long[] {0x8000000000000000L, 42L}));

    @Test
    void mutationsRoundTrip() throws IOException {
        roundTrip(MutationSerializer.INSTANCE, MUTATIONS);
    }

    @Test
    void queriesRoundTrip() throws IOException {
        roundTrip(QuerySerializer.INSTANCE, QUERIES);
    }

    @Test
    void rawRecordsRoundTrip() throws IOException {
        roundTrip(RawRecordSerializer.INSTANCE, RAWS);
    }

    @Test
    void deadLettersRoundTrip() throws IOException {
        roundTrip(DeadLetterSerializer.INSTANCE, DEAD_LETTERS);
    }

    @Test
    void resultRecordsRoundTrip() throws IOException {
        roundTrip(ResultRecordSerializer.INSTANCE, RESULTS);
        roundTrip(
                QueryResultSerializer.INSTANCE,
                List.of((QueryResult) RESULTS.get(0), (QueryResult) RESULTS.get(1)));
        roundTrip(
                SubscriptionUpdateSerializer.INSTANCE,
                List.of((SubscriptionUpdate) RESULTS.get(2), (SubscriptionUpdate) RESULTS.get(3)));
        roundTrip(StatsResultSerializer.INSTANCE, List.of((StatsResult) RESULTS.get(4)));
    }

    /**
     * Query and result records of format v1 (before stats existed) still read under a serializer
     * restored from a v1 snapshot, and that serializer refuses the stats tags v1 never had.
     */
    @Test
    void format1QueriesAndResultsStillRead() throws IOException {
        TypeSerializer<Query> queryV1 = legacy(QuerySerializer.INSTANCE, 1);
        assertEquals(
                Query.knn("q", "c", new float[] {0.5f}, 10, 0, Map.of()),
                queryV1.deserialize(
                        new DataInputDeserializer(HexFormat.of().parseHex(GOLDEN_QUERY_V1))));
        byte[] stats = versionLess(QuerySerializer.INSTANCE, Query.stats("st", "c"));
        assertThrows(
                IOException.class, () -> queryV1.deserialize(new DataInputDeserializer(stats)));

        TypeSerializer<ResultRecord> resultV1 = legacy(ResultRecordSerializer.INSTANCE, 1);
        for (ResultRecord r : RESULTS.subList(0, 4)) {
            byte[] bytes = versionLess(ResultRecordSerializer.INSTANCE, r);
            assertEquals(r, resultV1.deserialize(new DataInputDeserializer(bytes)));
        }
        byte[] statsResult = versionLess(ResultRecordSerializer.INSTANCE, RESULTS.get(4));
        assertThrows(
                IOException.class,
                () -> resultV1.deserialize(new DataInputDeserializer(statsResult)));
        // an old snapshot migrates to the current format
        assertTrue(
                ResultRecordSerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(resultV1.snapshotConfiguration())
                        .isCompatibleAfterMigration());
    }

    /**
     * State of each model type written before values carried a version byte migrates: the current
     * snapshot answers compatible after migration, and the serializer restored from the old
     * snapshot reads the old format but never writes it.
     */
    @Test
    void versionLessStateMigrates() throws IOException {
        migrates(MutationSerializer.INSTANCE, 2, MUTATIONS);
        List<Query> queries = new ArrayList<>(QUERIES);
        queries.add(Query.get("g", "c", "d").at(1, 7L));
        migrates(QuerySerializer.INSTANCE, 3, queries);
        migrates(RawRecordSerializer.INSTANCE, 1, RAWS);
        migrates(DeadLetterSerializer.INSTANCE, 1, DEAD_LETTERS);
        List<ResultRecord> results = new ArrayList<>(RESULTS);
        results.add(new VectorResult("g", "c", "d", new float[] {0.5f, -1f}));
        migrates(ResultRecordSerializer.INSTANCE, 3, results);
        migrates(QueryResultSerializer.INSTANCE, 1, List.of((QueryResult) RESULTS.get(0)));
        migrates(
                SubscriptionUpdateSerializer.INSTANCE,
                1,
                List.of((SubscriptionUpdate) RESULTS.get(2)));
        migrates(StatsResultSerializer.INSTANCE, 1, List.of((StatsResult) RESULTS.get(4)));
    }

    private static <T> void migrates(
            TypeSerializer<T> serializer, int lastVersionLess, List<? extends T> values)
            throws IOException {
        TypeSerializerSnapshot<T> current = serializer.snapshotConfiguration();
        for (int v = 1; v <= lastVersionLess; v++) {
            TypeSerializerSnapshot<T> old = legacySnapshot(former(serializer), v);
            assertTrue(current.resolveSchemaCompatibility(old).isCompatibleAfterMigration());
        }
        // a format that only ever existed behind a version byte is no legacy format
        assertTrue(
                current.resolveSchemaCompatibility(
                                legacySnapshot(former(serializer), lastVersionLess + 1))
                        .isIncompatible());
        ModelSerializerSnapshot<T> old = legacySnapshot(former(serializer), lastVersionLess);
        TypeSerializer<T> reader = old.restoreSerializer();
        assertSame(old, reader.snapshotConfiguration());
        for (T v : values) {
            assertEquals(
                    v, reader.deserialize(new DataInputDeserializer(versionLess(serializer, v))));
        }
        assertThrows(
                UnsupportedOperationException.class,
                () -> reader.serialize(values.get(0), new DataOutputSerializer(8)));
    }

    private static String former(TypeSerializer<?> serializer) {
        return FORMER_PACKAGE + serializer.getClass().getSimpleName();
    }

    /** Every value starts with its format version; one from a later release is refused. */
    @Test
    void valuesLeadWithTheirFormatVersion() throws IOException {
        byte[] bytes = serialize(RawRecordSerializer.INSTANCE, RAWS.get(0));
        assertEquals(RawRecordSerializer.CURRENT_VERSION, bytes[0]);
        bytes[0]++;
        assertThrows(
                IOException.class,
                () -> RawRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)));
    }

    @Test
    void typeExtractionFindsTheExplicitSerializers() {
        assertSame(ModelTypes.MUTATION, TypeInformation.of(Mutation.class));
        assertSame(ModelTypes.QUERY, TypeInformation.of(Query.class));
        assertSame(ModelTypes.RAW_RECORD, TypeInformation.of(RawRecord.class));
        assertSame(ModelTypes.DEAD_LETTER, TypeInformation.of(DeadLetter.class));
        assertSame(ModelTypes.RESULT_RECORD, TypeInformation.of(ResultRecord.class));
        assertSame(ModelTypes.QUERY_RESULT, TypeInformation.of(QueryResult.class));
        assertSame(ModelTypes.SUBSCRIPTION_UPDATE, TypeInformation.of(SubscriptionUpdate.class));
        assertSame(ModelTypes.STATS_RESULT, TypeInformation.of(StatsResult.class));
    }

    /**
     * Bytes of each format, frozen here: if a change to a serializer alters them, state written by
     * earlier builds no longer restores, and the format version must be bumped instead.
     */
    @Test
    void formatBytesAreStable() throws IOException {
        Mutation m = Mutation.upsert("c", "d", new float[] {1f, -2f}, Map.of("k", "v"));
        Mutation located = m.at(3, 42L);
        assertEquals(
                GOLDEN_MUTATION_V3,
                HexFormat.of().formatHex(serialize(MutationSerializer.INSTANCE, located)));
        assertEquals(located, MutationSerializer.INSTANCE.deserialize(input(GOLDEN_MUTATION_V3)));
        Mutation read =
                legacy(MutationSerializer.INSTANCE, 2).deserialize(input(GOLDEN_MUTATION_V2));
        assertEquals(m, read);
        assertEquals(3, read.sourcePartition());
        assertEquals(42L, read.sourceOffset());
        Mutation v1 = legacy(MutationSerializer.INSTANCE, 1).deserialize(input(GOLDEN_MUTATION_V1));
        assertEquals(m, v1);
        assertEquals(-1, v1.sourcePartition());
        assertEquals(-1L, v1.sourceOffset());

        Query q = Query.knn("q", "c", new float[] {0.5f}, 10, 0, Map.of());
        assertEquals(
                GOLDEN_QUERY_V4,
                HexFormat.of().formatHex(serialize(QuerySerializer.INSTANCE, q.at(1, 7L))));
        assertEquals(q.at(1, 7L), QuerySerializer.INSTANCE.deserialize(input(GOLDEN_QUERY_V4)));
        Query readQuery = legacy(QuerySerializer.INSTANCE, 3).deserialize(input(GOLDEN_QUERY_V3));
        assertEquals(q, readQuery);
        assertEquals(1, readQuery.sourcePartition());
        assertEquals(7L, readQuery.sourceOffset());
        Query v2 = legacy(QuerySerializer.INSTANCE, 2).deserialize(input(GOLDEN_QUERY_V1));
        assertEquals(q, v2);
        assertEquals(-1L, v2.sourceOffset());
    }

    private static DataInputDeserializer input(String hex) {
        return new DataInputDeserializer(HexFormat.of().parseHex(hex));
    }

    private static final String GOLDEN_MUTATION_V1 =
            "000263026401000000023f800000c000000000000001026b0276";
    private static final String GOLDEN_MUTATION_V2 =
            GOLDEN_MUTATION_V1 + "00000003000000000000002a";
    // v1 and v2 write a knn query alike; v2 added the stats type
    private static final String GOLDEN_QUERY_V1 =
            "000271026301000000013f0000000000000a0000000000000000";
    private static final String GOLDEN_QUERY_V3 = GOLDEN_QUERY_V1 + "000000010000000000000007";
    // since v3 and v4 the version travels as the first byte of each value, ahead of the old fields
    private static final String GOLDEN_MUTATION_V3 = "03" + GOLDEN_MUTATION_V2;
    private static final String GOLDEN_QUERY_V4 = "04" + GOLDEN_QUERY_V3;

    @Test
    void snapshotsRestoreAndResolveCompatibility() throws IOException {
        checkSnapshot(MutationSerializer.INSTANCE, MutationSerializer.CURRENT_VERSION);
        checkSnapshot(QuerySerializer.INSTANCE, QuerySerializer.CURRENT_VERSION);
        checkSnapshot(RawRecordSerializer.INSTANCE, RawRecordSerializer.CURRENT_VERSION);
        checkSnapshot(DeadLetterSerializer.INSTANCE, DeadLetterSerializer.CURRENT_VERSION);
        checkSnapshot(QueryResultSerializer.INSTANCE, QueryResultSerializer.CURRENT_VERSION);
        checkSnapshot(
                SubscriptionUpdateSerializer.INSTANCE,
                SubscriptionUpdateSerializer.CURRENT_VERSION);
        checkSnapshot(StatsResultSerializer.INSTANCE, StatsResultSerializer.CURRENT_VERSION);
        checkSnapshot(ResultRecordSerializer.INSTANCE, ResultRecordSerializer.CURRENT_VERSION);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> void checkSnapshot(TypeSerializer<T> serializer, int currentVersion)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        ModelSerializersTest.class.getClassLoader());
        assertEquals(serializer, restored.restoreSerializer());
        TypeSerializerSchemaCompatibility<T> compat =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertTrue(compat.isCompatibleAsIs(), serializer + " " + compat);

        // a snapshot of another model serializer is incompatible
        TypeSerializer other =
                serializer instanceof MutationSerializer
                        ? QuerySerializer.INSTANCE
                        : MutationSerializer.INSTANCE;
        assertTrue(
                serializer
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(other.snapshotConfiguration())
                        .isIncompatible());

        // a snapshot from a future format version cannot be read by this build
        ModelSerializerSnapshot<T> futureSnap =
                legacySnapshot(serializer.getClass().getName(), currentVersion + 1);
        assertTrue(
                serializer
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(futureSnap)
                        .isIncompatible());
        assertThrows(IllegalArgumentException.class, futureSnap::restoreSerializer);
    }

    private static <T> void roundTrip(TypeSerializer<T> serializer, List<? extends T> values)
            throws IOException {
        for (T v : values) {
            byte[] bytes = serialize(serializer, v);
            T back = serializer.deserialize(new DataInputDeserializer(bytes));
            assertEquals(v, back);
            assertEquals(v.hashCode(), back.hashCode());
            // copy(in, out) reproduces the bytes
            DataOutputSerializer copied = new DataOutputSerializer(bytes.length);
            serializer.copy(new DataInputDeserializer(bytes), copied);
            assertArrayEquals(bytes, copied.getCopyOfBuffer());
            // the duplicate and a serializer restored from its snapshot read the same bytes
            assertEquals(v, serializer.duplicate().deserialize(new DataInputDeserializer(bytes)));
            assertEquals(
                    v,
                    serializer
                            .snapshotConfiguration()
                            .restoreSerializer()
                            .deserialize(new DataInputDeserializer(bytes)));
        }
        // values are distinct from one another, so equality above is not trivially true
        for (int i = 1; i < values.size(); i++) {
            assertNotEquals(values.get(i - 1), values.get(i));
        }
    }

    private static final String FORMER_PACKAGE = "org.vectorindex.operators.model.serde.";

    /**
     * A serializer restored from a snapshot written before values carried a version byte, which
     * named the serializer in its former package.
     */
    static <T> TypeSerializer<T> legacy(TypeSerializer<T> current, int version) throws IOException {
        return ModelSerializersTest.<T>legacySnapshot(former(current), version).restoreSerializer();
    }

    static <T> ModelSerializerSnapshot<T> legacySnapshot(String serializerClassName, int version)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(serializerClassName);
        out.writeInt(version);
        ModelSerializerSnapshot<T> snapshot = new ModelSerializerSnapshot<>();
        snapshot.readSnapshot(1, new DataInputDeserializer(out.getCopyOfBuffer()), null);
        return snapshot;
    }

    /** The value in the newest format without a version byte: today's fields, minus the byte. */
    private static <T> byte[] versionLess(TypeSerializer<T> serializer, T value)
            throws IOException {
        byte[] bytes = serialize(serializer, value);
        return Arrays.copyOfRange(bytes, 1, bytes.length);
    }

    private static <T> byte[] serialize(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }
}
