package org.vectorindex.connectors.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.Query;

/**
 * Encodes mutations and queries in the input formats, JSON or the binary envelope: what the {@code
 * load} and {@code query} commands produce and what tests feed the job. The parsers read back
 * exactly what these write.
 */
@Internal
public final class InputRecords {
    private InputRecords() {}

    /** Kafka key of a mutation or query: its id, UTF-8. */
    public static byte[] key(Mutation m) {
        return m.id().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] key(Query q) {
        return q.id().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] json(Mutation m) {
        return write(g -> writeMutation(g, m, true));
    }

    /** The binary envelope: the JSON without the vectors, then the vectors as float32 LE. */
    public static byte[] binary(Mutation m) {
        String envelope =
                new String(write(g -> writeMutation(g, m, false)), StandardCharsets.UTF_8);
        return m.vectors() != null
                ? BinaryEnvelope.encode(envelope, m.vectors())
                : BinaryEnvelope.encode(envelope, m.vector());
    }

    public static byte[] json(Query q) {
        return write(g -> writeQuery(g, q, true));
    }

    public static byte[] binary(Query q) {
        String envelope = new String(write(g -> writeQuery(g, q, false)), StandardCharsets.UTF_8);
        return q.vectors() != null
                ? BinaryEnvelope.encode(envelope, q.vectors())
                : BinaryEnvelope.encode(envelope, q.vector());
    }

    private static void writeMutation(JsonGenerator g, Mutation m, boolean withVectors)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("op", m.op().wireName());
        g.writeStringField("collection", m.collection());
        g.writeStringField("id", m.id());
        if (withVectors) {
            writeVectors(g, m.vector(), m.vectors());
        }
        if (m.op() == MutationOp.UPSERT && !m.attributes().isEmpty()) {
            writeMap(g, "attributes", m.attributes());
        }
        g.writeEndObject();
    }

    private static void writeQuery(JsonGenerator g, Query q, boolean withVectors)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("type", q.type().wireName());
        g.writeStringField(q.type().idField(), q.id());
        if (q.collection() != null) {
            g.writeStringField("collection", q.collection());
        }
        if (q.type().hasVector()) {
            if (withVectors) {
                writeVectors(g, q.vector(), q.vectors());
            }
            g.writeNumberField("k", q.k());
            if (q.ef() > 0) {
                g.writeNumberField("ef", q.ef());
            }
            if (!q.filter().isEmpty()) {
                writeMap(g, "filter", q.filter());
            }
        }
        if (q.targetId() != null) {
            g.writeStringField("id", q.targetId());
        }
        g.writeEndObject();
    }

    private static void writeVectors(JsonGenerator g, float[] vector, float[][] vectors)
            throws IOException {
        if (vector != null) {
            g.writeFieldName("vector");
            writeFloats(g, vector);
        } else if (vectors != null) {
            g.writeFieldName("vectors");
            g.writeStartArray();
            for (float[] row : vectors) {
                writeFloats(g, row);
            }
            g.writeEndArray();
        }
    }

    /** Shortest decimal that reads back as the same float32. */
    private static void writeFloats(JsonGenerator g, float[] v) throws IOException {
        g.writeStartArray();
        for (float x : v) {
            g.writeNumber(x);
        }
        g.writeEndArray();
    }

    private static void writeMap(JsonGenerator g, String field, Map<String, String> map)
            throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = RecordReader.JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
