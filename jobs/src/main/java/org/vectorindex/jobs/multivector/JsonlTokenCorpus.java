package org.vectorindex.jobs.multivector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * User-supplied data ({@code --docs-file F --queries-file G}): one JSON object per line, {@code
 * {"id":"…","vectors":[[…],…]}}. A malformed line fails with its file and line number.
 */
public final class JsonlTokenCorpus implements TokenCorpus {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path docsFile;
    private final Path queriesFile;

    public JsonlTokenCorpus(Path docsFile, Path queriesFile) {
        this.docsFile = docsFile;
        this.queriesFile = queriesFile;
    }

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

    static List<Doc> read(Path file, int limit) throws IOException {
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
        float[][] out = new float[vectors.size()][];
        for (int t = 0; t < out.length; t++) {
            JsonNode row = vectors.get(t);
            if (!row.isArray()) {
                throw new IllegalArgumentException("vector " + t + " is not an array");
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
}
