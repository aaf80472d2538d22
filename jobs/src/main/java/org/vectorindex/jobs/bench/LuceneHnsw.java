package org.vectorindex.jobs.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.VectorMath;

/**
 * Lucene 9.12's HNSW graph built and searched in memory, without an IndexWriter, with Lucene's
 * default flat scorer: the same code path Lucene's codec uses, minus disk I/O.
 *
 * <p>Similarity: l2 → EUCLIDEAN; dot → MAXIMUM_INNER_PRODUCT (DOT_PRODUCT requires unit vectors);
 * cosine → by default DOT_PRODUCT over vectors normalised once, which Lucene's javadoc names as the
 * preferred way to do cosine and is what our index does too. {@code cosineAsDot=false} uses
 * Lucene's COSINE function on the raw vectors instead (it recomputes norms every comparison).
 */
public final class LuceneHnsw implements AnnSystem {
    private final int m;
    private final int beamWidth;
    private final long seed;
    private final boolean normalize;
    private final VectorSimilarityFunction similarity;
    private final FlatVectorsScorer scorer = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
    private RandomAccessVectorValues.Floats values;
    private OnHeapHnswGraph graph;
    private int dim;

    public LuceneHnsw(Metric metric, int m, int beamWidth, long seed, boolean cosineAsDot) {
        this.m = m;
        this.beamWidth = beamWidth;
        this.seed = seed;
        this.normalize = metric == Metric.COSINE && cosineAsDot;
        this.similarity = similarity(metric, cosineAsDot);
    }

    static VectorSimilarityFunction similarity(Metric metric, boolean cosineAsDot) {
        switch (metric) {
            case L2:
                return VectorSimilarityFunction.EUCLIDEAN;
            case COSINE:
                return cosineAsDot
                        ? VectorSimilarityFunction.DOT_PRODUCT
                        : VectorSimilarityFunction.COSINE;
            case DOT:
                return VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
            default:
                throw new IllegalArgumentException("no Lucene similarity for " + metric);
        }
    }

    @Override
    public String name() {
        return "lucene";
    }

    public String similarityName() {
        return similarity.name() + (normalize ? " (on vectors normalised at insert)" : "");
    }

    @Override
    public void build(float[][] base) throws IOException {
        graph = null;
        values = null;
        dim = base[0].length;
        List<float[]> list = new ArrayList<>(base.length);
        for (float[] v : base) {
            list.add(normalize ? normalized(v) : v);
        }
        RandomAccessVectorValues.Floats fresh = RandomAccessVectorValues.fromFloats(list, dim);
        graph =
                HnswGraphBuilder.create(
                                scorer.getRandomVectorScorerSupplier(similarity, fresh),
                                m,
                                beamWidth,
                                seed)
                        .build(base.length);
        values = fresh;
    }

    private static float[] normalized(float[] v) {
        float[] copy = v.clone();
        VectorMath.normalizeInPlace(copy);
        return copy;
    }

    @Override
    public int[] search(float[] query, int k, int ef) throws IOException {
        if (graph == null) {
            throw new IllegalStateException("lucene: build() has not run");
        }
        float[] q = normalize ? normalized(query) : query;
        RandomVectorScorer s = scorer.getRandomVectorScorer(similarity, values, q);
        // The collector's size is the search beam; the top k of it are the answer.
        TopKnnCollector collector = new TopKnnCollector(Math.max(ef, k), Integer.MAX_VALUE);
        HnswGraphSearcher.search(s, collector, graph, null);
        TopDocs top = collector.topDocs();
        ScoreDoc[] docs = top.scoreDocs;
        int[] out = new int[Math.min(k, docs.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = docs[i].doc;
        }
        return out;
    }

    /** Graph bytes as Lucene accounts them; see {@link #memoryNote()}. */
    public long graphBytes() {
        return graph.ramBytesUsed();
    }

    /** Raw float32 vector bytes, n × dim × 4, as Lucene's flat vector format stores them. */
    public long vectorBytes() {
        return (long) graph.size() * dim * Float.BYTES;
    }

    @Override
    public long memoryBytes() {
        return graphBytes() + vectorBytes();
    }

    @Override
    public String memoryNote() {
        return "OnHeapHnswGraph.ramBytesUsed() + n*dim*4 raw vector bytes (Java array headers and"
                + " the List of arrays not counted)";
    }
}
