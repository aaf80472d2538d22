package org.vectorindex.operators.types;

import java.util.Locale;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.shard.ShardKey;

/**
 * A mutation routed to one shard: the index operator's mutation input. The lead's job maps the
 * parsed record model onto this with {@link #upsert} or {@link #delete}, which compute the shard
 * from the id, so a key selector only reads {@link #shardKey}.
 *
 * @param shardKey {@link ShardKey} of the target shard
 * @param op upsert or delete
 * @param id external id
 * @param vector the vector for an upsert, null for a delete; never mutated after construction
 * @param attributes attribute values for filters (empty when none); never null
 * @param sourcePartition partition of the mutations topic it was read from, -1 when unknown
 * @param sourceOffset offset in that partition, -1 when unknown
 */
@Internal
public record ShardMutation(
        String shardKey,
        Op op,
        String id,
        float[] vector,
        Map<String, String> attributes,
        int sourcePartition,
        long sourceOffset)
        implements ShardInput {

    /** What a mutation does. */
    public enum Op {
        UPSERT,
        DELETE
    }

    public ShardMutation {
        if (shardKey == null) {
            throw new IllegalArgumentException("shardKey is missing");
        }
        if (op == null) {
            throw new IllegalArgumentException("op is missing");
        }
        if (id == null) {
            throw new IllegalArgumentException("id is missing");
        }
        if (op == Op.UPSERT && vector == null) {
            throw new IllegalArgumentException("vector is missing for upsert of '" + id + "'");
        }
        if (attributes == null) {
            attributes = Map.of();
        }
    }

    /** A mutation of unknown source. */
    public ShardMutation(
            String shardKey, Op op, String id, float[] vector, Map<String, String> attributes) {
        this(shardKey, op, id, vector, attributes, -1, -1L);
    }

    /** The same mutation, read at {@code partition} and {@code offset} of the mutations topic. */
    public ShardMutation at(int partition, long offset) {
        return new ShardMutation(shardKey, op, id, vector, attributes, partition, offset);
    }

    /** An upsert of {@code id} into the shard its id hashes to. */
    public static ShardMutation upsert(
            String collection, int shards, String id, float[] vector, Map<String, String> attrs) {
        return new ShardMutation(
                ShardKey.of(collection, ShardKey.shardOf(id, shards)),
                Op.UPSERT,
                id,
                vector,
                attrs == null ? Map.of() : Map.copyOf(attrs));
    }

    /** A delete of {@code id} from the shard its id hashes to. */
    public static ShardMutation delete(String collection, int shards, String id) {
        return new ShardMutation(
                ShardKey.of(collection, ShardKey.shardOf(id, shards)),
                Op.DELETE,
                id,
                null,
                Map.of());
    }

    /** "upsert" or "delete", as a rejection names it. */
    @Override
    public String what() {
        return op.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String recordId() {
        return id;
    }
}
