package org.vectorindex.state.hnsw;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;

/**
 * A conjunction of attribute equalities ({@code {"lang":"en"}}), compiled to parallel arrays so
 * matching a record's attributes does not iterate a map or allocate. An {@link HnswIndex} answers
 * it from per-attribute postings over ordinals instead ({@link AttributePostings}).
 */
@Internal
public final class AttributeFilter {
    private final String[] keys;
    private final String[] values;

    private AttributeFilter(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** The compiled filter, or null when {@code filter} is empty (accepts everything). */
    public static AttributeFilter compile(Map<String, String> filter) {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        TreeMap<String, String> sorted = new TreeMap<>(filter);
        return new AttributeFilter(
                sorted.keySet().toArray(new String[0]), sorted.values().toArray(new String[0]));
    }

    /** Whether every equality holds in {@code attributes} (null: the record has none). */
    public boolean matches(Map<String, String> attributes) {
        if (attributes == null) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (!values[i].equals(attributes.get(keys[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The number of equalities. */
    int size() {
        return keys.length;
    }

    String key(int i) {
        return keys[i];
    }

    String value(int i) {
        return values[i];
    }
}
