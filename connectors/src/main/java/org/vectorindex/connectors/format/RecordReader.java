package org.vectorindex.connectors.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.RejectReason;

/**
 * Shared machinery of the mutation and query parsers: the outer checks (empty, oversized, binary or
 * JSON), a streaming Jackson parser over the record's bytes (no tree, no data binding), typed field
 * readers that name the field at fault, and the vector checks against the collection.
 *
 * <p>Not thread-safe: one instance per Flink subtask. It reuses one float buffer across records, so
 * a vector costs exactly one exact-size array.
 */
abstract class RecordReader<T> {
    /**
     * NaN and Infinity are accepted as tokens only so they can be rejected with a precise reason
     * ("vector[3] is NaN") instead of a generic syntax error.
     */
    static final JsonFactory JSON =
            JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    final CollectionRegistry collections;
    final FormatSettings settings;
    private float[] buffer = new float[256];

    /** Outputs of {@link #resolveVectors}; fields rather than a holder object, one per record. */
    float[] resolvedVector;

    float[][] resolvedVectors;

    RecordReader(CollectionRegistry collections, FormatSettings settings) {
        this.collections = Objects.requireNonNull(collections, "collections are missing");
        this.settings = Objects.requireNonNull(settings, "format settings are missing");
    }

    /** What the record is, for messages: "mutation" or "query". */
    abstract String kind();

    /**
     * Reads the fields of the record object; the parser is positioned on its START_OBJECT. In
     * binary mode {@code payloadOffset} is where the vector payload starts in {@code value};
     * otherwise it is -1.
     */
    abstract T readObject(JsonParser p, RawRecord raw, byte[] value, int payloadOffset)
            throws IOException, Rejection;

    /** {@code value} stamped with {@code raw}'s partition and offset. */
    abstract T locate(T value, RawRecord raw);

    /** Parses one record; never throws. */
    public final ParseResult<T> parse(RawRecord raw) {
        try {
            return ParseResult.ok(parseOrReject(raw));
        } catch (Rejection r) {
            return ParseResult.rejected(DeadLetter.of(raw, r.reason, r.getMessage()));
        } catch (StreamReadException e) {
            String where =
                    e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            return ParseResult.rejected(
                    DeadLetter.of(raw, RejectReason.BAD_JSON, e.getOriginalMessage() + where));
        } catch (IOException e) {
            return ParseResult.rejected(
                    DeadLetter.of(raw, RejectReason.BAD_JSON, "unreadable " + kind() + ": " + e));
        } catch (RuntimeException e) {
            // a bug rather than bad input, but still never allowed to fail the job
            return ParseResult.rejected(
                    DeadLetter.of(raw, RejectReason.INVALID, "cannot parse " + kind() + ": " + e));
        }
    }

