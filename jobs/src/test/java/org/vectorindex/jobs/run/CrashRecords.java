package org.vectorindex.jobs.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The eight single records that once put the job into a restart loop, each with the reason and a
 * part of the detail its dead letter must carry. {@link #REUSED_ID} must be open on {@link
 * #OTHER_COLLECTION} (2 shards) when the last one, a subscribe on the 4-shard collection, arrives.
 */
final class CrashRecords {
    private CrashRecords() {}

    static final String OTHER_COLLECTION = "c2";
    static final String REUSED_ID = "reused";

    /** The job's collections file with a second, 2-shard collection. */
    static final String COLLECTIONS_YAML =
            JobScenario.COLLECTIONS_YAML
                    + "  - {name: c2, dimension: 16, metric: l2, shards: 2, m: 8,"
                    + " efConstruction: 40, ef: 16}\n";

    /** Producer setting the 2 MB record needs. */
    static final String MAX_REQUEST_SIZE = Integer.toString(4 << 20);

    record Crash(BadRecords.Bad bad, String detail) {}

    static List<Crash> all(int dim) {
        String vec = Arrays.toString(BadRecords.ones(dim));
        String huge = "x".repeat(70_000);
        String euros = "\u20ac".repeat(21_846);
        List<Crash> out = new ArrayList<>();
        mutation(
                out,
                "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\""
                        + huge
                        + "\",\"vector\":"
                        + vec
                        + "}",
                "field_too_long",
                "'id' has 70000 UTF-8 bytes; the limit is 512");
        mutation(
                out,
                "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\""
                        + euros
                        + "\",\"vector\":"
                        + vec
                        + "}",
                "field_too_long",
                "'id' has 65538 UTF-8 bytes; the limit is 512");
        mutation(
                out,
                "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"big-attr\",\"vector\":"
                        + vec
                        + ",\"attributes\":{\"a\":\""
                        + huge
                        + "\"}}",
                "field_too_long",
                "'attributes.a' has 70000 UTF-8 bytes; the limit is 4096");
        String knn = "\"collection\":\"c\",\"vector\":" + vec + ",\"k\":3";
        query(
                out,
                "{\"type\":\"knn\",\"queryId\":\"" + huge + "\"," + knn + "}",
                "field_too_long",
                "'queryId' has 70000 UTF-8 bytes; the limit is 512");
        query(
                out,
                "{\"type\":\"knn\",\"queryId\":\"big-filter\","
                        + knn
                        + ",\"filter\":{\"f\":\""
                        + huge
                        + "\"}}",
                "field_too_long",
                "'filter.f' has 70000 UTF-8 bytes; the limit is 4096");
        byte[] twoMb = new byte[2_000_000];
        Arrays.fill(twoMb, (byte) ' ');
        twoMb[0] = '{';
        twoMb[twoMb.length - 1] = '}';
        out.add(
                new Crash(
                        new BadRecords.Bad(true, null, twoMb, "oversized"),
                        "record of 2000000 bytes exceeds the limit of 1048576"));
        StringBuilder wide =
                new StringBuilder(
                        "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"wide\",\"vector\":[");
        for (int i = 0; i < 64_000; i++) {
            wide.append(i == 0 ? "" : ",").append("0.1234567891");
        }
        mutation(
                out,
                wide.append("]}").toString(),
                "wrong_dimension",
                "'vector' has 64000 components; collection 'c' has dimension 16");
        query(
                out,
                "{\"type\":\"subscribe\",\"subscriptionId\":\"" + REUSED_ID + "\"," + knn + "}",
                "invalid",
                "subscriptionId is open on collection 'c2'");
        return out;
    }

    private static void mutation(List<Crash> out, String json, String reason, String detail) {
        out.add(new Crash(new BadRecords.Bad(true, null, BadRecords.bytes(json), reason), detail));
    }

    private static void query(List<Crash> out, String json, String reason, String detail) {
        out.add(
                new Crash(
                        new BadRecords.Bad(
                                false, BadRecords.bytes("q"), BadRecords.bytes(json), reason),
                        detail));
    }
}
