package org.vectorindex.operators.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The collections a job serves, by name, in declaration order. Serializable so parse and index
 * functions can carry it; immutable.
 */
@PublicEvolving
public final class CollectionRegistry implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, CollectionSpec> byName;

    private CollectionRegistry(LinkedHashMap<String, CollectionSpec> byName) {
        this.byName = byName;
    }

    /** Fails on an empty list or a name declared twice. */
    public static CollectionRegistry of(List<CollectionSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no collections declared");
        }
        LinkedHashMap<String, CollectionSpec> map = new LinkedHashMap<>();
        for (CollectionSpec s : specs) {
            if (map.putIfAbsent(s.name(), s) != null) {
                throw new IllegalArgumentException(
                        "collection '" + s.name() + "' is declared twice");
            }
        }
        return new CollectionRegistry(map);
    }

    public static CollectionRegistry of(CollectionSpec... specs) {
        return of(List.of(specs));
    }

    /** The collection of that name, or {@code null} if it is not declared. */
    public CollectionSpec get(String name) {
        return name == null ? null : byName.get(name);
    }

    /** The collection of that name; fails naming the declared ones. */
    public CollectionSpec require(String name) {
        CollectionSpec s = get(name);
        if (s == null) {
            throw new IllegalArgumentException(
                    "unknown collection '" + name + "'; declared: " + byName.keySet());
        }
        return s;
    }

    public List<CollectionSpec> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    public Map<String, CollectionSpec> asMap() {
        return Collections.unmodifiableMap(byName);
    }

    /** Sum of the shards of every collection: the number of distinct index keys. */
    public int totalShards() {
        int n = 0;
        for (CollectionSpec s : byName.values()) {
            n += s.shards();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CollectionRegistry && byName.equals(((CollectionRegistry) o).byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return "CollectionRegistry" + byName.values();
    }
}
