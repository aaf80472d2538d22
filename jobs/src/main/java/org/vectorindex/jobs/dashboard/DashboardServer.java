package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The dashboard's HTTP server (the JDK's own): the page's fixed files, {@code GET /api/snapshot},
 * {@code GET /api/events} and {@code POST /api/query}. Everything else is 404. When bound to a
 * loopback address it answers only requests whose Host names a loopback host, so a web page
 * elsewhere cannot reach it by rebinding a DNS name to 127.0.0.1.
 */
final class DashboardServer implements AutoCloseable {
    private static final int MAX_QUERY_BYTES = 1 << 20;

    private final HttpServer server;
    private final ExecutorService threads;
    private final StaticFiles files = new StaticFiles();
    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<JsonNode> snapshot;
    private final EventHub events;
    private final Function<JsonNode, JsonNode> query;
    private final boolean loopback;

    /**
     * @param query takes a query box request and returns the reply (throws IllegalArgumentException
     *     on a bad request)
     */
    DashboardServer(
            InetAddress bind,
            int port,
            Supplier<JsonNode> snapshot,
            EventHub events,
            Function<JsonNode, JsonNode> query)
            throws IOException {
        this.snapshot = snapshot;
        this.events = events;
        this.query = query;
        this.loopback = bind.isLoopbackAddress();
        server = HttpServer.create(new InetSocketAddress(bind, port), 50);
        threads =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "dashboard-http");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The bound port (useful with port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("X-Frame-Options", "DENY");
            if (loopback && !loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
                send(ex, 403, "text/plain", "forbidden host\n");
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.equals("/api/query")) {
                if (!method.equals("POST")) {
                    send(ex, 405, "text/plain", "POST only\n");
                } else {
                    query(ex);
                }
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, "text/plain", "GET only\n");
                return;
            }
            switch (path) {
                case "/api/snapshot" ->
                        send(ex, 200, "application/json", json.writeValueAsString(snapshot.get()));
                case "/api/events" -> events.serve(ex);
                default -> {
                    StaticFiles.File f = files.get(path);
                    if (f == null) {
                        send(ex, 404, "text/plain", "not found\n");
                    } else {
                        send(ex, 200, f.contentType(), f.bytes());
                    }
                }
            }
        }
    }

    private void query(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        // JSON only: a cross-site form cannot send it without a CORS preflight, which fails here.
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            send(ex, 415, "text/plain", "application/json only\n");
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_QUERY_BYTES + 1);
        }
        if (body.length > MAX_QUERY_BYTES) {
            send(ex, 413, "text/plain", "too large\n");
            return;
        }
        try {
            JsonNode reply = query.apply(json.readTree(body));
            send(ex, 200, "application/json", json.writeValueAsString(reply));
        } catch (IllegalArgumentException | IOException e) {
            send(
                    ex,
                    400,
                    "application/json",
                    json.writeValueAsString(json.createObjectNode().put("error", e.getMessage())));
        }
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) {
            h = h.substring(0, colon);
        }
        return h.equals("localhost") || h.equals("[::1]") || h.startsWith("127.");
    }

    private static void send(HttpExchange ex, int status, String type, String body)
            throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        events.close();
        server.stop(0);
        threads.shutdownNow();
    }
}
