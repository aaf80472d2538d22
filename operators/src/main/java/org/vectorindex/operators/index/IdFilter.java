package org.vectorindex.operators.index;

import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.hnsw.AttributeFilter;

/**
 * A query's attribute filter on one shard: an HNSW shard answers {@link #attributes()} from its
 * postings over ordinals; any other index tests ids, reading the shard's in-memory attributes. One
 * instance is reused for every search: set {@link #filter} first, so a search does not allocate a
 * predicate.
 */
@Internal
public final class IdFilter implements Predicate<String> {
    private final Map<String, Map<String, String>> attributes;
    AttributeFilter filter;

    IdFilter(Map<String, Map<String, String>> attributes) {
        this.attributes = attributes;
    }

    /** The compiled equalities, or null when the filter accepts everything. */
    public AttributeFilter attributes() {
        return filter;
    }

    @Override
    public boolean test(String id) {
        return filter == null || filter.matches(attributes.get(id));
    }
}
