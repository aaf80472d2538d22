package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code capacity} points of a few named series sharing one time axis (unix seconds), laid
 * out as uPlot wants its data: one array of times and one array per series, null for a gap.
 */
final class TimeSeries {
    private final List<String> names;
    private final int capacity;
    private final ArrayDeque<double[]> times = new ArrayDeque<>();
    private final ArrayDeque<Double[]> rows = new ArrayDeque<>();

    TimeSeries(int capacity, List<String> names) {
        this.capacity = capacity;
        this.names = List.copyOf(names);
    }

    /** Appends one point; {@code values} in the order of the names, null for none. */
    void add(long atMillis, Double... values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException(
                    "expected " + names.size() + " values, got " + values.length);
        }
        times.addLast(new double[] {atMillis / 1000.0});
        rows.addLast(values.clone());
        while (times.size() > capacity) {
            times.removeFirst();
            rows.removeFirst();
        }
    }

    int size() {
        return times.size();
    }

    /** {@code {"t":[...], name:[...], ...}}. */
    void writeTo(ObjectNode out) {
        ArrayNode t = out.putArray("t");
        for (double[] x : times) {
            t.add(x[0]);
        }
        for (int i = 0; i < names.size(); i++) {
            ArrayNode col = out.putArray(names.get(i));
            for (Double[] row : rows) {
                if (row[i] == null) {
                    col.addNull();
                } else {
                    col.add(row[i]);
                }
            }
        }
    }
}
