package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.Main;
import org.vectorindex.jobs.bench.io.VectorFiles;

/** Every client command fails within about 10 s, naming the address, when no broker answers. */
class UnreachableBrokerITCase {
    @TempDir Path tmp;

    @Test
    void clientCommandsFailFastNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String address = "127.0.0.1:" + port;
        Path vectors = tmp.resolve("v.fvecs");
        VectorFiles.writeFvecs(vectors, new float[][] {{1, 2}, {3, 4}});
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"topics", "--bootstrap-servers", address});
        commands.add(new String[] {"deadletters", "--bootstrap-servers", address});
        commands.add(
                new String[] {
                    "load",
                    "--bootstrap-servers",
                    address,
                    "--topic",
                    "m",
                    "--collection",
                    "c",
                    "--fvecs",
                    vectors.toString()
                });
        commands.add(
                new String[] {
                    "query",
                    "--bootstrap-servers",
                    address,
                    "--topic",
                    "q",
                    "--results-topic",
                    "r",
                    "--collection",
                    "c",
                    "--fvecs",
                    vectors.toString()
                });
        PrintStream saved = System.err;
        try {
            for (String[] args : commands) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                long start = System.nanoTime();
                int rc = Main.run(args);
                double seconds = (System.nanoTime() - start) / 1e9;
                String msg = err.toString(StandardCharsets.UTF_8);
                assertEquals(1, rc, args[0] + ": " + msg);
                assertTrue(msg.contains(address), args[0] + ": " + msg);
                assertTrue(seconds < 15, args[0] + " took " + seconds + " s");
            }
        } finally {
            System.setErr(saved);
        }
        assertTrue(Files.exists(vectors));
    }
}
