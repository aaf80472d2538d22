package org.vectorindex.jobs.client;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;

/** One-line renderings of results and updates for the command-line clients. */
public final class HitFormat {
    private HitFormat() {}

    /** {@code id score, id score, ...} for at most {@code max} hits. */
    public static String hits(ResultRecord r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(max, r.hitCount());
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(r.hitId(i)).append(' ').append(score(r.hitScore(i)));
        }
        if (r.hitCount() > n) {
            sb.append(", ... (").append(r.hitCount()).append(" hits)");
        }
        return sb.toString();
    }

    /**
     * A score with six significant digits and no trailing zeros: L2 scores are {@code 1/(1+d²)} and
     * can be far below 0.0001, while cosine and dot scores need the digits after the point.
     */
    public static String score(float score) {
        if (!Float.isFinite(score)) {
            return Float.toString(score);
        }
        if (score == 0) {
            return "0";
        }
        return new BigDecimal(score)
                .round(new MathContext(6, RoundingMode.HALF_EVEN))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A stats answer: {@code stats st1 'c': 250 vectors in 2 shards} and one line per shard. */
    public static String stats(StatsResult s) {
        StringBuilder sb =
                new StringBuilder("stats ")
                        .append(s.queryId())
                        .append(" '")
                        .append(s.collection())
                        .append("': ")
                        .append(s.totalSize())
                        .append(" vectors in ")
                        .append(s.shardCount())
                        .append(" shards");
        for (int i = 0; i < s.shardCount(); i++) {
            sb.append("\n  shard ")
                    .append(i)
                    .append(": size ")
                    .append(s.size(i))
                    .append(", digest ")
                    .append(StatsResult.hex(s.digest(i)));
        }
        return sb.toString();
    }

    /** A one-shot result: {@code result q1 (3 ms in job): id score, ...}. */
    public static String result(QueryResult q) {
        return "result "
                + q.queryId()
                + " ("
                + q.tookMs()
                + " ms in job): "
                + (q.hitCount() == 0 ? "no hits" : hits(q, Integer.MAX_VALUE));
    }

    /** A subscription update: {@code update s1 v2 (upsert doc-9) +[doc-9] -[doc-3]: top ...}. */
    public static String update(SubscriptionUpdate u) {
        return "update "
                + u.subscriptionId()
                + " v"
                + u.version()
                + " ("
                + u.causeOp().wireName()
                + " "
                + u.causeId()
                + ") +"
                + java.util.Arrays.toString(u.entered())
                + " -"
                + java.util.Arrays.toString(u.left())
                + ": "
                + (u.hitCount() == 0 ? "no hits" : hits(u, Integer.MAX_VALUE));
    }
}
