package org.vectorindex.operators.index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.vectorindex.operators.fault.FailureInjection;
import org.vectorindex.operators.metrics.IndexMetrics;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.OperatorTypes;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.operators.types.ShardInput;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;
import org.vectorindex.state.hnsw.AttributeFilter;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.VectorMath;

/**
 * Steps 2 and 3 of the topology: the index operator, keyed by {@link ShardKey}. Input 1 is the
 * shard's mutations, input 2 the routed copies of queries, subscriptions and unsubscriptions. It
 * applies mutations to the shard's index, answers a one-shot query with the shard's top-k, and
 * keeps each open subscription's local top-k current, emitting a {@link PartialResult} whenever it
 * changes; a stats request is answered with the shard's size and graph digest, and a get by the
 * target id's shard with its stored vector ({@link #VECTORS}). Keyed state holds the index (through
 * the {@link ShardIndexStore}), the attributes and the subscriptions, so all of it survives
 * failures and moves with the shard on rescale. Run it in a {@link ShardIndexOperator}, which
 * writes the changed indexes to keyed state at each snapshot.
 *
 * <p><b>Visibility.</b> A query or subscription sees every mutation that reached its shard before
 * it, in the shard's arrival order, and none after: the function handles one record at a time per
 * shard and applies a mutation (index, attributes and every subscription's local top-k) before the
 * next record. Across shards there is no common point in time: a query's per-shard answers may
 * reflect different moments of the input streams.
 *
 * <p>One instance serves every collection of a job: for a multi-vector collection the store hands
 * out a multi-vector index, vectors are token lists flattened row after row, queries are normalised
 * token by token, and scores are MaxSim over the documents' pooled vectors ({@link
 * SubscriptionScorer}).
 *
 * <p>Invalid input never fails the job: it goes to {@link #REJECTED}, and so does a record whose
 * handling throws an exception that is the record's fault ({@link RecordFaults}). A query that
 * fails validation is rejected by shard 0 only, since every shard would reject it alike.
 */
