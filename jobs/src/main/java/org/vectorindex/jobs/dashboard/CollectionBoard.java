package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.StatsResult;

/**
 * The collections as declared (type, dimension, metric, shards; from the collections file when
 * given, else learnt from the results seen) and the newest stats answer of each: live vectors per
 * shard with digests.
 */
final class CollectionBoard {
    private record Known(CollectionSpec spec, StatsResult stats, long statsAtMillis) {}

    private final Map<String, Known> collections = new TreeMap<>();

    CollectionBoard(CollectionRegistry declared) {
        if (declared != null) {
            for (CollectionSpec c : declared.all()) {
                collections.put(c.name(), new Known(c, null, 0));
            }
        }
    }

    /** A collection named in a result; added when the collections file did not declare it. */
    void learn(String name) {
        if (name != null) {
            collections.putIfAbsent(name, new Known(null, null, 0));
        }
    }

    void stats(StatsResult st, long nowMillis) {
        Known k = collections.get(st.collection());
        collections.put(st.collection(), new Known(k == null ? null : k.spec(), st, nowMillis));
    }

    List<String> names() {
        return new ArrayList<>(collections.keySet());
    }

    /** The live-vector count of the newest stats answer, or -1 before one. */
    long liveVectors(String name) {
        Known k = collections.get(name);
        return k == null || k.stats() == null ? -1 : k.stats().totalSize();
    }

    void writeTo(ArrayNode out) {
        collections.forEach(
                (name, k) -> {
                    ObjectNode c = out.addObject();
                    c.put("name", name);
                    CollectionSpec spec = k.spec();
                    if (spec != null) {
                        c.put("type", spec.type().wireName());
                        c.put("dimension", spec.dimension());
                        c.put("metric", spec.metric().name().toLowerCase(Locale.ROOT));
                        c.put("shardCount", spec.shards());
                    }
                    StatsResult st = k.stats();
                    if (st == null) {
                        c.putNull("liveVectors");
                        c.putArray("shards");
                        return;
                    }
                    c.put("liveVectors", st.totalSize());
                    c.put("statsAtMillis", k.statsAtMillis());
                    ArrayNode shards = c.putArray("shards");
                    for (int s = 0; s < st.shardCount(); s++) {
                        shards.addObject()
                                .put("shard", s)
                                .put("size", st.size(s))
                                .put("digest", StatsResult.hex(st.digest(s)));
                    }
                });
    }
}
