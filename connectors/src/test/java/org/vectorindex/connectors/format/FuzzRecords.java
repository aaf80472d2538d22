package org.vectorindex.connectors.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of valid input records, for {@link InputFuzzTest}: a record is a list of JSON
 * fields, so fields can be deleted, duplicated or given hostile values (huge or multi-byte strings,
 * extreme numbers, deep nesting, wrong types, many entries); the rendered bytes may then be flipped
 * or truncated, or wrapped in a binary envelope with an arbitrary payload.
 */
final class FuzzRecords {
    static final String EUROS = "\u20ac".repeat(21_846); // 65,538 UTF-8 bytes
    static final String LONG = "x".repeat(70_000);

    private static final String[] EXTREME_NUMBERS = {
        "1e309",
        "-1e309",
        "1e-400",
        "-0",
        "0",
        "9223372036854775808",
        "-2147483649",
        "2147483648",
        "1.5",
        "1e2",
        "NaN",
        "Infinity",
        "-Infinity",
        "3" + "0".repeat(900),
        "0." + "1".repeat(2000),
        "1e99999999999"
    };

    /** One field of a record: its name and its value as JSON text. */
    record Field(String name, String json) {}

    private static final byte[] LONG_KEY = LONG.getBytes(StandardCharsets.UTF_8);

    private final Random rnd;

    /** How many of the records returned so far were changed from a valid one. */
    int mutated;

    FuzzRecords(long seed) {
        this.rnd = new Random(seed);
    }

    /** A mutated record of the mutations topic, as Kafka key and value. */
    byte[][] mutation(int i) {
        List<Field> f = new ArrayList<>();
        String id = "doc-" + rnd.nextInt(200);
        switch (rnd.nextInt(5)) {
            case 0 -> {
                f.add(new Field("op", str("delete")));
                f.add(new Field("collection", str("c")));
                f.add(new Field("id", str(id)));
            }
            case 1 -> {
                f.add(new Field("op", str("upsert")));
                f.add(new Field("collection", str("mv")));
                f.add(new Field("id", str(id)));
                f.add(new Field("vectors", matrix(1 + rnd.nextInt(4), 2)));
            }
            case 2 -> {
                f.add(new Field("op", str("upsert")));
                f.add(new Field("collection", str("cos")));
                f.add(new Field("id", str(id)));
                f.add(new Field("vector", vector(3)));
            }
            default -> {
                f.add(new Field("op", str("upsert")));
                f.add(new Field("collection", str("c")));
                f.add(new Field("id", str(id)));
                f.add(new Field("vector", vector(4)));
                f.add(new Field("attributes", "{\"lang\":\"en\",\"n\":" + rnd.nextInt(9) + "}"));
            }
        }
        return finish(f, id, i);
    }

    /** A mutated record of the queries topic, as Kafka key and value. */
    byte[][] query(int i) {
        List<Field> f = new ArrayList<>();
        String qid = "q-" + i;
        String sid = "s-" + rnd.nextInt(4);
        switch (rnd.nextInt(6)) {
            case 0 -> {
                f.add(new Field("type", str("subscribe")));
                f.add(new Field("subscriptionId", str(sid)));
                f.add(new Field("collection", str(rnd.nextBoolean() ? "c" : "cos")));
                f.add(new Field("vector", vector(rnd.nextBoolean() ? 4 : 3)));
                f.add(new Field("k", Integer.toString(1 + rnd.nextInt(5))));
            }
            case 1 -> {
                f.add(new Field("type", str("unsubscribe")));
                f.add(new Field("subscriptionId", str(sid)));
            }
            case 2 -> {
                f.add(new Field("type", str("stats")));
                f.add(new Field("queryId", str(qid)));
                f.add(new Field("collection", str("c")));
            }
            case 3 -> {
                f.add(new Field("type", str("knn")));
                f.add(new Field("queryId", str(qid)));
                f.add(new Field("collection", str("mv")));
                f.add(new Field("vectors", matrix(1 + rnd.nextInt(3), 2)));
                f.add(new Field("k", "3"));
            }
            default -> {
                f.add(new Field("type", str("knn")));
                f.add(new Field("queryId", str(qid)));
                f.add(new Field("collection", str("c")));
                f.add(new Field("vector", vector(4)));
                f.add(new Field("k", Integer.toString(1 + rnd.nextInt(20))));
                f.add(new Field("ef", Integer.toString(1 + rnd.nextInt(100))));
                f.add(new Field("filter", "{\"lang\":\"en\"}"));
            }
        }
        return finish(f, qid, i);
    }

    /** Applies one to three structural mutations, renders, then maybe a byte-level one. */
    private byte[][] finish(List<Field> f, String id, int i) {
        int structural = i % 10 == 0 ? 0 : 1 + rnd.nextInt(3); // a tenth stays valid
        for (int m = 0; m < structural; m++) {
            mutateFields(f);
        }
        byte[] value = render(f);
        boolean bytes = rnd.nextInt(4) == 0;
        if (bytes) {
            value = mutateBytes(value);
        }
        boolean binary = rnd.nextInt(8) == 0;
        if (binary) {
            value = envelope(f);
        }
        if (structural > 0 || bytes || binary) {
            mutated++;
        }
        return new byte[][] {key(id), value};
    }

