package org.vectorindex.operators.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.index.ShardIndexOperator;
import org.vectorindex.operators.merge.ResultMergeFunction;
import org.vectorindex.operators.merge.ResultMergeOperator;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.routing.SubscriptionIds;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.MergedResultSerializer;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResultSerializer;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardQuerySerializer;

/**
 * Builds the operator test harnesses the way every test here needs them: a chosen state backend,
 * Kryo forbidden (generic types disabled, so any type without an explicit serializer fails), and an
 * explicit output serializer; optionally restored from a snapshot.
 */
public final class Harnesses {
    private Harnesses() {}

    /** Max parallelism (number of key groups) of the harnesses. */
    public static final int MAX_PARALLELISM = 128;

    /** The two backends every harness test runs on. */
    public enum Backend {
        HASHMAP,
        ROCKSDB;

        public StateBackend create() {
            return this == HASHMAP ? new HashMapStateBackend() : new EmbeddedRocksDBStateBackend();
        }
    }

    public static IndexHarness index(
            ShardIndexFunction fn, Backend backend, OperatorSubtaskState restoreFrom)
            throws Exception {
        return index(fn, backend, restoreFrom, 1, 0);
    }

    /**
     * Subtask {@code subtask} of {@code parallelism}, with max parallelism {@link
     * #MAX_PARALLELISM}.
     */
    public static IndexHarness index(
            ShardIndexFunction fn,
            Backend backend,
            OperatorSubtaskState restoreFrom,
            int parallelism,
            int subtask)
            throws Exception {
        var h = new IndexHarness(fn, parallelism, subtask);
        start(h, backend.create(), restoreFrom, PartialResultSerializer.INSTANCE);
        return h;
    }

    public static KeyedOneInputStreamOperatorTestHarness<String, PartialResult, MergedResult> merge(
            ResultMergeFunction fn, Backend backend, OperatorSubtaskState restoreFrom)
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new ResultMergeOperator(fn), PartialResult::mergeKey, Types.STRING);
        start(h, backend.create(), restoreFrom, MergedResultSerializer.INSTANCE);
        return h;
    }

    public static KeyedOneInputStreamOperatorTestHarness<String, ShardQuery, ShardQuery>
            subscriptionIds(SubscriptionIds fn, Backend backend, OperatorSubtaskState restoreFrom)
                    throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(fn), ShardQuery::requestId, Types.STRING);
        start(h, backend.create(), restoreFrom, ShardQuerySerializer.INSTANCE);
        return h;
    }

    /**
     * One subtask of the index operator on RocksDB with incremental checkpoints written under
     * {@code checkpoints}, as a production job checkpoints (for measurements of checkpoint sizes
     * and restores).
     */
    public static IndexHarness incrementalIndex(
            ShardIndexFunction fn, Path checkpoints, OperatorSubtaskState restoreFrom)
            throws Exception {
        var h = new IndexHarness(fn, 1, 0);
        h.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
        start(
                h,
                new EmbeddedRocksDBStateBackend(true),
                restoreFrom,
                PartialResultSerializer.INSTANCE);
        return h;
    }

    /** The index operator's harness, keyed by shard key on both inputs. */
    public static final class IndexHarness
            extends KeyedTwoInputStreamOperatorTestHarness<
                    String, ShardMutation, ShardQuery, PartialResult> {
        private IndexHarness(ShardIndexFunction fn, int parallelism, int subtask) throws Exception {
            super(
                    new ShardIndexOperator(fn),
                    ShardMutation::shardKey,
                    ShardQuery::shardKey,
                    Types.STRING,
                    MAX_PARALLELISM,
                    parallelism,
                    subtask);
        }
    }

    private static <OUT> void start(
            AbstractStreamOperatorTestHarness<OUT> h,
            StateBackend backend,
            OperatorSubtaskState restoreFrom,
            org.apache.flink.api.common.typeutils.TypeSerializer<OUT> out)
            throws Exception {
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
        h.setStateBackend(backend);
        h.setup(out);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
    }

    /**
     * {@code q} to every shard of its collection among {@code collections}, or of each if it names
     * none.
     */
    public static void fanOut(IndexHarness h, ShardQuery q, List<CollectionSpec> collections)
            throws Exception {
        for (CollectionSpec c : collections) {
            if (q.collection() == null || q.collection().equals(c.name())) {
                for (int s = 0; s < c.shards(); s++) {
                    h.processElement2(new StreamRecord<>(q.toShard(c.name(), s, c.shards())));
                }
            }
        }
    }

    /** Output values collected since the last drain, then forgets them. */
    @SuppressWarnings("unchecked")
    public static <OUT> List<OUT> drain(AbstractStreamOperatorTestHarness<OUT> h) {
        List<OUT> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                out.add((OUT) r.getValue());
            }
        }
        h.getOutput().clear();
        return out;
    }
}
