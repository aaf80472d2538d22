package org.vectorindex.operators.index;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.vectorindex.operators.shard.Murmur3;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * Live recall: which one-shot queries each shard answers a second time by exact scan, and how much
 * of the exact top-k its graph answer held (overlap@k). The choice hashes the query id, so it is
 * the same on every shard, in every run and after every restart, and it only adds work after the
 * answer is emitted: results and graphs are the same at any fraction.
 */
@Internal
public final class RecallSampling implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final ConfigOption<Double> SAMPLE_FRACTION =
            ConfigOptions.key("vectorindex.recall-sample-fraction")
                    .doubleType()
                    .defaultValue(0.01)
                    .withDescription(
                            "Fraction (0..1) of one-shot queries that every shard of an HNSW"
                                    + " collection also answers by exact scan, to report"
                                    + " overlap@k as the recall metrics. 0 turns sampling off.");

    /** Seed of the query-id hash; fixed, so every run samples the same queries. */
    static final int SEED = 0x5eed_4ec1;

    private static final long ALL = 1L << 32;

    private final double fraction;
    private final long threshold;

    public RecallSampling(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(
                    SAMPLE_FRACTION.key() + " must be in 0..1, got " + fraction);
        }
        this.fraction = fraction;
        this.threshold = fraction >= 1 ? ALL : (long) Math.floor(fraction * ALL);
    }

    public double fraction() {
        return fraction;
    }

    /** Whether the query with this id is sampled. */
    public boolean sampled(String requestId) {
        return threshold > 0
                && (Integer.toUnsignedLong(Murmur3.hashUtf8(requestId, SEED)) < threshold);
    }

    /** How many of the exact hits the approximate answer also holds. */
    public static int overlap(List<SearchHit> approximate, List<SearchHit> exact) {
        Set<String> found = new HashSet<>(approximate.size() * 2);
        for (SearchHit h : approximate) {
            found.add(h.id());
        }
        int n = 0;
        for (SearchHit h : exact) {
            if (found.contains(h.id())) {
                n++;
            }
        }
        return n;
    }
}
