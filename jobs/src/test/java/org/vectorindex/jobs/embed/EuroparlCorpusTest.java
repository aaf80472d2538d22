package org.vectorindex.jobs.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EuroparlCorpusTest {

    private static EuroparlCorpus corpus;

    @BeforeAll
    static void load() {
        corpus = EuroparlCorpus.load(EuroparlCorpusTest.class.getClassLoader());
    }

    @Test
    void readsEveryLineOfTheLuceneFile() {
        assertEquals(EuroparlCorpus.LINE_COUNT, corpus.lines().size());
        for (EuroparlCorpus.Line line : corpus.lines()) {
            assertFalse(line.text().isEmpty(), "line " + line.lineNumber());
        }
    }

    @Test
    void selectionsAreDeterministicAcrossLoads() {
        EuroparlCorpus again = EuroparlCorpus.load(EuroparlCorpusTest.class.getClassLoader());
        for (EuroparlCorpus.Selection s :
                List.of(
                        EuroparlCorpus.Selection.ENGLISH_SENTENCES,
                        EuroparlCorpus.Selection.ALL_SENTENCES,
                        EmbedCommand.selection("english-lines"))) {
            assertEquals(corpus.select(s), again.select(s), s.key());
        }
    }

    @Test
    void englishSentencesRespectTheFilterAndHaveUniqueIds() {
        EuroparlCorpus.Selection s = EuroparlCorpus.Selection.ENGLISH_SENTENCES;
        List<EuroparlCorpus.Passage> passages = corpus.select(s);
        // Enough for the demo plus the held-out queries.
        assertTrue(passages.size() > 3 * EuroparlEmbeddings.HELD_OUT, "" + passages.size());
        Set<String> ids = new HashSet<>();
        for (EuroparlCorpus.Passage p : passages) {
            assertTrue(ids.add(p.id()), "duplicate id " + p.id());
            int n = p.text().length();
            assertTrue(n >= s.minChars() && n <= s.maxChars(), p.id());
            assertTrue(EuroparlCorpus.looksEnglish(p.text()), p.text());
            assertFalse(p.text().contains("  "), "whitespace not normalised: " + p.text());
        }
    }

    @Test
    void allLanguageSentencesSufficeForTenThousandDocuments() {
        int n = corpus.select(EuroparlCorpus.Selection.ALL_SENTENCES).size();
        assertTrue(n >= 10_000 + EuroparlEmbeddings.HELD_OUT, "" + n);
        assertTrue(n > corpus.select(EuroparlCorpus.Selection.ENGLISH_SENTENCES).size());
    }

    @Test
    void sentencesDropTheCutFragmentsAtBothEnds() {
        assertEquals(
                List.of("First full one.", "Is it the \"second\" one?", "Third, 2004!"),
                EuroparlCorpus.sentences(
                        "of a cut sentence. First full one.   Is it the \"second\" one? Third,"
                                + " 2004! Cut tail"));
        assertEquals(List.of(), EuroparlCorpus.sentences("no boundary at all"));
    }

    @Test
    void englishDetectorSeparatesLanguages() {
        assertTrue(
                EuroparlCorpus.looksEnglish(
                        "The right to food is a basic and fundamental human right."));
        assertFalse(
                EuroparlCorpus.looksEnglish(
                        "Die Kommission hat den Vorschlag für eine Richtlinie vorgelegt."));
        assertFalse(
                EuroparlCorpus.looksEnglish(
                        "La Commission a présenté une proposition de directive au Conseil."));
        assertFalse(EuroparlCorpus.looksEnglish("1999 2000"));
    }

    @Test
    void rejectsBadSelectionsAndMalformedLines() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new EuroparlCorpus.Selection(EuroparlCorpus.Unit.LINE, false, 0, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EuroparlCorpus.Selection(EuroparlCorpus.Unit.LINE, false, 20, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EuroparlCorpus.Selection(null, false, 1, 10));
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> EuroparlCorpus.read(gzip("title\t2004-01-01\ttext\nonly\ttwo\n")));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void linesParseTitleDateAndText() throws IOException {
        EuroparlCorpus c = EuroparlCorpus.read(gzip("T1\t2004-01-01\t a b \n\nT2\t1999\tc\td\n"));
        assertEquals(
                List.of(
                        new EuroparlCorpus.Line(0, "T1", "2004-01-01", "a b"),
                        new EuroparlCorpus.Line(1, "T2", "1999", "c\td")),
                c.lines());
    }

    private static ByteArrayInputStream gzip(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
