package org.vectorindex.connectors.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.RejectReason;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.model.UpdateCause;
import org.vectorindex.operators.model.VectorResult;

/**
 * JSON of the output topics (connectors/FORMATS.md), written with a streaming generator: results
 * {@code {"type":"result","queryId","collection","hits":[{"id","score"}],"tookMs"}}, updates {@code
 * {"type":"update","subscriptionId","version","hits","entered","left","cause":{"op","id"}}}, stats
 * {@code {"type":"stats","queryId","collection","size","shards":[{"shard","size","digest"}]}} and
 * dead letters {@code {"reason","detail","sourceTopic","partition","offset","key",
 * "keyBase64","valueBase64","keyLength","valueLength","truncated"}}. The readers, for clients and
 * tests, accept exactly what the writers produce.
 */
@Internal
public final class OutputJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputJson() {}

    public static byte[] write(ResultRecord r) {
        if (r instanceof QueryResult q) {
            return write(q);
        }
        if (r instanceof VectorResult v) {
            return write(v);
        }
        return r instanceof SubscriptionUpdate u ? write(u) : write((StatsResult) r);
    }

    /** The answer to a get; {@code "vector":null} when the id is not stored. */
    public static byte[] write(VectorResult r) {
        return InputRecords.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("type", "vector");
                    g.writeStringField("queryId", r.queryId());
                    g.writeStringField("collection", r.collection());
                    g.writeStringField("id", r.id());
                    if (r.vector() == null) {
                        g.writeNullField("vector");
                    } else {
                        g.writeArrayFieldStart("vector");
                        for (float x : r.vector()) {
                            g.writeNumber(x);
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                });
    }

    /** The digest travels as 16 hex digits: JSON numbers above 2^53 lose bits in many clients. */
    public static byte[] write(StatsResult r) {
        return InputRecords.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("type", "stats");
                    g.writeStringField("queryId", r.queryId());
                    g.writeStringField("collection", r.collection());
                    g.writeNumberField("size", r.totalSize());
                    g.writeArrayFieldStart("shards");
                    for (int s = 0; s < r.shardCount(); s++) {
                        g.writeStartObject();
                        g.writeNumberField("shard", s);
                        g.writeNumberField("size", r.size(s));
                        g.writeStringField("digest", StatsResult.hex(r.digest(s)));
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
    }

    public static byte[] write(QueryResult r) {
        return InputRecords.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("type", "result");
                    g.writeStringField("queryId", r.queryId());
                    g.writeStringField("collection", r.collection());
                    writeHits(g, r);
                    g.writeNumberField("tookMs", r.tookMs());
                    g.writeEndObject();
                });
    }

    public static byte[] write(SubscriptionUpdate u) {
        return InputRecords.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("type", "update");
                    g.writeStringField("subscriptionId", u.subscriptionId());
                    g.writeNumberField("version", u.version());
                    writeHits(g, u);
                    writeStrings(g, "entered", u.entered());
                    writeStrings(g, "left", u.left());
                    g.writeObjectFieldStart("cause");
                    g.writeStringField("op", u.causeOp().wireName());
                    g.writeStringField("id", u.causeId());
                    g.writeEndObject();
                    g.writeEndObject();
                });
    }

    public static byte[] write(DeadLetter d) {
        return write(d, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A dead letter whose copies of the original key and value are cut to at most {@code
     * maxKeyBytes} and {@code maxValueBytes}, and whose detail to {@code maxDetailChars}; {@code
     * keyLength}, {@code valueLength} and {@code truncated} tell whether and what was cut.
     */
    public static byte[] write(
            DeadLetter d, int maxKeyBytes, int maxValueBytes, int maxDetailChars) {
        byte[] key = cut(d.key(), maxKeyBytes);
        byte[] value = cut(d.value(), maxValueBytes);
        String detail = d.detail();
        if (detail.length() > maxDetailChars) {
            detail = detail.substring(0, maxDetailChars) + "...";
        }
        boolean truncated = key != d.key() || value != d.value();
        String keyText = key == null ? null : utf8OrNull(key);
        String detailText = detail;
        return InputRecords.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("reason", d.reason().code());
                    g.writeStringField("detail", detailText);
                    g.writeStringField("sourceTopic", d.sourceTopic());
                    g.writeNumberField("partition", d.partition());
                    g.writeNumberField("offset", d.offset());
                    if (keyText != null) {
                        g.writeStringField("key", keyText);
                    } else {
                        g.writeNullField("key");
                    }
                    writeBase64(g, "keyBase64", key);
                    writeBase64(g, "valueBase64", value);
                    writeLength(g, "keyLength", d.key());
                    writeLength(g, "valueLength", d.value());
                    g.writeBooleanField("truncated", truncated);
                    g.writeEndObject();
                });
    }

    /** The original value's length of a dead letter, or -1 when it had none. */
    public static int deadLetterValueLength(byte[] json) {
        JsonNode v = tree(json).get("valueLength");
        return v == null || v.isNull() ? -1 : v.intValue();
    }

    /** Whether a dead letter's copy of the key or value was cut. */
    public static boolean deadLetterTruncated(byte[] json) {
        JsonNode v = tree(json).get("truncated");
        return v != null && v.booleanValue();
    }

    /** The same array when it fits, else a cut copy. */
    private static byte[] cut(byte[] bytes, int max) {
        return bytes == null || bytes.length <= max
                ? bytes
                : Arrays.copyOf(bytes, Math.max(0, max));
    }

    private static void writeLength(JsonGenerator g, String field, byte[] bytes)
            throws IOException {
        if (bytes == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, bytes.length);
        }
    }

    /** Reads a result, an update, stats or a vector. */
    public static ResultRecord readResult(byte[] json) {
        JsonNode n = tree(json);
        String type = text(n, "type");
        if ("stats".equals(type)) {
            return readStats(n);
        }
        if ("vector".equals(type)) {
            return readVector(n);
        }
        String[] ids = new String[n.path("hits").size()];
        float[] scores = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            JsonNode h = n.get("hits").get(i);
            ids[i] = text(h, "id");
            scores[i] = h.get("score").floatValue();
        }
        if ("result".equals(type)) {
            return new QueryResult(
                    text(n, "queryId"),
                    text(n, "collection"),
                    ids,
                    scores,
                    n.get("tookMs").longValue());
        }
        if ("update".equals(type)) {
            JsonNode cause = n.get("cause");
            UpdateCause op = UpdateCause.fromWireName(text(cause, "op"));
            if (op == null) {
                throw new IllegalArgumentException("unknown cause op in " + n);
            }
            return new SubscriptionUpdate(
                    text(n, "subscriptionId"),
                    n.get("version").longValue(),
                    ids,
                    scores,
                    strings(n.get("entered")),
                    strings(n.get("left")),
                    op,
                    text(cause, "id"));
        }
        throw new IllegalArgumentException("not a result, update, stats or vector: " + n);
    }

    private static VectorResult readVector(JsonNode n) {
        JsonNode v = n.get("vector");
        float[] vector = null;
        if (v != null && v.isArray()) {
            vector = new float[v.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = v.get(i).floatValue();
            }
        }
        return new VectorResult(text(n, "queryId"), text(n, "collection"), text(n, "id"), vector);
    }

    private static StatsResult readStats(JsonNode n) {
        JsonNode shards = n.get("shards");
        if (shards == null || !shards.isArray() || shards.isEmpty()) {
            throw new IllegalArgumentException("'shards' is missing in " + n);
        }
        long[] sizes = new long[shards.size()];
        long[] digests = new long[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            JsonNode e = shards.get(s);
            if (e.path("shard").asInt(-1) != s) {
                throw new IllegalArgumentException("shards out of order in " + n);
            }
            sizes[s] = e.get("size").longValue();
            digests[s] = Long.parseUnsignedLong(text(e, "digest"), 16);
        }
        return new StatsResult(text(n, "queryId"), text(n, "collection"), sizes, digests);
    }

    public static DeadLetter readDeadLetter(byte[] json) {
        JsonNode n = tree(json);
        RejectReason reason = RejectReason.fromCode(text(n, "reason"));
        if (reason == null) {
            throw new IllegalArgumentException("unknown reason in " + n);
        }
        return new DeadLetter(
                reason,
                text(n, "detail"),
                text(n, "sourceTopic"),
                n.get("partition").intValue(),
                n.get("offset").longValue(),
                base64(n.get("keyBase64")),
                base64(n.get("valueBase64")));
    }

    private static void writeHits(JsonGenerator g, ResultRecord r) throws IOException {
        g.writeArrayFieldStart("hits");
        for (int i = 0; i < r.hitCount(); i++) {
            g.writeStartObject();
            g.writeStringField("id", r.hitId(i));
            g.writeNumberField("score", r.hitScore(i));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeStrings(JsonGenerator g, String field, String[] values)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeBase64(JsonGenerator g, String field, byte[] bytes)
            throws IOException {
        if (bytes == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** The bytes as text when they are valid UTF-8, else null; for people reading a topic. */
    public static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing in " + n);
        }
        return v.asText();
    }

    private static String[] strings(JsonNode array) {
        String[] s = new String[array.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = array.get(i).asText();
        }
        return s;
    }

    private static byte[] base64(JsonNode v) {
        return v == null || v.isNull() ? null : Base64.getDecoder().decode(v.asText());
    }
}
