package org.vectorindex.connectors.format;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;

/**
 * Parses and validates records of the mutations topic (JSON or the binary envelope, see
 * connectors/FORMATS.md): {@code {"op":"upsert","collection":"c","id":"doc-1","vector":[...],
 * "attributes":{...}}} and {@code {"op":"delete","collection":"c","id":"doc-1"}}. Every problem
 * becomes a dead letter with a specific {@link RejectReason}; {@link #parse} never throws. One
 * instance per subtask (not thread-safe).
 */
@Internal
public final class MutationParser extends RecordReader<Mutation> {
    private static final int OP = 1;
    private static final int COLLECTION = 2;
    private static final int ID = 4;
    private static final int VECTOR = 8;
    private static final int VECTORS = 16;
    private static final int ATTRIBUTES = 32;

    public MutationParser(CollectionRegistry collections, FormatSettings settings) {
        super(collections, settings);
    }

    @Override
    String kind() {
        return "mutation";
    }

    @Override
    Mutation locate(Mutation value, RawRecord raw) {
        return value.at(raw.partition(), raw.offset());
    }

    @Override
    Mutation readObject(JsonParser p, RawRecord raw, byte[] value, int payloadOffset)
            throws IOException, Rejection {
        Fields f = readFields(p);
        if (f.op == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'op' is missing");
        }
        if (f.id == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'id' is missing");
        }
        if (f.id.isEmpty()) {
            throw new Rejection(RejectReason.EMPTY_ID, "'id' is empty");
        }
        FieldRules.checkId("id", f.id, settings.fields());
        if (f.collection == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'collection' is missing");
        }
        CollectionSpec spec = collection(f.collection);
        checkKey(raw.key(), f.id);
        if (f.op == MutationOp.DELETE) {
            return delete(f, value, payloadOffset);
        }
        resolveVectors(spec, f.vector, f.vectors, value, payloadOffset);
        return resolvedVector != null
                ? Mutation.upsert(f.collection, f.id, resolvedVector, f.attributes)
                : Mutation.upsertMulti(f.collection, f.id, resolvedVectors, f.attributes);
    }

    /** The fields of one record as read, before any check across fields. */
    private static final class Fields {
        MutationOp op;
        String collection;
        String id;
        float[] vector;
        float[][] vectors;
        Map<String, String> attributes;
    }

    private Fields readFields(JsonParser p) throws IOException, Rejection {
        Fields f = new Fields();
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            p.nextToken();
            seen = markSeen(seen, bit(field), field);
            switch (field) {
                case "op" -> f.op = op(readString(p, field));
                case "collection" -> f.collection = readString(p, field);
                case "id" -> f.id = readString(p, field);
                case "vector" -> f.vector = readVector(p, field);
                case "vectors" -> f.vectors = readVectors(p);
                case "attributes" -> f.attributes = readStringMap(p, field);
                default -> throw unexpectedField(field, kind());
            }
        }
        return f;
    }

    /** The bit of a known field, for {@link #markSeen}; 0 for an unknown one. */
    private static int bit(String field) {
        return switch (field) {
            case "op" -> OP;
            case "collection" -> COLLECTION;
            case "id" -> ID;
            case "vector" -> VECTOR;
            case "vectors" -> VECTORS;
            case "attributes" -> ATTRIBUTES;
            default -> 0;
        };
    }

    private static MutationOp op(String name) throws Rejection {
        MutationOp op = MutationOp.fromWireName(name);
        if (op == null) {
            throw new Rejection(
                    RejectReason.UNKNOWN_OP,
                    "unknown op '" + FieldRules.clip(name) + "': expected upsert or delete");
        }
        return op;
    }

    /** A delete: op, collection and id, nothing else. */
    private static Mutation delete(Fields f, byte[] value, int payloadOffset) throws Rejection {
        if (f.vector != null || f.vectors != null || f.attributes != null) {
            throw new Rejection(
                    RejectReason.UNEXPECTED_FIELD, "a delete carries only op, collection and id");
        }
        if (payloadOffset >= 0 && payloadOffset != value.length) {
            throw new Rejection(
                    RejectReason.BAD_BINARY_VECTOR, "a binary delete has no vector payload");
        }
        return Mutation.delete(f.collection, f.id);
    }

    /** The Kafka key, when set, must be the id (it partitions the topic by id). */
    private void checkKey(byte[] key, String id) throws Rejection {
        if (!settings.requireKeyMatchesId() || key == null || key.length == 0) {
            return;
        }
        if (!sameUtf8(key, id)) {
            throw new Rejection(
                    RejectReason.KEY_MISMATCH,
                    "Kafka key '"
                            + FieldRules.clip(new String(key, StandardCharsets.UTF_8))
                            + "' differs from id '"
                            + FieldRules.clip(id)
                            + "'");
        }
    }

    /** Compares without allocating for ASCII ids, the common case. */
    static boolean sameUtf8(byte[] bytes, String s) {
        if (bytes.length == s.length()) {
            boolean ascii = true;
            for (int i = 0; i < bytes.length; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || bytes[i] < 0) {
                    ascii = false;
                    break;
                }
                if (bytes[i] != c) {
                    return false;
                }
            }
            if (ascii) {
                return true;
            }
        }
        return s.equals(new String(bytes, StandardCharsets.UTF_8));
    }
}
