package org.vectorindex.jobs.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Main code stays readable: no source file over 500 lines, no method over 80. */
class SourceSizeTest {
    private static final int MAX_FILE_LINES = 500;
    private static final int MAX_METHOD_LINES = 80;
    private static final List<String> MODULES = List.of("state", "operators", "connectors", "jobs");

    @Test
    void mainSourcesStayWithinTheLimits() throws IOException {
        List<Path> files = mainSources();
        assertTrue(files.size() > 100, "found only " + files.size() + " main sources");
        List<String> over = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            int lines = text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0);
            if (lines > MAX_FILE_LINES) {
                over.add(file + ": " + lines + " lines");
            }
            for (MethodSpans.Span m : MethodSpans.of(text)) {
                if (m.lines() > MAX_METHOD_LINES) {
                    over.add(file + ":" + m.firstLine() + " " + m.name() + ": " + m.lines());
                }
            }
        }
        assertEquals(List.of(), over, "over " + MAX_FILE_LINES + " or " + MAX_METHOD_LINES);
    }

    @Test
    void theScannerMeasuresMethodsAndSkipsWhatIsNotOne() {
        String body = "        x++;\n".repeat(79);
        String source =
                "class A {\n"
                        + "    /** { not code } */\n"
                        + "    void longOne(int a)\n"
                        + "            throws Exception {\n"
                        + body
                        + "    }\n"
                        + "    int shortOne() {\n"
                        + "        String s = \"}{\";\n"
                        + "        Runnable r = () -> {\n"
                        + "            if (s.isEmpty()) {}\n"
                        + "        };\n"
                        + "        return new Object() {}.hashCode();\n"
                        + "    }\n"
                        + "}\n";
        List<MethodSpans.Span> spans = MethodSpans.of(source);
        assertEquals(
                List.of(
                        new MethodSpans.Span("longOne", 3, 84),
                        new MethodSpans.Span("shortOne", 85, 91)),
                spans);
        assertEquals(82, spans.get(0).lines());
    }

    private static List<Path> mainSources() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path repo = Files.isDirectory(root.resolve("state")) ? root : root.getParent();
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> s = Files.walk(repo.resolve(module).resolve("src/main/java"))) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
