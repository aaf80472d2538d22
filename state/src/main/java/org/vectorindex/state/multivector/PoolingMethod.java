package org.vectorindex.state.multivector;

import org.apache.flink.annotation.Internal;

/** How documents are pooled at ingest; both are deterministic and need no random seed. */
@Internal
public enum PoolingMethod {
    /** Agglomerative Ward clustering on cosine distance, cut at m clusters. */
    WARD,
    /** Spherical k-means with a deterministic farthest-point start and a fixed iteration cap. */
    KMEANS;

    public TokenPooler create() {
        return this == WARD ? new WardPooler() : new KMeansPooler();
    }

    public static PoolingMethod parse(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "ward":
                return WARD;
            case "kmeans":
            case "k-means":
                return KMEANS;
            default:
                throw new IllegalArgumentException(
                        "unknown pooling '" + name + "': expected ward or kmeans");
        }
    }
}
