package org.vectorindex.jobs.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A handful of invalid records the demo sends to show the dead-letter topic: each must come back
 * there with its reason while the job carries on (connectors/FORMATS.md lists the reasons).
 */
final class BadRecords {
    /** One bad record: which input topic it goes to, its bytes, and the reason to expect. */
    record Bad(boolean toQueries, String key, byte[] value, String expectedReason) {}

    private BadRecords() {}

    static List<Bad> forCollection(String collection, int dimension) {
        String c = "\"collection\":\"" + collection + "\"";
        return List.of(
                bad(
                        false,
                        "bad-json",
                        "{\"op\":\"upsert\"," + c + ",\"id\":\"bad-json\",\"vec",
                        "bad_json"),
                bad(
                        false,
                        "bad-dim",
                        "{\"op\":\"upsert\"," + c + ",\"id\":\"bad-dim\",\"vector\":[0.5,0.25]}",
                        "wrong_dimension"),
                bad(
                        false,
                        "bad-coll",
                        "{\"op\":\"upsert\",\"collection\":\"no-such-collection\",\"id\":\"bad-coll\","
                                + "\"vector\":[1.0]}",
                        "unknown_collection"),
                bad(
                        false,
                        "bad-nan",
                        "{\"op\":\"upsert\","
                                + c
                                + ",\"id\":\"bad-nan\",\"vector\":"
                                + vector(dimension, "NaN")
                                + "}",
                        "non_finite"),
                bad(
                        true,
                        "bad-k",
                        "{\"type\":\"knn\",\"queryId\":\"bad-k\","
                                + c
                                + ",\"vector\":"
                                + vector(dimension, "0.5")
                                + ",\"k\":0}",
                        "k_out_of_range"));
    }

    private static Bad bad(boolean toQueries, String key, String json, String reason) {
        return new Bad(toQueries, key, json.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static String vector(int dimension, String value) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dimension; i++) {
            sb.append(i == 0 ? "" : ",").append(i == 0 ? value : "0.5");
        }
        return sb.append(']').toString();
    }
}
