package org.vectorindex.operators.model;

import java.util.Collections;
import java.util.Map;

/** Small shared helpers of the model classes. */
final class ModelMaps {
    private ModelMaps() {}

    /**
     * Read-only view of a map the caller hands over (the parser builds a fresh one per record, so
     * wrapping instead of copying saves an allocation per record).
     */
    static Map<String, String> readOnly(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("attribute and filter entries cannot be null");
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