@Internal
public final class ShardIndexFunction
        extends KeyedCoProcessFunction<String, ShardMutation, ShardQuery, PartialResult>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Records the operator refused. */
    public static final OutputTag<ShardRejection> REJECTED =
            new OutputTag<>("index-rejected", OperatorTypes.SHARD_REJECTION);

    /** Answers to gets: complete, from the one shard that owns the id, so they skip the merger. */
    public static final OutputTag<MergedResult> VECTORS =
            new OutputTag<>("index-vectors", OperatorTypes.MERGED_RESULT);

    private static final String[] NO_IDS = new String[0];
    private static final float[] NO_SCORES = new float[0];

    private final HashMap<String, CollectionSpec> collectionsByName = new HashMap<>();
    private final ShardIndexStore store;
    private FailureInjection failures = FailureInjection.NONE;
    private RecallSampling recall =
            new RecallSampling(RecallSampling.SAMPLE_FRACTION.defaultValue());

    private transient ShardKeyScheme keyScheme;
    private transient MapState<String, Map<String, String>> attributeState;
    private transient MapState<String, SubscriptionSpec> specState;
    private transient MapState<String, LocalTopK> topKState;
    private transient HashMap<String, ShardWorkingSet> shards;
    private transient ChangedShards changed;
    private transient Emitter emitter;
    private transient IndexMetrics metrics;
    // Written by the task thread, read by the metric gauges from another thread.
    private transient volatile long liveVectors;
    private transient volatile long openSubscriptions;

    public ShardIndexFunction(List<CollectionSpec> collections, ShardIndexStore store) {
        if (collections == null || collections.isEmpty()) {
            throw new IllegalArgumentException("ShardIndexFunction: no collections given");
        }
        if (store == null) {
            throw new IllegalArgumentException("ShardIndexFunction: index store is missing");
        }
        for (CollectionSpec c : collections) {
            if (collectionsByName.put(c.name(), c) != null) {
                throw new IllegalArgumentException(
                        "ShardIndexFunction: collection '" + c.name() + "' twice");
            }
            if (c.isMultiVector() && !store.holdsMultiVector()) {
                throw new IllegalArgumentException(
                        "ShardIndexFunction: multi-vector collection '"
                                + c.name()
                                + "' needs a store that holds multi-vector shards, not "
                                + store.getClass().getSimpleName());
            }
            if (c.isMultiVector()) {
                // settings that do not fit together fail the job's build, not its first record
                c.multiVectorConfig();
            }
        }
        this.store = store;
    }

    /** The production operator: HNSW and multi-vector indexes in keyed state. */
    public static ShardIndexFunction withHnsw(List<CollectionSpec> collections) {
        return new ShardIndexFunction(collections, new KeyedShardIndexStore());
    }

    /** Test hook: throw at planned points (off by default). */
    public ShardIndexFunction withFailureInjection(FailureInjection failures) {
        this.failures = failures == null ? FailureInjection.NONE : failures;
        return this;
    }

    /** Which one-shot queries are also answered by exact scan, for the recall metrics. */
    public ShardIndexFunction withRecallSampling(RecallSampling sampling) {
        this.recall = sampling;
        return this;
    }

    @Override
    public void open(OpenContext openContext) {
        failures.open(getRuntimeContext());
        store.open(getRuntimeContext());
        attributeState =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "attributes",
                                        StringSerializer.INSTANCE,
                                        new MapSerializer<>(
                                                StringSerializer.INSTANCE,
                                                StringSerializer.INSTANCE)));
        specState =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "subscriptions",
                                        StringSerializer.INSTANCE,
                                        SubscriptionSpecSerializer.INSTANCE));
        topKState =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "subscription-topk",
                                        StringSerializer.INSTANCE,
                                        LocalTopKSerializer.INSTANCE));
        shards = new HashMap<>();
        changed = new ChangedShards();
        emitter = new Emitter();
        metrics =
                new IndexMetrics(
                        getRuntimeContext().getMetricGroup(),
                        () -> liveVectors,
                        () -> openSubscriptions);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        keyScheme = ShardKeyScheme.check(context);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        keyScheme.mark();
    }

    /**
     * Writes the shards changed since the last call to keyed state; see {@link ShardIndexOperator}.
     */
    void persistChanges(Consumer<String> setCurrentKey) throws Exception {
        changed.persist(store, setCurrentKey);
    }

    @Override
    public void processElement1(ShardMutation m, Context ctx, Collector<PartialResult> out)
            throws Exception {
        handle(m, ctx, out, true);
    }

    /**
     * Handles a mutation or a request; a fault of the record itself rejects it (when {@code
     * reportFault}) instead of failing the task.
     */
    private void handle(
            ShardInput record, Context ctx, Collector<PartialResult> out, boolean reportFault)
            throws Exception {
        failures.onRecord();
        try {
            if (record instanceof ShardMutation m) {
                mutate(m, ctx, out);
            } else {
                query((ShardQuery) record, ctx, out);
            }
        } catch (RuntimeException e) {
            String fault = RecordFaults.describeOrRethrow(e);
            if (reportFault) {
                String collection = ShardKey.collection(ctx.getCurrentKey());
                reject(ctx, ShardRejection.of(record, collection, fault));
            }
        }
    }

    private void mutate(ShardMutation m, Context ctx, Collector<PartialResult> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        ShardWorkingSet ws = workingSet(key);
        if (ws == null) {
            reject(ctx, ShardRejection.of(m, ShardKey.collection(key), unknownCollection(key)));
            return;
        }
        ShardIndex index = index(key, ws);
        if (m.op() == ShardMutation.Op.UPSERT) {
            try {
                index.upsert(m.id(), m.vector(), m.attributes());
            } catch (IllegalArgumentException e) {
                reject(ctx, ShardRejection.of(m, ws.collection, e.getMessage()));
                return;
            }
            changed.add(key);
            metrics.upserted();
            trackSize(ws, index);
            if (!m.attributes().isEmpty()) {
                Map<String, String> previous = ws.attributes.put(m.id(), m.attributes());
                if (!m.attributes().equals(previous)) { // re-upserts mostly keep attributes
                    attributeState.put(m.id(), m.attributes());
                }
            } else if (ws.attributes.remove(m.id()) != null) {
                attributeState.remove(m.id());
            }
            if (ws.subscriptions.count() > 0) {
                emitter.bind(ws, out);
                ws.subscriptions.onUpsert(
                        m.id(), index.vector(m.id()), m.attributes(), index, emitter);
            }
        } else {
            if (!index.delete(m.id())) {
                return;
            }
            changed.add(key);
            metrics.deleted();
            trackSize(ws, index);
            if (ws.attributes.remove(m.id()) != null) {
                attributeState.remove(m.id());
            }
            if (ws.subscriptions.count() > 0) {
                emitter.bind(ws, out);
                ws.subscriptions.onDelete(m.id(), index, emitter);
            }
        }
    }

    @Override
    public void processElement2(ShardQuery q, Context ctx, Collector<PartialResult> out)
            throws Exception {
        handle(q, ctx, out, q.shard() == 0); // every shard fails alike; one dead letter is enough
    }

    private void query(ShardQuery q, Context ctx, Collector<PartialResult> out) throws Exception {
        String key = ctx.getCurrentKey();
        ShardWorkingSet ws = workingSet(key);
        if (ws == null) {
            if (q.shard() == 0) {
                reject(ctx, ShardRejection.of(q, ShardKey.collection(key), unknownCollection(key)));
            }
            return;
        }
        if (q.kind() == ShardQuery.Kind.UNSUBSCRIBE) {
            unsubscribe(q, ws, out);
            return;
        }
        if (q.kind() == ShardQuery.Kind.STATS) {
            out.collect(ShardAnswers.stats(q, index(key, ws), ws));
            return;
        }
        if (q.kind() == ShardQuery.Kind.GET) {
            ctx.output(VECTORS, ShardAnswers.vector(q, index(key, ws), ws));
            return;
        }
        String problem = ws.problemWith(q);
        if (problem != null) {
            if (q.shard() == 0) {
                reject(ctx, ShardRejection.of(q, ws.collection, problem));
            }
            return;
        }
        ShardIndex index = index(key, ws);
        int ef = q.ef() > 0 ? q.ef() : ws.config.defaultEf();
        if (q.kind() == ShardQuery.Kind.KNN) {
            ws.queryFilter.filter = AttributeFilter.compile(q.filter());
            List<SearchHit> hits =
                    index.search(
                            q.vector(),
                            q.k(),
                            Math.max(ef, q.k()),
                            ws.queryFilter.filter == null ? null : ws.queryFilter);
            String[] ids = new String[hits.size()];
            float[] scores = new float[hits.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = hits.get(i).id();
                scores[i] = hits.get(i).score();
            }
            out.collect(PartialResult.oneShot(q, ws.collection, ws.shard, ids, scores));
            metrics.queried();
            if (recall.sampled(q.requestId())) {
                sampleRecall(q, index, hits, ws);
            }
            return;
        }
        float[] vector = q.vector().clone();
        if (ws.multiVector != null) {
            TokenRows.normalizeInPlace(vector, ws.config.dimension());
        } else if (ws.config.metric().normalizes()) {
            VectorMath.normalizeInPlace(vector);
        }
        SubscriptionSpec spec = new SubscriptionSpec(vector, q.k(), ef, q.filter(), q.shardCount());
        int before = ws.subscriptions.count();
        int slot = ws.subscriptions.subscribe(q.requestId(), spec, index);
        openSubscriptions += ws.subscriptions.count() - before;
        metrics.subscribed();
        specState.put(q.requestId(), spec);
        emitter.bind(ws, out);
        emitter.changed(slot, Cause.SUBSCRIBE, q.requestId());
    }

    /** After the answer is out, so sampling never delays or changes it. */
    private void sampleRecall(
            ShardQuery q, ShardIndex index, List<SearchHit> hits, ShardWorkingSet ws) {
        List<SearchHit> exact =
                index.exactSearch(
                        q.vector(), q.k(), ws.queryFilter.filter == null ? null : ws.queryFilter);
        if (exact != null) {
            metrics.recallSampled(RecallSampling.overlap(hits, exact), exact.size());
        }
    }

    private void unsubscribe(ShardQuery q, ShardWorkingSet ws, Collector<PartialResult> out)
            throws Exception {
        int slot = ws.subscriptions.slotOf(q.requestId());
        if (slot < 0) {
            return;
        }
        SubscriptionSpec spec = ws.subscriptions.spec(slot);
        ws.subscriptions.unsubscribe(q.requestId());
        openSubscriptions--;
        specState.remove(q.requestId());
        topKState.remove(q.requestId());
        out.collect(
                PartialResult.closed(
                        q.requestId(),
                        ws.collection,
                        ws.shard,
                        spec.shardCount(),
                        spec.k(),
                        q.ingestMillis()));
    }

    /** The shard's index, of the kind its collection declares. */
    private ShardIndex index(String key, ShardWorkingSet ws) throws Exception {
        return ws.multiVector != null
                ? store.currentMultiVector(key, ws.multiVector)
                : store.current(key, ws.config);
    }

    /** The working set of a shard, rebuilt from keyed state on first use; null if unknown. */
    private ShardWorkingSet workingSet(String key) throws Exception {
        ShardWorkingSet ws = shards.get(key);
        if (ws != null) {
            return ws;
        }
        CollectionSpec spec = collectionsByName.get(ShardKey.collection(key));
        if (spec == null) {
            return null;
        }
        ws = new ShardWorkingSet(spec, ShardKey.shard(key));
        Iterable<Map.Entry<String, Map<String, String>>> attrs = attributeState.entries();
        if (attrs != null) {
            ShardIndex index = index(key, ws);
            for (Map.Entry<String, Map<String, String>> e : attrs) {
                Map<String, String> a = Map.copyOf(e.getValue());
                ws.attributes.put(e.getKey(), a);
                index.setAttributes(e.getKey(), a);
            }
        }
        Iterable<Map.Entry<String, SubscriptionSpec>> specs = specState.entries();
        if (specs != null) {
            for (Map.Entry<String, SubscriptionSpec> e : specs) {
                LocalTopK topK = topKState.get(e.getKey());
                ws.subscriptions.restore(
                        e.getKey(),
                        e.getValue(),
                        topK == null ? new LocalTopK(NO_IDS, NO_SCORES) : topK);
            }
        }
        shards.put(key, ws);
        openSubscriptions += ws.subscriptions.count();
        trackSize(ws, index(key, ws));
        return ws;
    }

    /** Keeps the {@code liveVectors} gauge current after the shard's size may have changed. */
    private void trackSize(ShardWorkingSet ws, ShardIndex index) {
        int now = index.size();
        liveVectors += now - ws.size;
        ws.size = now;
    }

    private static String unknownCollection(String key) {
        return "unknown collection '" + ShardKey.collection(key) + "'";
    }

    private void reject(Context ctx, ShardRejection rejection) {
        metrics.rejected();
        ctx.output(REJECTED, rejection);
    }

    /**
     * Persists a changed local top-k and emits it. One instance, re-bound per record, so the
     * subscription loop does not allocate a listener.
     */
    private final class Emitter implements ShardSubscriptions.ChangeListener {
        private ShardWorkingSet ws;
        private Collector<PartialResult> out;

        void bind(ShardWorkingSet ws, Collector<PartialResult> out) {
            this.ws = ws;
            this.out = out;
        }

        @Override
        public void changed(int slot, Cause cause, String causeId) throws Exception {
            ShardSubscriptions subs = ws.subscriptions;
            String subId = subs.subscriptionId(slot);
            SubscriptionSpec spec = subs.spec(slot);
            topKState.put(subId, subs.topK(slot));
            out.collect(
                    PartialResult.continuous(
                            subId,
                            ws.collection,
                            ws.shard,
                            spec.shardCount(),
                            spec.k(),
                            subs.ids(slot),
                            subs.externalScores(slot),
                            cause,
                            causeId));
        }
    }
}