    private void mutateFields(List<Field> f) {
        int at = f.isEmpty() ? 0 : rnd.nextInt(f.size());
        switch (rnd.nextInt(9)) {
            case 0 -> {
                if (!f.isEmpty()) {
                    f.remove(at);
                }
            }
            case 1 -> {
                if (!f.isEmpty()) {
                    f.add(rnd.nextInt(f.size() + 1), f.get(at));
                }
            }
            case 2 -> replace(f, at, hugeString());
            case 3 -> replace(f, at, EXTREME_NUMBERS[rnd.nextInt(EXTREME_NUMBERS.length)]);
            case 4 -> replace(f, at, nesting(1 + rnd.nextInt(3000)));
            case 5 ->
                    replace(
                            f,
                            at,
                            new String[] {"null", "true", "{}", "[]", "\"\"", "[1,"}
                                    [rnd.nextInt(6)]);
            case 6 -> f.add(new Field(rnd.nextBoolean() ? "attributes" : "filter", manyEntries()));
            case 7 -> f.add(new Field(rnd.nextBoolean() ? hugeString0() : "extra", "1"));
            default ->
                    replace(
                            f,
                            at,
                            rnd.nextBoolean()
                                    ? vector(rnd.nextInt(2000))
                                    : matrix(rnd.nextInt(600), 2));
        }
    }

    private void replace(List<Field> f, int at, String json) {
        if (!f.isEmpty()) {
            f.set(at, new Field(f.get(at).name(), json));
        }
    }

    /** Strings around writeUTF's 65,535-byte limit, and odd ones; rendered once, they are big. */
    private static final String[] HUGE = {
        EUROS,
        LONG,
        "\ud83d\ude00".repeat(16_384), // 4-byte UTF-8: 65,536 bytes
        "\ud800" + "a".repeat(600), // an unpaired surrogate
        "y".repeat(5000),
        "q\u0000\u001f\"\\"
    };

    private static final String[] HUGE_JSON =
            Arrays.stream(HUGE).map(FuzzRecords::str).toArray(String[]::new);

    private String hugeString() {
        return HUGE_JSON[rnd.nextInt(HUGE.length)];
    }

    private String hugeString0() {
        return HUGE[rnd.nextInt(HUGE.length)];
    }

    private String manyEntries() {
        int n = rnd.nextInt(200);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(str("k" + i)).append(':');
            sb.append(i == n / 2 && rnd.nextBoolean() ? str("y".repeat(5000)) : str("v" + i));
        }
        return sb.append('}').toString();
    }

    private static String nesting(int depth) {
        return (depth % 2 == 0)
                ? "[".repeat(depth) + "1" + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private byte[] mutateBytes(byte[] v) {
        byte[] out = v.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + rnd.nextInt(4); n > 0 && out.length > 0; n--) {
                    out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
                }
                return out;
            }
            case 1 -> {
                return Arrays.copyOf(out, out.length == 0 ? 0 : rnd.nextInt(out.length));
            }
            case 2 -> {
                return new byte[1 + rnd.nextInt(64)]; // zeros
            }
            default -> {
                if (rnd.nextInt(50) == 0) {
                    return new byte[(1 << 20) + rnd.nextInt(1 << 20)]; // over max-record-bytes
                }
                return (new String(out, StandardCharsets.UTF_8) + " ")
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** The fields without vectors as a binary envelope, with a payload of arbitrary length. */
    private byte[] envelope(List<Field> f) {
        List<Field> rest = new ArrayList<>();
        for (Field x : f) {
            if (!x.name().equals("vector") && !x.name().equals("vectors")) {
                rest.add(x);
            }
        }
        float[] payload = new float[rnd.nextInt(12)];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = rnd.nextInt(10) == 0 ? Float.NaN : rnd.nextFloat();
        }
        byte[] json = render(rest);
        byte[] out = BinaryEnvelope.encode(new String(json, StandardCharsets.UTF_8), payload);
        if (rnd.nextInt(5) == 0) {
            ByteBuffer.wrap(out, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(rnd.nextInt());
        }
        return out;
    }

    private byte[] key(String id) {
        return switch (rnd.nextInt(30)) {
            case 0, 1, 2, 3, 4 -> null;
            case 5, 6, 7 -> "other".getBytes(StandardCharsets.UTF_8);
            case 8 -> LONG_KEY;
            default -> id.getBytes(StandardCharsets.UTF_8);
        };
    }

    private String vector(int dim) {
        StringBuilder sb = new StringBuilder("[");
        for (int d = 0; d < dim; d++) {
            sb.append(d == 0 ? "" : ",").append(rnd.nextInt(20) - 10 + 0.5f);
        }
        return sb.append(']').toString();
    }

    private String matrix(int rows, int dim) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : ",").append(vector(dim));
        }
        return sb.append(']').toString();
    }

    private static byte[] render(List<Field> f) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < f.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(str(f.get(i).name())).append(':');
            sb.append(f.get(i).json());
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal; control characters stay raw, which the parser must reject. */
    private static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
