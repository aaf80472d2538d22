package org.vectorindex.jobs.embed;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Run by {@link LeanJarITCase} in a child JVM whose class path is only the deployable jar and this
 * test's classes: a keyed job on a MiniCluster with RocksDB state proves that {@code local-lib/}
 * (found through the jar's manifest) supplies Flink and RocksDB. Prints the per-key sums.
 */
public final class LocalLibSmoke {
    private LocalLibSmoke() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<Long> out = new ArrayList<>();
        try (CloseableIterator<Long> it =
                env.fromSequence(1, 100)
                        .keyBy(v -> v % 2)
                        .process(new RunningSum())
                        .returns(Types.LONG)
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        long max = out.stream().mapToLong(Long::longValue).max().orElse(-1);
        System.out.println("local-lib smoke: " + out.size() + " sums, largest " + max);
    }

    /** Keeps a running sum per key in keyed state (so the state backend is really used). */
    private static final class RunningSum extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> sum;

        @Override
        public void open(OpenContext openContext) {
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
        }

        @Override
        public void processElement(Long v, Context ctx, Collector<Long> out) throws Exception {
            Long s = sum.value();
            long next = (s == null ? 0 : s) + v;
            sum.update(next);
            out.collect(next);
        }
    }
}
