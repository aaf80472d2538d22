package org.vectorindex.jobs.run;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.operators.model.Mutation;

/** Bad input records of many kinds, each with the reason code the job must give it. */
final class BadRecords {
    private BadRecords() {}

    /** Max record size the tests run the job with. */
    static final int MAX_BYTES = 8192;

    /** One bad record; a null key or value is sent as such. */
    record Bad(boolean mutation, byte[] key, byte[] value, String reason) {}

    static List<Bad> all(int dim) {
        List<Bad> out = new ArrayList<>();
        String vec = Arrays.toString(ones(dim));
        String up = "{\"op\":\"upsert\",\"collection\":\"c\",\"id\":\"x\",";
        m(out, "x", "{\"op\":\"upsert\"", "bad_json");
        m(out, "x", "{\"collection\":\"c\",\"id\":\"x\"}", "missing_field");
        m(out, "x", up + "\"vector\":\"nope\"}", "wrong_type");
        m(out, "x", up + "\"vector\":" + vec + ",\"extra\":1}", "unexpected_field");
        m(out, "x", up + "\"vector\":" + vec + ",\"id\":\"y\"}", "duplicate_field");
        m(out, "", "{\"op\":\"delete\",\"collection\":\"c\",\"id\":\"\"}", "empty_id");
        m(out, "other", up + "\"vector\":" + vec + "}", "key_mismatch");
        m(
                out,
                "x",
                "{\"op\":\"delete\",\"collection\":\"zzz\",\"id\":\"x\"}",
                "unknown_collection");
        m(out, "x", "{\"op\":\"replace\",\"collection\":\"c\",\"id\":\"x\"}", "unknown_op");
        m(out, "x", up + "\"vector\":[1,2,3]}", "wrong_dimension");
        m(out, "x", up + "\"vector\":" + vec.replaceFirst("1\\.0", "NaN") + "}", "non_finite");
        byte[] binary = InputRecords.binary(Mutation.upsert("c", "bin", ones(dim), null));
        out.add(new Bad(true, null, Arrays.copyOf(binary, binary.length - 4), "bad_binary_vector"));
        out.add(new Bad(true, null, Arrays.copyOf(binary, 7), "bad_binary_envelope"));
        out.add(new Bad(true, bytes("e"), null, "empty_record"));
        String knn =
                "{\"type\":\"knn\",\"queryId\":\"bad\",\"collection\":\"c\",\"vector\":"
                        + vec
                        + ",";
        q(out, knn + "\"k\":0}", "k_out_of_range");
        q(out, knn + "\"k\":1001}", "k_out_of_range");
        q(out, knn + "\"k\":10,\"ef\":0}", "ef_out_of_range");
        q(out, "{\"type\":\"nearest\",\"queryId\":\"q\"}", "unknown_query_type");
        q(out, "{\"type\":\"unsubscribe\"}", "missing_field");
        q(out, knn + "\"k\":5,\"filter\":{\"a\":\"1\",\"a\":\"2\"}}", "duplicate_field");
        q(out, "not json at all", "bad_json");
        out.add(new Bad(false, bytes("big"), new byte[MAX_BYTES + 1], "oversized"));
        return out;
    }

    private static void m(List<Bad> out, String key, String value, String reason) {
        out.add(new Bad(true, key.isEmpty() ? null : bytes(key), bytes(value), reason));
    }

    private static void q(List<Bad> out, String value, String reason) {
        out.add(new Bad(false, bytes("q"), bytes(value), reason));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static float[] ones(int dim) {
        float[] v = new float[dim];
        Arrays.fill(v, 1f);
        return v;
    }
}
