package org.vectorindex.jobs.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the per-query answers as JSON lines, {@code
 * {"system":"ours","ef":64,"query":0,"ids":[…]}}, with 0-based base ordinals best first, so anyone
 * can recompute recall from their own truth.
 */
public final class ResultsWriter implements AutoCloseable {
    private final Writer out;
    private final JsonFactory json = new JsonFactory();

    public ResultsWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** One line per query. */
    public void write(String system, int ef, int[][] idsPerQuery) throws IOException {
        for (int q = 0; q < idsPerQuery.length; q++) {
            JsonGenerator g = json.createGenerator(out);
            g.writeStartObject();
            g.writeStringField("system", system);
            g.writeNumberField("ef", ef);
            g.writeNumberField("query", q);
            g.writeArrayFieldStart("ids");
            for (int id : idsPerQuery[q]) {
                g.writeNumber(id);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