    private T parseOrReject(RawRecord raw) throws IOException, Rejection {
        byte[] value = raw.value();
        if (value == null || value.length == 0) {
            throw new Rejection(
                    RejectReason.EMPTY_RECORD,
                    value == null ? "record value is null (a tombstone)" : "record value is empty");
        }
        if (value.length > settings.maxRecordBytes()) {
            throw new Rejection(
                    RejectReason.OVERSIZED,
                    "record of "
                            + value.length
                            + " bytes exceeds the limit of "
                            + settings.maxRecordBytes());
        }
        int start = 0;
        int length = value.length;
        int payloadOffset = -1;
        if (BinaryEnvelope.isBinary(value)) {
            length = BinaryEnvelope.envelopeLength(value);
            start = BinaryEnvelope.HEADER_BYTES;
            payloadOffset = start + length;
        }
        try (JsonParser p = JSON.createParser(value, start, length)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new Rejection(
                        RejectReason.WRONG_TYPE,
                        "a " + kind() + " must be a JSON object, got " + describe(first));
            }
            T result = readObject(p, raw, value, payloadOffset);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new Rejection(
                        RejectReason.BAD_JSON,
                        "unexpected " + describe(trailing) + " after the end of the " + kind());
            }
            return locate(result, raw);
        }
    }

    /** Bit of a field in the seen-fields mask; rejects an unknown field or a duplicate. */
    static int markSeen(int seen, int bit, String field) throws Rejection {
        if ((seen & bit) != 0) {
            throw new Rejection(
                    RejectReason.DUPLICATE_FIELD, "field '" + field + "' appears more than once");
        }
        return seen | bit;
    }

    static Rejection unexpectedField(String field, String kind) {
        return new Rejection(
                RejectReason.UNEXPECTED_FIELD,
                "unknown field '" + FieldRules.clip(field) + "' in a " + kind);
    }

    static String readString(JsonParser p, String field) throws IOException, Rejection {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new Rejection(
                    RejectReason.WRONG_TYPE,
                    "'" + field + "' must be a string, got " + describe(p.currentToken()));
        }
        return p.getText();
    }

    /** An integer field, rejected with {@code rangeReason} outside {@code min..max}. */
    static int readInt(JsonParser p, String field, RejectReason rangeReason, int min, int max)
            throws IOException, Rejection {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new Rejection(
                    RejectReason.WRONG_TYPE,
                    "'" + field + "' must be an integer, got " + describe(p.currentToken()));
        }
        if (p.getNumberType() != JsonParser.NumberType.INT
                || p.getIntValue() < min
                || p.getIntValue() > max) {
            throw new Rejection(
                    rangeReason,
                    "'" + field + "' must be in " + min + ".." + max + ", got " + p.getText());
        }
        return p.getIntValue();
    }

    /**
     * An object of scalar values (strings, numbers or booleans kept as their text), bounded by the
     * field limits.
     */
    final Map<String, String> readStringMap(JsonParser p, String field)
            throws IOException, Rejection {
        FieldLimits limits = settings.fields();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new Rejection(
                    RejectReason.WRONG_TYPE,
                    "'" + field + "' must be an object, got " + describe(p.currentToken()));
        }
        Map<String, String> map = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            FieldRules.checkAttributeCount(field, map == null ? 0 : map.size(), limits);
            FieldRules.checkAttributeKey(field, name, limits);
            JsonToken t = p.nextToken();
            if (!t.isScalarValue() || t == JsonToken.VALUE_NULL) {
                throw new Rejection(
                        RejectReason.WRONG_TYPE,
                        "'"
                                + field
                                + "."
                                + FieldRules.clip(name)
                                + "' must be a string, number or boolean, got "
                                + describe(t));
            }
            String value = p.getText();
            FieldRules.checkAttributeValue(field + "." + FieldRules.clip(name), value, limits);
            if (map == null) {
                map = new LinkedHashMap<>();
            }
            if (map.put(name, value) != null) {
                throw new Rejection(
                        RejectReason.DUPLICATE_FIELD,
                        "field '"
                                + field
                                + "."
                                + FieldRules.clip(name)
                                + "' appears more than once");
            }
        }
        return map == null ? Map.of() : map;
    }

    /** A JSON array of numbers; NaN and infinities (as tokens or strings) are rejected by index. */
    final float[] readVector(JsonParser p, String field) throws IOException, Rejection {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new Rejection(
                    RejectReason.WRONG_TYPE,
                    "'"
                            + field
                            + "' must be an array of numbers, got "
                            + describe(p.currentToken()));
        }
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new Rejection(RejectReason.BAD_JSON, "'" + field + "' is not closed");
            }
            float x;
            if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                x = p.getFloatValue();
                if (Float.isNaN(x)) {
                    throw new Rejection(RejectReason.NON_FINITE, field + "[" + n + "] is NaN");
                }
                if (Float.isInfinite(x)) {
                    throw new Rejection(
                            RejectReason.NON_FINITE,
                            field + "[" + n + "] = " + p.getText() + " is not a finite float32");
                }
            } else if (t == JsonToken.VALUE_STRING && isNonFiniteName(p.getText())) {
                throw new Rejection(
                        RejectReason.NON_FINITE,
                        field
                                + "["
                                + n
                                + "] is the string \""
                                + p.getText()
                                + "\": NaN and infinities are not allowed");
            } else {
                throw new Rejection(
                        RejectReason.WRONG_TYPE,
                        field + "[" + n + "] must be a number, got " + describe(t));
            }
            if (n == buffer.length) {
                if (n >= CollectionSpec.MAX_DIMENSION) {
                    throw new Rejection(
                            RejectReason.WRONG_DIMENSION,
                            "'"
                                    + field
                                    + "' has more than "
                                    + CollectionSpec.MAX_DIMENSION
                                    + " components");
                }
                buffer = Arrays.copyOf(buffer, n * 2);
            }
            buffer[n++] = x;
        }
        return Arrays.copyOf(buffer, n);
    }

    /** A JSON array of token vectors, at most {@link FieldLimits#maxTokens}. */
    final float[][] readVectors(JsonParser p) throws IOException, Rejection {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new Rejection(
                    RejectReason.WRONG_TYPE,
                    "'vectors' must be an array of arrays, got " + describe(p.currentToken()));
        }
        float[][] rows = new float[8][];
        int n = 0;
        int max = settings.fields().maxTokens();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new Rejection(RejectReason.BAD_JSON, "'vectors' is not closed");
            }
            if (n == max) {
                throw new Rejection(
                        RejectReason.TOO_MANY_TOKENS,
                        "'vectors' holds more than "
                                + max
                                + " token vectors (vectorindex.format.max-tokens)");
            }
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, n * 2);
            }
            rows[n] = readVector(p, "vectors[" + n + "]");
            n++;
        }
        return n == rows.length ? rows : Arrays.copyOf(rows, n);
    }

    /** The declared collection of that name; rejects an unknown one. */
    final CollectionSpec collection(String name) throws Rejection {
        CollectionSpec spec = collections.get(name);
        if (spec == null) {
            throw new Rejection(
                    RejectReason.UNKNOWN_COLLECTION,
                    "collection '"
                            + FieldRules.clip(name)
                            + "' is not declared; known: "
                            + collections.asMap().keySet());
        }
        return spec;
    }

    /**
     * Checks the vector fields of an upsert, knn or subscribe against its collection, taking the
     * vectors from the binary payload in binary mode; returns the single vector or the token
     * vectors in {@link #resolvedVector} or {@link #resolvedVectors}.
     */
    final void resolveVectors(
            CollectionSpec spec, float[] vector, float[][] vectors, byte[] value, int payloadOffset)
            throws Rejection {
        if (payloadOffset >= 0) {
            if (vector != null || vectors != null) {
                throw new Rejection(
                        RejectReason.UNEXPECTED_FIELD,
                        "a binary record carries its vector after the envelope, not in it");
            }
            if (spec.isMultiVector()) {
                vectors = binaryTokens(spec, value, payloadOffset);
            } else {
                vector = binaryVector(spec, value, payloadOffset);
            }
        }
        if (spec.isMultiVector()) {
            checkTokens(spec, vector, vectors);
        } else {
            checkSingle(spec, vector, vectors);
        }
        resolvedVector = vector;
        resolvedVectors = vectors;
    }

    /** The token vectors of a binary payload: whole rows of the collection's dimension. */
    private float[][] binaryTokens(CollectionSpec spec, byte[] value, int payloadOffset)
            throws Rejection {
        int bytes = value.length - payloadOffset;
        int rowBytes = 4 * spec.dimension();
        if (bytes == 0 || bytes % rowBytes != 0) {
            throw new Rejection(
                    RejectReason.BAD_BINARY_VECTOR,
                    "payload of "
                            + bytes
                            + " bytes is not a positive multiple of "
                            + rowBytes
                            + " (dimension "
                            + spec.dimension()
                            + " x 4)");
        }
        int rows = bytes / rowBytes;
        VectorRules.checkTokenCount(spec, rows, settings.fields().maxTokens());
        float[][] vectors = new float[rows][];
        for (int i = 0; i < rows; i++) {
            vectors[i] =
                    BinaryEnvelope.readFloats(
                            value, payloadOffset + i * rowBytes, spec.dimension());
            VectorRules.checkFinite(vectors[i], "vectors[" + i + "]");
        }
        return vectors;
    }

    /** The single vector of a binary payload: exactly one row of the collection's dimension. */
    private static float[] binaryVector(CollectionSpec spec, byte[] value, int payloadOffset)
            throws Rejection {
        int bytes = value.length - payloadOffset;
        int rowBytes = 4 * spec.dimension();
        if (bytes != rowBytes) {
            throw new Rejection(
                    RejectReason.BAD_BINARY_VECTOR,
                    "payload of "
                            + bytes
                            + " bytes, expected "
                            + rowBytes
                            + " (dimension "
                            + spec.dimension()
                            + " x 4)");
        }
        float[] vector = BinaryEnvelope.readFloats(value, payloadOffset, spec.dimension());
        VectorRules.checkFinite(vector, "vector");
        return vector;
    }

    private void checkTokens(CollectionSpec spec, float[] vector, float[][] vectors)
            throws Rejection {
        if (vector != null) {
            throw new Rejection(
                    RejectReason.UNEXPECTED_FIELD,
                    "collection '"
                            + spec.name()
                            + "' is multivector: send \"vectors\", not \"vector\"");
        }
        if (vectors == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'vectors' is missing");
        }
        if (vectors.length == 0) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'vectors' is empty");
        }
        VectorRules.checkTokenCount(spec, vectors.length, settings.fields().maxTokens());
        for (int i = 0; i < vectors.length; i++) {
            VectorRules.checkShape(spec, vectors[i], "vectors[" + i + "]");
        }
    }

    private static void checkSingle(CollectionSpec spec, float[] vector, float[][] vectors)
            throws Rejection {
        if (vectors != null) {
            throw new Rejection(
                    RejectReason.UNEXPECTED_FIELD,
                    "collection '" + spec.name() + "' is hnsw: send \"vector\", not \"vectors\"");
        }
        if (vector == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "'vector' is missing");
        }
        VectorRules.checkShape(spec, vector, "vector");
    }

    private static boolean isNonFiniteName(String s) {
        switch (s) {
            case "NaN":
            case "nan":
            case "Infinity":
            case "+Infinity":
            case "-Infinity":
            case "Inf":
            case "-Inf":
            case "inf":
            case "-inf":
                return true;
            default:
                return false;
        }
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.toString();
        }
    }
}
