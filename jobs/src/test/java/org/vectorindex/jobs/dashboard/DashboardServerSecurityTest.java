package org.vectorindex.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server listens where it is told and nowhere else (127.0.0.1 by default), and serves its few
 * fixed files and API paths only: no request path, however encoded, reaches another file. Every
 * probe goes to loopback addresses of this machine.
 */
class DashboardServerSecurityTest {

    private static DashboardServer server(String bind) throws IOException {
        return new DashboardServer(
                InetAddress.getByName(bind),
                0,
                () -> JsonNodeFactory.instance.objectNode().put("ok", true),
                new EventHub(),
                req -> req);
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        Dashboard.Options defaults = DashboardCommand.parse(List.of("--bootstrap-servers", "x:1"));
        assertEquals("127.0.0.1", defaults.bind());
        assertEquals(8090, defaults.port());
        assertNull(Dashboard.bindWarning(defaults.bind()), "no warning for the default");
        try (DashboardServer s = server(defaults.bind())) {
            assertEquals("127.0.0.1", s.address().getAddress().getHostAddress(), "not a wildcard");
            assertTrue(get("127.0.0.1", s.port(), "/api/snapshot").startsWith("HTTP/1.1 200"));
            // A wildcard listener would answer on every address, 127.0.0.2 included.
            assertThrows(ConnectException.class, () -> get("127.0.0.2", s.port(), "/"));
            assertThrows(SocketException.class, () -> get("::1", s.port(), "/"), "nor on ::1");
        }
    }

    @Test
    void anotherBindAddressIsWarnedAboutAndHonoured() throws Exception {
        String warning = Dashboard.bindWarning("127.0.0.2");
        assertTrue(warning != null && warning.contains("127.0.0.2"), String.valueOf(warning));
        try (DashboardServer s = server("127.0.0.2")) {
            assertTrue(get("127.0.0.2", s.port(), "/").startsWith("HTTP/1.1 200"));
            assertThrows(ConnectException.class, () -> get("127.0.0.1", s.port(), "/"));
        }
    }

    @Test
    void servesNoFileOutsideItsOwn() throws Exception {
        try (DashboardServer s = server("127.0.0.1")) {
            for (String ok : List.of("/", "/app.js", "/app.css", "/vendor/uPlot.iife.min.js")) {
                assertTrue(get("127.0.0.1", s.port(), ok).startsWith("HTTP/1.1 200"), ok);
            }
            for (String bad :
                    List.of(
                            "/../../../../etc/passwd",
                            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                            "/vendor/../../../../etc/passwd",
                            "/vendor/..%2f..%2f..%2fetc%2fpasswd",
                            "/app.js/../../pom.xml",
                            "//etc/passwd",
                            "/..%5c..%5cetc%5cpasswd",
                            "/index.html",
                            "/org/vectorindex/jobs/dashboard/app.js",
                            "/META-INF/MANIFEST.MF",
                            "/META-INF/resources/webjars/uplot/1.6.30/package.json",
                            "/vendor/uPlot.iife.min.js%00.html",
                            "/org/vectorindex/jobs/dashboard/Dashboard.class",
                            "/api/snapshot/../../etc/passwd")) {
                String response = get("127.0.0.1", s.port(), bad);
                assertTrue(
                        response.startsWith("HTTP/1.1 404") || response.startsWith("HTTP/1.1 400"),
                        bad + " -> " + response.lines().findFirst().orElse(""));
                assertFalse(response.contains("root:"), bad);
                assertFalse(response.contains("<project"), bad);
            }
        }
    }

    @Test
    void refusesForeignHostsAndNonJsonPosts() throws Exception {
        try (DashboardServer s = server("127.0.0.1")) {
            String rebound =
                    raw("127.0.0.1", s.port(), "GET / HTTP/1.1\r\nHost: evil.example:80\r\n");
            assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
            String form =
                    raw(
                            "127.0.0.1",
                            s.port(),
                            "POST /api/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                                    + " application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b");
            assertTrue(form.startsWith("HTTP/1.1 415"), form);
        }
    }

    /** A raw GET, so the path reaches the server exactly as written (no client normalising). */
    private static String get(String host, int port, String path) throws IOException {
        return raw(host, port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
    }

    private static String raw(String host, int port, String head) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            String request = head.contains("\r\n\r\n") ? head : head + "Connection: close\r\n\r\n";
            if (!request.contains("Connection: close")) {
                request = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
            }
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
