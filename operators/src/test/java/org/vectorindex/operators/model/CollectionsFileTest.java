package org.vectorindex.operators.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

class CollectionsFileTest {

    static final String YAML =
            "collections:\n"
                    + "  - name: docs\n"
                    + "    dimension: 4\n"
                    + "    metric: cosine\n"
                    + "    m: 8\n"
                    + "    efConstruction: 50\n"
                    + "    ef: 32\n"
                    + "    shards: 3\n"
                    + "    seed: 7\n"
                    + "  - name: passages\n"
                    + "    type: multivector\n"
                    + "    dimension: 384\n"
                    + "    metric: dot\n"
                    + "    multivector: {pooledVectors: 8, fdeSimhashBits: 3, storedEncoding: int8}\n";

    @Test
    void loadsYamlWithDefaults(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("collections.yaml");
        Files.writeString(f, YAML);
        CollectionRegistry reg = CollectionsFile.load(f);
        CollectionSpec docs = reg.require("docs");
        assertEquals(CollectionType.HNSW, docs.type());
        assertEquals(4, docs.dimension());
        assertEquals(Metric.COSINE, docs.metric());
        assertEquals(8, docs.m());
        assertEquals(50, docs.efConstruction());
        assertEquals(32, docs.ef());
        assertEquals(3, docs.shards());
        assertEquals(7L, docs.seed());
        assertNull(docs.multiVector());
        CollectionSpec mv = reg.require("passages");
        assertEquals(CollectionType.MULTIVECTOR, mv.type());
        assertEquals(CollectionSpec.DEFAULT_SHARDS, mv.shards());
        assertEquals(8, mv.multiVector().pooledVectors());
        assertEquals(3, mv.multiVector().fdeSimhashBits());
        assertEquals(20, mv.multiVector().fdeRepetitions());
        assertEquals(StoredEncoding.INT8, mv.multiVector().storedEncoding());
        assertEquals(
                StoredEncoding.INT8,
                reg.all().stream()
                        .filter(l -> l.name().equals("passages"))
                        .findFirst()
                        .orElseThrow()
                        .multiVectorConfig()
                        .storedEncoding(),
                "the job's index config carries the encoding");
        assertEquals(20 * 8 * 8, mv.indexConfig().dimension());
        assertEquals(Metric.DOT, mv.indexConfig().metric());
        assertEquals(7, reg.totalShards());
    }

    @Test
    void loadsJson(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c.json");
        Files.writeString(
                f, "{\"collections\":[{\"name\":\"c\",\"dimension\":128,\"metric\":\"l2\"}]}");
        CollectionRegistry reg = CollectionsFile.load(f);
        assertEquals(Metric.L2, reg.require("c").metric());
        assertEquals(4, reg.require("c").shards());
    }

    @Test
    void failsFastNamingTheProblem() {
        assertFails("collections: []", "'collections' must be a non-empty list");
        assertFails("collectons: []", "unknown key 'collectons'");
        assertFails(
                "collections:\n  - name: a\n    metric: l2\n",
                "collections[0] (a): 'dimension' is missing");
        assertFails(
                "collections:\n  - name: a\n    dimension: 4\n",
                "collections[0] (a): 'metric' is missing");
        assertFails(
                "collections:\n  - name: a\n    dimension: four\n    metric: l2\n",
                "'dimension' must be an integer");
        assertFails(
                "collections:\n  - name: a\n    dimension: 4\n    metric: hamming\n",
                "unknown metric 'hamming'");
        assertFails(
                "collections:\n  - name: a\n    dimension: 4\n    metric: l2\n    shard: 2\n",
                "unknown key 'shard'");
        assertFails(
                "collections:\n  - name: a\n    dimension: 4\n    metric: l2\n    shards: 0\n",
                "shards must be in 1..");
        assertFails(
                "collections:\n  - name: a\n    dimension: 4\n    metric: l2\n"
                        + "  - name: a\n    dimension: 8\n    metric: l2\n",
                "collection 'a' is declared twice");
        assertFails(
                "collections:\n  - name: a\n    dimension: 4\n    dimension: 5\n    metric: l2\n",
                "Duplicate field 'dimension'");
        assertFails(
                "collections:\n  - name: a\n    dimension: 4\n    metric: l2\n    type: ivf\n",
                "unknown collection type 'ivf'");
        assertFails(
                "collections:\n  - name: a\n    dimension: 4\n    metric: l2\n    m: 1\n",
                "m must be in 2..512");
        assertFails(
                "collections:\n  - name: 'bad name'\n    dimension: 4\n    metric: l2\n",
                "collection name 'bad name'");
        assertFails(
                "collections:\n  - name: a\n    dimension: 4\n    metric: l2\n"
                        + "    multivector: {pooledVectors: 8}\n",
                "multivector settings need type multivector");
        assertFails(
                "collections:\n  - name: a\n    type: multivector\n    dimension: 4\n    metric: dot\n"
                        + "    multivector: {storedEncoding: int4}\n",
                "stored-vector encoding must be float32 or int8, got int4");
        assertFails("collections: [", "is not valid YAML");
    }

