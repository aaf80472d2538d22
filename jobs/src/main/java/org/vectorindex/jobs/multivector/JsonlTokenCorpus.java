package org.vectorindex.jobs.multivector;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * User-supplied data ({@code --docs-file F --queries-file G}): one JSON object per line, {@code
 * {"id":"…","vectors":[[…],…]}}. A malformed line fails with its file and line number. The same
 * format feeds {@code load --jsonl} and {@code query --jsonl}, which read it with {@link #read}, so
 * one file serves the benchmark and the streaming job alike.
 */
public record JsonlTokenCorpus(Path docsFile, Path queriesFile) implements TokenCorpus {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String name() {
        return docsFile.getFileName().toString();
    }

    @Override
    public List<Doc> docs(int n) throws IOException {
        return read(docsFile, n);
    }

    @Override
    public List<Doc> queries(int q) throws IOException {
        return read(queriesFile, q);
    }

    /**
     * The first {@code limit} token sets of a JSONL file (all when {@code limit <= 0}), blank lines
     * skipped. Each needs a scalar {@code id} and at least one vector, all of one length; anything
     * else fails with an IllegalArgumentException naming the file and line.
     */
    public static List<Doc> read(Path file, int limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("token-set file not found: " + file);
        }
        List<Doc> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null && (limit <= 0 || out.size() < limit)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(parse(MAPPER.readTree(line)));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            file + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    static Doc parse(JsonNode node) {
        JsonNode id = node.get("id");
        if (id == null || !id.isValueNode()) {
            throw new IllegalArgumentException("\"id\" is missing");
        }
        JsonNode vectors = node.get("vectors");
        if (vectors == null || !vectors.isArray()) {
            throw new IllegalArgumentException("\"vectors\" must be an array of arrays");
        }
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("\"vectors\" is empty");
        }
        float[][] out = new float[vectors.size()][];
        for (int t = 0; t < out.length; t++) {
            JsonNode row = vectors.get(t);
            if (!row.isArray() || row.isEmpty()) {
                throw new IllegalArgumentException("vector " + t + " is not a non-empty array");
            }
            if (row.size() != vectors.get(0).size()) {
                throw new IllegalArgumentException(
                        "vector "
                                + t
                                + " has "
                                + row.size()
                                + " components, vector 0 has "
                                + vectors.get(0).size());
            }
            out[t] = new float[row.size()];
            for (int j = 0; j < out[t].length; j++) {
                JsonNode x = row.get(j);
                if (!x.isNumber()) {
                    throw new IllegalArgumentException(
                            "vector " + t + " component " + j + " is not a number");
                }
                out[t][j] = x.floatValue();
            }
        }
        return new Doc(id.asText(), out);
    }

    /** Writes token sets in the format {@link #read} reads; floats read back bit for bit. */
    public static void write(Path file, List<Doc> docs) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Doc d : docs) {
                w.write(line(d));
                w.newLine();
            }
        }
    }

    /** One line of the file: {@code {"id":"…","vectors":[[…],…]}}. */
    public static String line(Doc d) throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeArrayFieldStart("vectors");
            for (float[] row : d.vectors()) {
                g.writeStartArray();
                for (float x : row) {
                    g.writeNumber(x);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return sw.toString();
    }
}
