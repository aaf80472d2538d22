package org.vectorindex.operators.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README quotes {@link OwnJobExample} exactly, so the documented code is the tested code. */
class ReadmeExampleTest {
    private static final String BEGIN = "// README example begins\n";
    private static final String END = "    // README example ends";

    @Test
    void readmeQuotesTheExampleVerbatim() throws IOException {
        String source =
                Files.readString(
                        Path.of(
                                "src/test/java/org/vectorindex/operators/example/OwnJobExample.java"));
        int from = source.indexOf(BEGIN);
        int to = source.indexOf(END);
        assertTrue(from > 0 && to > from, "markers in OwnJobExample");
        StringBuilder quoted = new StringBuilder();
        for (String line : source.substring(from + BEGIN.length(), to).split("\n", -1)) {
            quoted.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(
                readme.contains("```java\n" + quoted.toString().strip() + "\n```"),
                "README.md must quote OwnJobExample between its markers, unindented:\n" + quoted);
    }
}
