package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.vectorindex.jobs.cli.Command;

/**
 * Runs the {@code load} and {@code query} clients in-process for the client ITCases and keeps what
 * they print: {@link #printer()} gives the stream for the next command, {@link #run} runs it and
 * returns its output.
 */
final class ClientOutput {
    private ByteArrayOutputStream lastBuffer;

    /** A fresh stream for the command about to be built; {@link #run} returns what it got. */
    PrintStream printer() {
        lastBuffer = new ByteArrayOutputStream();
        return new PrintStream(lastBuffer, true, StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code cmd} (built with the last {@link #printer()}), requires exit 0, returns its
     * output.
     */
    String run(Command cmd, String... args) throws Exception {
        return runExpecting(0, cmd, args);
    }

    /** As {@link #run}, requiring exit code {@code expected}. */
    String runExpecting(int expected, Command cmd, String... args) throws Exception {
        ByteArrayOutputStream buf = lastBuffer;
        int code = cmd.run(List.of(args));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(expected, code, out);
        return out;
    }

    /** The last line of a command's output, which the clients print as a JSON summary. */
    static JsonNode lastJson(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    /** Waits until {@code buf} holds {@code text}; fails with the output after {@code timeout}. */
    static void awaitText(ByteArrayOutputStream buf, String text, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!buf.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no '" + text + "' in:\n" + buf.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
    }
}
