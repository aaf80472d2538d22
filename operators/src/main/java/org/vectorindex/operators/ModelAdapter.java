package org.vectorindex.operators;

import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.model.UpdateCause;
import org.vectorindex.operators.model.VectorResult;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;

/**
 * The one place where the parsed record model ({@code operators.model}) meets the topology's own
 * types: one function per input and per output, for the job's map steps. Multi-vector records
 * travel as one flat row-major {@code float[]} of their tokens (n × d), so the topology's types and
 * their serializers are the same for both kinds of collection.
 */
@Internal
public final class ModelAdapter {
    private ModelAdapter() {}

    /** A parsed mutation, routed to its shard among {@code shards}. */
    public static ShardMutation mutation(Mutation m, int shards) {
        ShardMutation routed;
        if (m.op() != MutationOp.UPSERT) {
            routed = ShardMutation.delete(m.collection(), shards, m.id());
        } else {
            float[] v = m.isMultiVector() ? flatten(m.vectors()) : m.vector();
            routed = ShardMutation.upsert(m.collection(), shards, m.id(), v, m.attributes());
        }
        return routed.at(m.sourcePartition(), m.sourceOffset());
    }

    /** A parsed query, not yet routed; {@code ingestMillis} is what {@code tookMs} counts from. */
    public static ShardQuery query(Query q, long ingestMillis) {
        return unlocated(q, ingestMillis).at(q.sourcePartition(), q.sourceOffset());
    }

    private static ShardQuery unlocated(Query q, long ingestMillis) {
        return switch (q.type()) {
            case KNN ->
                    ShardQuery.knn(
                            q.id(),
                            q.collection(),
                            vector(q),
                            q.k(),
                            q.ef(),
                            q.filter(),
                            ingestMillis);
            case SUBSCRIBE ->
                    ShardQuery.subscribe(
                            q.id(),
                            q.collection(),
                            vector(q),
                            q.k(),
                            q.ef(),
                            q.filter(),
                            ingestMillis);
            case UNSUBSCRIBE -> ShardQuery.unsubscribe(q.id(), q.collection(), ingestMillis);
            case STATS -> ShardQuery.stats(q.id(), q.collection(), ingestMillis);
            case GET -> ShardQuery.get(q.id(), q.collection(), q.targetId(), ingestMillis);
        };
    }

    private static float[] vector(Query q) {
        return q.isMultiVector() ? flatten(q.vectors()) : q.vector();
    }

    /**
     * Token vectors as one row-major array (n × d). The parser has checked that every row has the
     * collection's dimension; a ragged list is refused here all the same.
     */
    public static float[] flatten(float[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("token list is empty");
        }
        int d = rows[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(
                        "token " + i + " has " + rows[i].length + " components, token 0 has " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    /** A merged output as a results-topic record. */
    public static ResultRecord result(MergedResult r) {
        if (r.kind() == MergedResult.Kind.RESULT) {
            return new QueryResult(r.requestId(), r.collection(), r.ids(), r.scores(), r.tookMs());
        }
        if (r.kind() == MergedResult.Kind.STATS) {
            return stats(r);
        }
        if (r.kind() == MergedResult.Kind.VECTOR) {
            float[] vector = r.scores().length == 0 ? null : r.scores();
            return new VectorResult(r.requestId(), r.collection(), r.ids()[0], vector);
        }
        return new SubscriptionUpdate(
                r.requestId(),
                r.version(),
                r.ids(),
                r.scores(),
                r.entered(),
                r.left(),
                cause(r.cause()),
                r.causeId());
    }

    private static StatsResult stats(MergedResult r) {
        long[] sizes = new long[r.shards().length];
        long[] digests = new long[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            sizes[s] = r.shards()[s].size();
            digests[s] = r.shards()[s].digest();
        }
        return new StatsResult(r.requestId(), r.collection(), sizes, digests);
    }

    /**
     * A record the topology refused, as a dead letter with the record's source coordinates (no
     * original bytes: it was parsed).
     */
    public static DeadLetter deadLetter(
            ShardRejection r, String mutationsTopic, String queriesTopic) {
        boolean mutation = r.what().equals("upsert") || r.what().equals("delete");
        return DeadLetter.fromOperator(
                mutation ? mutationsTopic : queriesTopic,
                r.sourcePartition(),
                r.sourceOffset(),
                r.id(),
                r.what() + " in collection '" + r.collection() + "': " + r.reason());
    }

    private static UpdateCause cause(PartialResult.Cause cause) {
        return switch (cause) {
            case SUBSCRIBE -> UpdateCause.SUBSCRIBE;
            case UPSERT -> UpdateCause.UPSERT;
            case DELETE -> UpdateCause.DELETE;
            case NONE -> throw new IllegalArgumentException("a subscription update needs a cause");
        };
    }
}
