package org.vectorindex.jobs.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.embed.EmbeddedPassage;
import org.vectorindex.jobs.embed.EuroparlCorpus;
import org.vectorindex.jobs.embed.EuroparlEmbeddings;
import org.vectorindex.state.math.Metric;

/**
 * The demo's data set: documents to index and held-out queries (never among the documents), with
 * their text when there is one. Europarl sentences come embedded with all-MiniLM-L6-v2 through
 * {@link EuroparlEmbeddings} (cached on disk after the first run); an {@code .fvecs} file gives
 * vectors only, its first rows as documents and its last rows as queries.
 */
public final class DemoData {
    /** A document or query. {@code text} is null for vector-only data. */
    public record Item(String id, float[] vector, String text) {}

    private final String source;
    private final Metric metric;
    private final int dimension;
    private final List<Item> docs;
    private final List<Item> queries;
    private final Map<String, String> texts;

    DemoData(String source, Metric metric, List<Item> docs, List<Item> queries) {
        if (docs.isEmpty() || queries.isEmpty()) {
            throw new IllegalArgumentException(
                    "the demo needs at least one document and one query");
        }
        this.source = source;
        this.metric = metric;
        this.dimension = docs.get(0).vector().length;
        this.docs = Collections.unmodifiableList(docs);
        this.queries = Collections.unmodifiableList(queries);
        Map<String, String> t = new HashMap<>();
        for (Item i : docs) {
            if (i.text() != null) {
                t.put(i.id(), i.text());
            }
        }
        this.texts = t;
    }

    /**
     * The first {@code docs} English Europarl sentences and the first {@code queries} held-out
     * ones, embedded (or read from the cache in {@code cacheDir}).
     */
    public static DemoData europarl(int docs, int queries, Path cacheDir) {
        EuroparlEmbeddings emb =
                EuroparlEmbeddings.miniLm(EuroparlCorpus.Selection.ENGLISH_SENTENCES, cacheDir);
        Map<String, String> text = new HashMap<>();
        for (EuroparlCorpus.Passage p : emb.passages()) {
            text.put(p.id(), p.text());
        }
        return new DemoData(
                "europarl english sentences, all-MiniLM-L6-v2",
                Metric.COSINE,
                items(emb.documents(docs), text),
                items(emb.heldOut(queries), text));
    }

    private static List<Item> items(List<EmbeddedPassage> passages, Map<String, String> text) {
        List<Item> out = new ArrayList<>(passages.size());
        for (EmbeddedPassage p : passages) {
            // Keep only the sentence vector; the per-token vectors are for the multi-vector bench.
            out.add(new Item(p.id(), p.sentence(), text.get(p.id())));
        }
        return out;
    }

    /**
     * Rows {@code 0..docs-1} of {@code file} as documents (ids are row numbers) and its last {@code
     * queries} rows as queries; the file must have at least {@code docs + queries} rows.
     */
    public static DemoData fvecs(Path file, int docs, int queries, Metric metric)
            throws IOException {
        float[][] all = VectorFiles.readVectors(file, -1);
        if (all.length < docs + queries) {
            throw new IllegalArgumentException(
                    file
                            + " has "
                            + all.length
                            + " vectors; the demo needs --docs + --queries = "
                            + (docs + queries));
        }
        List<Item> d = new ArrayList<>(docs);
        for (int i = 0; i < docs; i++) {
            d.add(new Item(Integer.toString(i), all[i], null));
        }
        List<Item> q = new ArrayList<>(queries);
        for (int i = all.length - queries; i < all.length; i++) {
            q.add(new Item("row-" + i, all[i], null));
        }
        return new DemoData(file.getFileName().toString(), metric, d, q);
    }

    public String source() {
        return source;
    }

    public Metric metric() {
        return metric;
    }

    public int dimension() {
        return dimension;
    }

    public List<Item> docs() {
        return docs;
    }

    public List<Item> queries() {
        return queries;
    }

    public boolean hasText() {
        return !texts.isEmpty();
    }

    /** The text of document {@code id}, or null. */
    public String text(String id) {
        return texts.get(id);
    }
}
