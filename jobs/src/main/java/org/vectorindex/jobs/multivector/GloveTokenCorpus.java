package org.vectorindex.jobs.multivector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GloVe word-set documents ({@code --corpus glove}): topic-mixture word sets built
 * deterministically from {@code ../shared/data/glove-100-angular-20k}, as {@link GloveWordSets}
 * describes. {@code --glove-dir} overrides the folder, {@code --seed} the document seed (queries
 * use seed + 1).
 */
public record GloveTokenCorpus(GloveWordSets sets, long seed) implements TokenCorpus {

    @Override
    public String name() {
        return "glove-word-sets";
    }

    @Override
    public List<Doc> docs(int n) {
        return convert(sets.documents(n <= 0 ? 10_000 : n, seed));
    }

    @Override
    public List<Doc> queries(int q) {
        return convert(sets.queries(q <= 0 ? 100 : q, seed + 1));
    }

    private static List<Doc> convert(List<GloveWordSets.WordSet> in) {
        List<Doc> out = new ArrayList<>(in.size());
        for (GloveWordSets.WordSet w : in) {
            out.add(new Doc(w.id(), w.vectors()));
        }
        return out;
    }

    /** Registered under {@code glove}. */
    public static final class Provider implements TokenCorpusProvider {
        @Override
        public String name() {
            return "glove";
        }

        @Override
        public TokenCorpus open(Map<String, String> options) throws Exception {
            Path dir =
                    options.containsKey("glove-dir")
                            ? Path.of(options.get("glove-dir"))
                            : GloveWordSets.locate();
            if (dir == null || !Files.isRegularFile(dir.resolve("vectors.fvecs"))) {
                throw new IllegalArgumentException(
                        "GloVe data not found: expected ../shared/data/"
                                + GloveWordSets.FOLDER
                                + " or --glove-dir DIR");
            }
            long seed = Long.parseLong(options.getOrDefault("seed", "1"));
            return new GloveTokenCorpus(GloveWordSets.load(dir), seed);
        }
    }
}