    @Test
    void storedEncodingInt8ReachesTheIndexAndVectorConfigs() {
        CollectionRegistry r =
                CollectionsFile.parse(
                        "collections:\n  - {name: a, dimension: 4, metric: l2, storedEncoding: int8}"
                                + "\n  - {name: b, dimension: 4, metric: cosine}\n",
                        false,
                        "t");
        assertEquals(StoredEncoding.INT8, r.get("a").indexConfig().storedEncoding());
        assertEquals(StoredEncoding.FLOAT32, r.get("b").indexConfig().storedEncoding());
        assertEquals(StoredEncoding.INT8, r.get("a").vectorConfig().storedEncoding());
        assertEquals(StoredEncoding.INT8, r.get("a").withShards(2).storedEncoding());
        assertFails(
                "collections:\n  - {name: a, dimension: 4, metric: l2, storedEncoding: int4}\n",
                "float32 or int8");
        assertFails(
                "collections:\n  - {name: a, type: multivector, dimension: 4, metric: cosine,"
                        + " storedEncoding: int8}\n",
                "multivector.storedEncoding");
    }

    @Test
    void aCandidateSearchSettingIsAnUnknownKeyNotAnAlternative() {
        assertFails(
                "collections:\n  - {name: a, type: multivector, dimension: 4, metric: cosine,"
                        + " multivector: {candidateSearch: tokens}}\n",
                "collections[0] (a).multivector: unknown key 'candidateSearch' (allowed:");
        assertFails(
                "collections:\n  - {name: a, type: multivector, dimension: 4, metric: cosine,"
                        + " candidateSearch: tokens}\n",
                "collections[0] (a): unknown key 'candidateSearch'");
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CollectionsFile.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("cannot read collections file"), e.getMessage());
    }

    @Test
    void shardOfIsStableAndSpread() {
        CollectionSpec c = CollectionSpec.hnsw("c", 4, Metric.L2);
        int[] counts = new int[c.shards()];
        for (int i = 0; i < 4000; i++) {
            int s = c.shardOf("doc-" + i);
            assertEquals(s, c.shardOf("doc-" + i));
            counts[s]++;
        }
        for (int n : counts) {
            assertTrue(n > 800 && n < 1200, "uneven shards " + java.util.Arrays.toString(counts));
        }
        // pinned: routing must never change between builds, or restored shards lose records
        assertEquals(2, c.shardOf("doc-1"));
        assertEquals(3, c.shardOf("doc-2"));
        assertEquals(14, c.withShards(16).shardOf("doc-1"));
        assertEquals(2, c.withShards(16).shardOf("a"));
    }

    private static void assertFails(String yaml, String expected) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CollectionsFile.parse(yaml, false, "test.yaml"));
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("collections file test.yaml"), e.getMessage());
    }
}
