package org.vectorindex.jobs.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.jobs.multivector.JsonlTokenCorpus;
import org.vectorindex.jobs.multivector.TokenCorpus.Doc;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;

/**
 * What {@code load} and {@code query} send, whichever file it came from: one vector per row of an
 * {@code .fvecs}/{@code .bvecs} file (records with {@code "vector"}, for HNSW collections) or one
 * token set per line of a JSONL file (records with {@code "vectors"}, for multi-vector
 * collections). Keeping the choice here lets both commands build their records without caring which
 * kind of collection they feed; the job rejects the wrong kind with a dead letter.
 */
final class InputRows {
    private final float[][] singles;
    private final List<Doc> multis;

    private InputRows(float[][] singles, List<Doc> multis) {
        this.singles = singles;
        this.multis = multis;
    }

    /**
     * The input file flag a command was given: exactly one of {@code --fvecs} or {@code --jsonl}.
     */
    record Source(Path path, boolean jsonl) {
        /**
         * @throws IllegalArgumentException naming both flags when neither or both were given
         */
        static Source of(String command, Flags f) {
            boolean fvecs = f.has("fvecs");
            boolean jsonl = f.has("jsonl");
            if (fvecs == jsonl) {
                throw new IllegalArgumentException(
                        command
                                + ": give exactly one of --fvecs FILE (one vector per row, hnsw"
                                + " collections) or --jsonl FILE (one {\"id\":…,\"vectors\":[[…],…]}"
                                + " per line, multivector collections)"
                                + (fvecs ? "; got both" : "; got neither"));
            }
            return new Source(f.path(jsonl ? "jsonl" : "fvecs"), jsonl);
        }

        /** Reads at most {@code limit} rows (all when {@code limit <= 0}). */
        InputRows read(int limit) throws IOException {
            if (!jsonl) {
                return new InputRows(VectorFiles.readVectors(path, limit), null);
            }
            List<Doc> docs = JsonlTokenCorpus.read(path, limit);
            if (docs.isEmpty()) {
                throw new IllegalArgumentException("--jsonl " + path + " holds no token sets");
            }
            return new InputRows(null, docs);
        }
    }

    static InputRows singles(float[][] vectors) {
        return new InputRows(vectors, null);
    }

    static InputRows multis(List<Doc> docs) {
        return new InputRows(null, List.copyOf(docs));
    }

    int size() {
        return singles != null ? singles.length : multis.size();
    }

    /** Components of single-vector row {@code row}. */
    int dimension(int row) {
        return singles[row].length;
    }

    /** Whether the rows are token sets (JSONL) rather than single vectors. */
    boolean multi() {
        return multis != null;
    }

    /** The ids a JSONL file gives its rows, checked to be distinct; fvecs rows have none. */
    List<String> fileIds() {
        if (multis == null) {
            throw new IllegalStateException("an .fvecs file has no ids; use --ids-from");
        }
        List<String> ids = new ArrayList<>(multis.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < multis.size(); i++) {
            String id = multis.get(i).id();
            Integer before = seen.putIfAbsent(id, i);
            if (before != null) {
                throw new IllegalArgumentException(
                        "id '" + id + "' appears in rows " + before + " and " + i + " of the file");
            }
            ids.add(id);
        }
        return ids;
    }

    /** Total token vectors (the row count for single vectors). */
    long vectorCount() {
        if (singles != null) {
            return singles.length;
        }
        long n = 0;
        for (Doc d : multis) {
            n += d.vectors().length;
        }
        return n;
    }

    Mutation upsert(int row, String collection, String id) {
        return singles != null
                ? Mutation.upsert(collection, id, singles[row], Map.of())
                : Mutation.upsertMulti(collection, id, multis.get(row).vectors(), Map.of());
    }

    Query knn(int row, String queryId, String collection, int k, int ef) {
        return singles != null
                ? Query.knn(queryId, collection, singles[row], k, ef, Map.of())
                : Query.knnMulti(queryId, collection, multis.get(row).vectors(), k, ef, Map.of());
    }

    Query subscribe(int row, String subscriptionId, String collection, int k, int ef) {
        return singles != null
                ? Query.subscribe(subscriptionId, collection, singles[row], k, ef, Map.of())
                : Query.subscribeMulti(
                        subscriptionId, collection, multis.get(row).vectors(), k, ef, Map.of());
    }
}
