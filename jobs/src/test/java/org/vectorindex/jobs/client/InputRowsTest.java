package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.format.FormatSettings;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.format.MutationParser;
import org.vectorindex.connectors.format.ParseResult;
import org.vectorindex.connectors.format.QueryParser;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.multivector.JsonlTokenCorpus;
import org.vectorindex.jobs.multivector.TokenCorpus.Doc;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryType;
import org.vectorindex.operators.model.RawRecord;

/**
 * The records {@code load} and {@code query} build from each kind of file are ones the job's own
 * parsers accept for the matching collection type, in JSON and in the binary envelope, and read
 * back unchanged.
 */
class InputRowsTest {
    private static final CollectionRegistry COLLECTIONS =
            CollectionsFile.parse(
                    "collections:\n"
                            + "  - {name: c, dimension: 2, metric: l2}\n"
                            + "  - {name: mv, type: multivector, dimension: 2, metric: cosine}\n",
                    false,
                    "test");
    private static final MutationParser MUTATIONS =
            new MutationParser(COLLECTIONS, FormatSettings.defaults());
    private static final QueryParser QUERIES =
            new QueryParser(COLLECTIONS, FormatSettings.defaults());

    @Test
    void jsonlRowsBecomeMultiVectorRecordsTheJobAccepts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docs.jsonl");
        JsonlTokenCorpus.write(
                file,
                List.of(
                        new Doc("doc-a", new float[][] {{0.1f, -2.5f}, {3f, 1e-7f}}),
                        new Doc("doc-b", new float[][] {{1f, 0f}})));
        InputRows rows = new InputRows.Source(file, true).read(-1);
        assertTrue(rows.multi());
        assertEquals(2, rows.size());
        assertEquals(3, rows.vectorCount());
        assertEquals(List.of("doc-a", "doc-b"), rows.fileIds());
        assertEquals(1, new InputRows.Source(file, true).read(1).size());

        Mutation up = rows.upsert(0, "mv", "doc-a");
        assertNull(up.vector());
        assertArrayEquals(new float[][] {{0.1f, -2.5f}, {3f, 1e-7f}}, up.vectors());
        assertEquals(up, mutation(InputRecords.json(up)));
        assertEquals(up, mutation(InputRecords.binary(up)));

        Query knn = rows.knn(1, "q-1", "mv", 5, 0);
        assertEquals(QueryType.KNN, knn.type());
        assertArrayEquals(new float[][] {{1f, 0f}}, knn.vectors());
        assertEquals(knn, query(InputRecords.json(knn)));
        assertEquals(knn, query(InputRecords.binary(knn)));

        Query sub = rows.subscribe(0, "s-0", "mv", 3, 64);
        assertEquals(QueryType.SUBSCRIBE, sub.type());
        assertEquals(64, sub.ef());
        assertEquals(sub, query(InputRecords.json(sub)));
        assertEquals(sub, query(InputRecords.binary(sub)));

        // The wrong kind of collection is the job's to reject, as a dead letter.
        assertFalse(MUTATIONS.parse(raw(InputRecords.json(rows.upsert(0, "c", "x")))).isOk());
    }

    @Test
    void fvecsRowsStaySingleVectorRecords(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("v.fvecs");
        VectorFiles.writeFvecs(file, new float[][] {{1f, 2f}, {3f, 4f}});
        InputRows rows = new InputRows.Source(file, false).read(-1);
        assertFalse(rows.multi());
        assertEquals(2, rows.size());
        assertThrows(IllegalStateException.class, rows::fileIds);
        Mutation up = rows.upsert(1, "c", "7");
        assertArrayEquals(new float[] {3f, 4f}, up.vector());
        assertNull(up.vectors());
        assertEquals(up, mutation(InputRecords.binary(up)));
        Query knn = rows.knn(0, "q-0", "c", 10, 0);
        assertArrayEquals(new float[] {1f, 2f}, knn.vector());
        assertEquals(knn, query(InputRecords.json(knn)));
    }

    private static Mutation mutation(byte[] value) {
        ParseResult<Mutation> r = MUTATIONS.parse(raw(value));
        assertTrue(r.isOk(), r.toString());
        return r.value();
    }

    private static Query query(byte[] value) {
        ParseResult<Query> r = QUERIES.parse(raw(value));
        assertTrue(r.isOk(), r.toString());
        return r.value();
    }

    private static RawRecord raw(byte[] value) {
        return new RawRecord("t", 0, 0, null, value);
    }
}
