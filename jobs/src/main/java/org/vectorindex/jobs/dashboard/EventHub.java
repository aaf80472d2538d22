package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/events}: Server-Sent Events, one JSON object with a {@code type} per event. Each
 * client has a bounded queue; a client too slow to drain it is disconnected (its browser reconnects
 * and reloads the snapshot) rather than slowing everyone else or growing memory.
 */
final class EventHub implements AutoCloseable {
    static final int MAX_CLIENTS = 32;
    private static final int QUEUE = 2_000;
    private static final String CLOSE = "";
    private static final long KEEPALIVE_SECONDS = 15;

    private final ObjectMapper json = new ObjectMapper();
    private final Set<BlockingQueue<String>> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    void publish(ObjectNode event) {
        String text;
        try {
            text = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
        for (BlockingQueue<String> q : clients) {
            if (!q.offer(text)) {
                q.clear();
                q.offer(CLOSE);
            }
        }
    }

    int clients() {
        return clients.size();
    }

    /** Streams events to one client until it goes away or the hub closes. */
    void serve(HttpExchange ex) throws IOException {
        if (closed || clients.size() >= MAX_CLIENTS) {
            ex.sendResponseHeaders(503, -1);
            return;
        }
        BlockingQueue<String> q = new ArrayBlockingQueue<>(QUEUE);
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        clients.add(q);
        try (OutputStream out = ex.getResponseBody()) {
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!closed) {
                String e = q.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (e == CLOSE) {
                    break;
                }
                out.write(
                        (e == null ? ": keepalive\n\n" : "data: " + e + "\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            clients.remove(q);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (BlockingQueue<String> q : clients) {
            q.clear();
            q.offer(CLOSE);
        }
    }
}
