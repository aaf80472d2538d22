package org.vectorindex.operators.model;

import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The single answer to a {@link QueryType#STATS} request: {@code
 * {"type":"stats","queryId","collection","size","shards":[{"shard","size","digest"}]}}, one entry
 * per shard in shard order. The digest is the shard index's 64-bit graph digest: two shards with
 * equal digests hold identical graphs, which is how recovery tests prove that a restored job
 * rebuilt exactly the index a failure-free run builds. It has no hits. The arrays are not copied
 * and must not be modified.
 */
@TypeInfo(ModelTypeInfoFactories.StatsResultInfo.class)
@PublicEvolving
public final class StatsResult extends HitlessResult implements ResultRecord {
    private final long[] sizes;
    private final long[] digests;

    /**
     * @param sizes live vectors of shard {@code i} at index {@code i}
     * @param digests graph digest of shard {@code i} at index {@code i}
     */
    public StatsResult(String queryId, String collection, long[] sizes, long[] digests) {
        super(queryId, collection);
        Objects.requireNonNull(sizes, "sizes are missing");
        Objects.requireNonNull(digests, "digests are missing");
        if (sizes.length != digests.length || sizes.length == 0) {
            throw new IllegalArgumentException(
                    "stats need one size and one digest per shard, got "
                            + sizes.length
                            + " sizes and "
                            + digests.length
                            + " digests");
        }
        this.sizes = sizes;
        this.digests = digests;
    }

    public int shardCount() {
        return sizes.length;
    }

    /** Live vectors in shard {@code shard}. */
    public long size(int shard) {
        return sizes[shard];
    }

    /** Graph digest of shard {@code shard}. */
    public long digest(int shard) {
        return digests[shard];
    }

    /** Live vectors in the whole collection. */
    public long totalSize() {
        long total = 0;
        for (long s : sizes) {
            total += s;
        }
        return total;
    }

    /** A digest as the wire writes it: 16 lower-case hex digits. */
    public static String hex(long digest) {
        return String.format("%016x", digest);
    }

    @Override
    Object[] components() {
        return new Object[] {queryId(), collection(), sizes, digests};
    }

    @Override
    public String toString() {
        StringBuilder b =
                new StringBuilder("StatsResult{")
                        .append(queryId())
                        .append(" on ")
                        .append(collection());
        for (int s = 0; s < sizes.length; s++) {
            b.append(" ")
                    .append(s)
                    .append(":")
                    .append(sizes[s])
                    .append("/")
                    .append(hex(digests[s]));
        }
        return b.append("}").toString();
    }
}
