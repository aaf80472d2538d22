package org.vectorindex.state.keyed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.IndexMeta;
import org.vectorindex.state.hnsw.NodeRecord;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.DistanceKernels;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.testing.ClusteredData;

/**
 * Builds the same seeded indexes in whatever JVM runs it and prints their digests, so that {@link
 * KernelDigestTest} can compare JVMs on different distance kernels. {@code main(dir)} also writes
 * each float index's durable image to {@code dir}, for a restore on the other kernel.
 */
public final class KernelDigestProbe {
    /** Name, dimension (odd and even, below and above 16 lanes) and metric of each index. */
    static final Object[][] INDEXES = {
        {"l2-37", 37, Metric.L2, false},
        {"cosine-100", 100, Metric.COSINE, false},
        {"dot-129", 129, Metric.DOT, false},
        {"l2-784", 784, Metric.L2, false},
        {"int8-cosine-64", 64, Metric.COSINE, true},
        {"int8-l2-37", 37, Metric.L2, true}
    };

    private KernelDigestProbe() {}

    /** Graph digest and a digest of search answers (ids and score bits) per index. */
    static Map<String, String> digests(Path imageDir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("kernel", DistanceKernels.active().name());
        for (Object[] spec : INDEXES) {
            String name = (String) spec[0];
            HnswIndex index = build((int) spec[1], (Metric) spec[2], (boolean) spec[3]);
            out.put(name, digest(index, (int) spec[1]));
            if (imageDir != null && !(boolean) spec[3]) {
                writeImage(index, imageDir.resolve(name));
            }
        }
        return out;
    }

    static HnswIndex build(int dim, Metric metric, boolean int8) {
        HnswConfig.Builder b =
                HnswConfig.builder().dimension(dim).metric(metric).m(8).efConstruction(60);
        // INT8 under L2 is an INT8 collection's affine codes; under cosine the unit codes
        HnswIndex index =
                !int8
                        ? new HnswIndex(b.build())
                        : new HnswIndex(b.storedEncoding(StoredEncoding.INT8).build());
        float[][] data = ClusteredData.generate(1400, dim, 10, dim);
        for (int i = 0; i < 1200; i++) {
            index.upsert("id" + i, data[i]);
            if (i % 7 == 0) {
                index.delete("id" + (i / 2));
            }
            if (i % 11 == 0) {
                index.upsert("id" + (i / 3), data[1200 + i % 200]);
            }
        }
        return index;
    }

    static String digest(HnswIndex index, int dim) {
        long h = index.graphDigest();
        for (float[] q : ClusteredData.generate(20, dim, 10, dim + 1)) {
            List<SearchHit> hits = index.search(q, 10, 40);
            for (SearchHit hit : hits) {
                h = h * 31 + hit.id().hashCode();
                h = h * 31 + Float.floatToRawIntBits(hit.score());
            }
        }
        return String.format(Locale.ROOT, "%016x/%016x", index.graphDigest(), h);
    }

    static void writeImage(HnswIndex index, Path file) throws IOException {
        try (DataOutputStream raw =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            DataOutputViewStreamWrapper out = new DataOutputViewStreamWrapper(raw);
            IndexMeta meta = index.meta();
            IndexMetaSerializer.INSTANCE.serialize(meta, out);
            for (int o = 0; o < meta.ordinalLimit(); o++) {
                NodeRecord r = index.nodeRecord(o);
                out.writeBoolean(r != null);
                if (r != null) {
                    NodeRecordSerializer.INSTANCE.serialize(r, out);
                    LinksSerializer.INSTANCE.serialize(index.links(o), out);
                }
            }
        }
    }

    static HnswIndex readImage(Path file) throws IOException {
        try (DataInputStream raw =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            DataInputViewStreamWrapper in = new DataInputViewStreamWrapper(raw);
            IndexMeta meta = IndexMetaSerializer.INSTANCE.deserialize(in);
            Map<Integer, NodeRecord> nodes = new HashMap<>();
            Map<Integer, int[][]> links = new HashMap<>();
            for (int o = 0; o < meta.ordinalLimit(); o++) {
                if (in.readBoolean()) {
                    nodes.put(o, NodeRecordSerializer.INSTANCE.deserialize(in));
                    links.put(o, LinksSerializer.INSTANCE.deserialize(in));
                }
            }
            return HnswIndex.restore(meta.config(), meta, nodes, links);
        }
    }

    /** Prints {@code key=value} lines: the kernel, then each index's digests. */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : null;
        digests(dir).forEach((k, v) -> System.out.println(k + "=" + v));
    }
}
