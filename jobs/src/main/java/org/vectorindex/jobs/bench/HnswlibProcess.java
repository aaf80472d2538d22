package org.vectorindex.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.vectorindex.state.math.Metric;

/**
 * hnswlib as a third system of {@code bench hnsw}: our script {@code hnswlib_bench.py}, shipped in
 * the jar, run by the Python that has Debian's {@code python3-hnswlib}, and driven over its stdin
 * and stdout so that its passes interleave with ours. The script times its own calls (hnswlib's C++
 * loops over the whole query set, one thread), so no per-query Python cost is counted.
 */
final class HnswlibProcess implements AutoCloseable {
    static final String NAME = "hnswlib";
    static final String INSTALL_HINT =
            "hnswlib column skipped: install Debian's package with 'apt-get install -y"
                    + " python3-hnswlib' (it is for /usr/bin/python3; a pyenv or venv python does"
                    + " not see it), or pass --hnswlib-python";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final DataOutputStream in;
    private final BufferedReader out;

    private HnswlibProcess(Process process) {
        this.process = process;
        this.in = new DataOutputStream(process.getOutputStream());
        this.out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * The running script, or empty (with the reason and the install hint logged) if it cannot run.
     */
    static Optional<HnswlibProcess> start(String python, PrintStream log) throws IOException {
        Path script = Files.createTempFile("hnswlib_bench", ".py");
        script.toFile().deleteOnExit();
        try (InputStream s = HnswlibProcess.class.getResourceAsStream("hnswlib_bench.py")) {
            Files.copy(s, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process p;
        try {
            p =
                    new ProcessBuilder(python, script.toString())
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
        } catch (IOException e) {
            log.println("cannot run " + python + ": " + e.getMessage());
            log.println(INSTALL_HINT);
            return Optional.empty();
        }
        HnswlibProcess h = new HnswlibProcess(p);
        JsonNode hello = h.readReply();
        if (hello == null || !hello.path("ready").asBoolean()) {
            log.println(
                    python + ": " + (hello == null ? "no answer" : hello.path("detail").asText()));
            log.println(INSTALL_HINT);
            h.close();
            return Optional.empty();
        }
        log.println("hnswlib: " + python + " (numpy " + hello.path("numpy").asText() + ")");
        return Optional.of(h);
    }

    /** Hands over the base and query vectors, exactly as the Java systems see them. */
    void load(float[][] base, float[][] queries) throws IOException {
        send("base", base);
        send("queries", queries);
    }

    /** Builds a fresh index over the first {@code n} base vectors; the script's timing. */
    Stopwatch.Sample build(int n, Metric metric, int m, int efConstruction, long seed)
            throws IOException {
        JsonNode r =
                command(
                        String.format(
                                Locale.ROOT,
                                "{\"op\":\"build\",\"n\":%d,\"metric\":\"%s\",\"m\":%d,"
                                        + "\"efConstruction\":%d,\"seed\":%d}",
                                n,
                                metric.name().toLowerCase(Locale.ROOT),
                                m,
                                efConstruction,
                                seed & 0x7fffffffL));
        return new Stopwatch.Sample(
                r.get("wallSeconds").asDouble(), r.get("cpuSeconds").asDouble(), 1);
    }

    /** One timed pass: every query, repeated for at least {@code minSeconds}. */
    SearchPass search(int ef, int k, int queries, double minSeconds) throws IOException {
        JsonNode r =
                command(
                        String.format(
                                Locale.ROOT,
                                "{\"op\":\"search\",\"ef\":%d,\"k\":%d,\"minSeconds\":%s}",
                                ef,
                                k,
                                Double.toString(minSeconds)));
        JsonNode ids = r.get("ids");
        int[][] answers = new int[queries][k];
        for (int q = 0; q < queries; q++) {
            for (int j = 0; j < k; j++) {
                answers[q][j] = ids.get(q * k + j).asInt();
            }
        }
        return new SearchPass(
                new Stopwatch.Sample(
                        r.get("wallSeconds").asDouble(),
                        r.get("cpuSeconds").asDouble(),
                        r.get("repeats").asInt()),
                answers);
    }

    private void send(String op, float[][] rows) throws IOException {
        in.write(("{\"op\":\"" + op + "\"}\n").getBytes(StandardCharsets.UTF_8));
        int dim = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer b =
                ByteBuffer.allocate(8 + 4 * rows.length * dim).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(rows.length).putInt(dim);
        for (float[] row : rows) {
            for (float x : row) {
                b.putFloat(x);
            }
        }
        in.write(b.array());
        in.flush();
        readReplyOrFail(op);
    }

    private JsonNode command(String json) throws IOException {
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        return readReplyOrFail(json);
    }

    private JsonNode readReplyOrFail(String what) throws IOException {
        JsonNode r = readReply();
        if (r == null || r.has("error")) {
            throw new IOException("hnswlib script failed on " + what + ": " + r);
        }
        return r;
    }

    private JsonNode readReply() throws IOException {
        String line = out.readLine();
        return line == null ? null : JSON.readTree(line);
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            try {
                in.write("{\"op\":\"quit\"}\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                // Already gone.
            }
        }
        process.destroy();
    }
}
