package org.vectorindex.operators.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.MultiVectorConfig;

class CollectionSpecTest {

    @Test
    void anHnswCollectionFromAnIndexConfigGivesThatConfigBack() {
        HnswConfig config =
                HnswConfig.builder()
                        .dimension(6)
                        .metric(Metric.L2)
                        .m(7)
                        .efConstruction(33)
                        .defaultEf(21)
                        .seed(5L)
                        .storedEncoding(StoredEncoding.INT8)
                        .build();
        CollectionSpec spec = CollectionSpec.of("c", 3, config);
        assertEquals(CollectionType.HNSW, spec.type());
        assertEquals(3, spec.shards());
        assertEquals(config, spec.indexConfig());
        assertEquals(config, spec.vectorConfig());
        assertThrows(IllegalStateException.class, spec::multiVectorConfig);
    }

    @Test
    void aConsolidateFractionTheCollectionsFileCannotSayIsRefused() {
        HnswConfig config =
                HnswConfig.builder()
                        .dimension(2)
                        .metric(Metric.DOT)
                        .consolidateFraction(0.5)
                        .build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> CollectionSpec.of("c", 1, config));
        assertTrue(e.getMessage().contains("consolidateFraction"), e.getMessage());
    }

    @Test
    void aMultiVectorCollectionSeparatesTokenAndFdeGraphConfigs() {
        MultiVectorParams params = new MultiVectorParams(4, 5, 2, 2, 0, 60, 20);
        CollectionSpec spec = CollectionSpec.multiVector("mv", 3, 2, 12, 50, 40, 9L, params);

        HnswConfig tokens = spec.vectorConfig();
        assertEquals(2, tokens.dimension());
        assertEquals(Metric.COSINE, tokens.metric());
        assertEquals(40, tokens.defaultEf());
        assertEquals(StoredEncoding.FLOAT32, tokens.storedEncoding());

        assertEquals(params.fdeDimension(), spec.indexConfig().dimension());
        assertEquals(Metric.DOT, spec.indexConfig().metric());

        MultiVectorConfig config = spec.multiVectorConfig();
        assertEquals(2, config.dimension());
        assertEquals(12, config.hnswM());
        assertEquals(50, config.efConstruction());
        assertEquals(9L, config.hnswSeed());
        assertEquals(9L, config.fde().seed());
        assertEquals(60, config.defaultCandidates());
        assertThrows(
                IllegalArgumentException.class,
                () -> CollectionSpec.multiVector("mv", 3, 2, 12, 50, 40, 9L, null));
    }

    @Test
    void multiVectorSettingsThatDoNotFitFailTheIndexOperatorsBuild() {
        // more pooled vectors than a record may carry tokens: parses, but no index can hold it
        CollectionSpec spec =
                CollectionSpec.multiVector(
                        "mv", 1, 4, 8, 40, 16, 1L, new MultiVectorParams(24, 4, 2, 4, 0, 50, 16));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, spec::multiVectorConfig);
        assertTrue(e.getMessage().startsWith("collection 'mv': "), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> ShardIndexFunction.withHnsw(List.of(spec)));
    }
}
