package org.vectorindex.operators.model;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A record of the results topic: a one-shot {@link QueryResult}, a {@link SubscriptionUpdate} or a
 * {@link StatsResult} or a {@link VectorResult}. One type for all lets the job union them into a
 * single stream and a single sink. Hits are kept as parallel id and score arrays, best first, so a
 * result is three objects rather than one per hit.
 */
@TypeInfo(ModelTypeInfoFactories.ResultRecordInfo.class)
@PublicEvolving
public sealed interface ResultRecord
        permits QueryResult, SubscriptionUpdate, StatsResult, VectorResult {

    /** queryId or subscriptionId: the Kafka key, so one query's records stay in order. */
    String key();

    /** Number of hits. */
    int hitCount();

    /** Id of hit {@code i}, best first. */
    String hitId(int i);

    /** User-facing score of hit {@code i} (higher is better). */
    float hitScore(int i);
}
