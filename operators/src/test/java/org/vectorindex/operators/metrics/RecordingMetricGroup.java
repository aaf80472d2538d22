package org.vectorindex.operators.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/** A metric group that keeps what is registered, by dotted path, so tests can read it back. */
final class RecordingMetricGroup extends UnregisteredMetricsGroup {
    private final Map<String, Metric> metrics;
    private final String prefix;

    RecordingMetricGroup() {
        this(new HashMap<>(), "");
    }

    private RecordingMetricGroup(Map<String, Metric> metrics, String prefix) {
        this.metrics = metrics;
        this.prefix = prefix;
    }

    @Override
    public MetricGroup addGroup(String name) {
        return new RecordingMetricGroup(metrics, prefix + name + ".");
    }

    @Override
    public Counter counter(String name) {
        return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        metrics.put(prefix + name, counter);
        return counter;
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        metrics.put(prefix + name, gauge);
        return gauge;
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
        metrics.put(prefix + name, histogram);
        return histogram;
    }

    long count(String path) {
        Metric m = metrics.get(path);
        if (m instanceof Counter c) {
            return c.getCount();
        }
        if (m instanceof Histogram h) {
            return h.getCount();
        }
        throw new AssertionError("no counter or histogram " + path + " in " + metrics.keySet());
    }

    Object gaugeValue(String path) {
        if (metrics.get(path) instanceof Gauge<?> g) {
            return g.getValue();
        }
        throw new AssertionError("no gauge " + path + " in " + metrics.keySet());
    }

    Histogram histogram(String path) {
        return (Histogram) metrics.get(path);
    }
}
