package org.vectorindex.state.multivector;

import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * Query-token pruning for the rerank (after HEAVEN, Kim et al. 2025): score only the most
 * informative {@code tokenFraction} of the query tokens against every candidate, keep the best
 * {@code keepFraction} of the candidates (never fewer than k), then add the remaining tokens for
 * those alone. Saves {@code (1 − tokenFraction)(1 − keepFraction)} of the rerank multiply-adds; it
 * costs recall when a document the first tokens rank low would have won on the rest.
 */
@Internal
public record QueryPruning(double tokenFraction, double keepFraction, PruningCriterion criterion) {

    public QueryPruning {
        Objects.requireNonNull(criterion, "pruning criterion is missing");
        if (!(tokenFraction > 0 && tokenFraction <= 1)) {
            throw new IllegalArgumentException(
                    "tokenFraction must be in (0, 1], got " + tokenFraction);
        }
        if (!(keepFraction > 0 && keepFraction <= 1)) {
            throw new IllegalArgumentException(
                    "keepFraction must be in (0, 1], got " + keepFraction);
        }
    }
}
