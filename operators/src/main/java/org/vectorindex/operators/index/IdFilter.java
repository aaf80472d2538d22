package org.vectorindex.operators.index;

import java.util.Map;
import java.util.function.Predicate;

/**
 * An attribute filter turned into the id predicate the index's filtered search takes, reading the
 * shard's in-memory attributes. One instance is reused for every search: set {@link #filter} first,
 * so a search does not allocate a predicate.
 */
final class IdFilter implements Predicate<String> {
    private final Map<String, Map<String, String>> attributes;
    AttributeFilter filter;

    IdFilter(Map<String, Map<String, String>> attributes) {
        this.attributes = attributes;
    }

    @Override
    public boolean test(String id) {
        return filter == null || filter.matches(attributes.get(id));
    }
}
