package org.vectorindex.jobs.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the methods and constructors of a Java source and the lines they span, by matching braces
 * after comments and literals are blanked. A block counts as a method when the text before its
 * brace ends in {@code name(...)} or {@code name(...) throws ...} and is not a control statement, a
 * lambda or an anonymous class.
 */
final class MethodSpans {
    /** A method's name and its first (signature) and last (closing brace) lines, 1-based. */
    record Span(String name, int firstLine, int lastLine) {
        int lines() {
            return lastLine - firstLine + 1;
        }
    }

    private static final Pattern HEADER =
            Pattern.compile(
                    "(\\w+)\\s*\\((?:[^()]|\\([^()]*\\))*\\)\\s*(?:throws\\s+[\\w.<>,\\s]+)?$");
    private static final Pattern NOT_A_DECLARATION = Pattern.compile("(=|->|\\b(new|record)\\s*$)");
    private static final Set<String> KEYWORDS =
            Set.of("if", "for", "while", "switch", "catch", "synchronized", "try");

    private MethodSpans() {}

    static List<Span> of(String source) {
        String code = blankCommentsAndLiterals(source);
        List<Span> spans = new ArrayList<>();
        Deque<Integer> open = new ArrayDeque<>(); // a method's name offset, else -1
        Deque<String> names = new ArrayDeque<>();
        int headerStart = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                String raw = code.substring(headerStart, i);
                String header = raw.strip();
                Matcher m = HEADER.matcher(header);
                boolean method =
                        m.find()
                                && !KEYWORDS.contains(m.group(1))
                                && !NOT_A_DECLARATION
                                        .matcher(header.substring(0, m.start(1)))
                                        .find();
                int lead = raw.length() - raw.stripLeading().length();
                open.push(method ? headerStart + lead + m.start(1) : -1);
                names.push(method ? m.group(1) : "");
                headerStart = i + 1;
            } else if (c == '}') {
                int nameOffset = open.pop();
                String name = names.pop();
                if (nameOffset >= 0) {
                    spans.add(new Span(name, lineOf(code, nameOffset), lineOf(code, i)));
                }
                headerStart = i + 1;
            } else if (c == ';') {
                headerStart = i + 1;
            }
        }
        spans.sort((a, b) -> Integer.compare(a.firstLine(), b.firstLine()));
        return spans;
    }

    private static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The source with comments, strings, text blocks and chars replaced by spaces, lines kept. */
    static String blankCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2) + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = s.indexOf("\"\"\"", i + 3) + 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i);
                end = i + 1;
                while (s.charAt(end) != quote) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end++;
            } else {
                out.append(s.charAt(i++));
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(s.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }
}
