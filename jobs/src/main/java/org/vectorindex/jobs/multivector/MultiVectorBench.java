package org.vectorindex.jobs.multivector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;
import org.vectorindex.state.multivector.MultiVectorSearchResult;
import org.vectorindex.state.multivector.QueryPruning;

/**
 * Measures one multi-vector collection: builds it from a corpus, computes exact MaxSim truth by
 * brute force over the raw (unpooled) and the pooled tokens, then for each candidate count k' (and,
 * if given, with query-token pruning) measures recall@k, FDE-only recall, multiply-adds per query
 * and QPS. Queries run single-threaded after one untimed warm-up pass. With judgements ({@link
 * Qrels}) it also reports nDCG@k of every setting, of exact MaxSim over the raw and over the stored
 * vectors, and of one mean token vector per document and query, ranked exactly.
 */
final class MultiVectorBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MultiVectorConfig config;
    private final int k;
    private final PrintStream log;
    private final TruthCache truthCache;

    MultiVectorBench(MultiVectorConfig config, int k, PrintStream log, TruthCache truthCache) {
        this.config = config;
        this.k = k;
        this.log = log;
        this.truthCache = truthCache;
    }

    ObjectNode run(
            String corpusName,
            List<TokenCorpus.Doc> docs,
            List<TokenCorpus.Doc> queries,
            int[] candidateCounts,
            List<QueryPruning> pruning,
            Qrels qrels,
            Writer results)
            throws Exception {
        int dim = config.dimension();
        MultiVectorIndex index = new MultiVectorIndex(config);
        List<String> ids = new ArrayList<>();
        List<float[]> raw = new ArrayList<>();
        long rawFloats = 0;
        int rejected = 0;
        long t0 = System.nanoTime();
        for (TokenCorpus.Doc d : docs) {
            try {
                index.upsert(d.id(), d.vectors());
            } catch (IllegalArgumentException e) {
                rejected++;
                if (rejected <= 5) {
                    log.println("rejected " + d.id() + ": " + e.getMessage());
                }
                continue;
            }
            ids.add(d.id());
            raw.add(ExactMaxSim.normalisedFlat(d.vectors(), dim));
            rawFloats += (long) d.vectors().length * dim;
        }
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        List<float[]> pooled = new ArrayList<>(ids.size());
        for (String id : ids) {
            pooled.add(ExactMaxSim.normalisedFlat(index.pooled(id), dim));
        }
        double avgTokens = rawFloats / (double) dim / ids.size();
        // Bytes against raw float32 tokens: equal to the stored-float ratio under FLOAT32.
        String store = config.storedEncoding().name().toLowerCase(java.util.Locale.ROOT);
        double rawBytes = rawFloats * (double) Float.BYTES;
        double storageRatio = index.pooledBytes() / rawBytes;
        log.printf(
                "built %d docs (%d rejected) in %.1f s: avg %.1f tokens, pooled to m=%d, stored as"
                        + " %s, storage ratio (bytes) %.3f, FDE dim %d%n",
                ids.size(),
                rejected,
                buildSeconds,
                avgTokens,
                config.pooledTokens(),
                store,
                storageRatio,
                index.fdeDimension());

        // Exact truth, once per query (from the truth cache when it has this corpus).
        int nq = queries.size();
        float[][] qFlat = new float[nq][];
        double queryTokens = 0;
        long bruteMads = 0;
        for (int i = 0; i < nq; i++) {
            float[][] q = queries.get(i).vectors();
            queryTokens += q.length;
            qFlat[i] = ExactMaxSim.normalisedFlat(q, dim);
            bruteMads += ExactMaxSim.multiplyAdds(q.length, raw, dim);
        }
        long tTruth = System.nanoTime();
        int[][] rawTop = truthCache.topK("raw", ids, raw, queries, qFlat, dim, k);
        long bruteNanos = System.nanoTime() - tTruth;
        boolean rawCached = truthCache.lastHit();
        String pooledKind =
                "pooled-"
                        + config.pooling().name().toLowerCase(java.util.Locale.ROOT)
                        + "-"
                        + config.pooledTokens()
                        + (config.storedEncoding() == StoredEncoding.FLOAT32 ? "" : "-" + store);
        int[][] pooledTop = truthCache.topK(pooledKind, ids, pooled, queries, qFlat, dim, k);
        List<Set<String>> truthRaw = new ArrayList<>();
        List<Set<String>> truthPooled = new ArrayList<>();
        double pooledCeiling = 0;
        for (int i = 0; i < nq; i++) {
            truthRaw.add(idSet(rawTop[i], ids));
            Set<String> tp = idSet(pooledTop[i], ids);
            truthPooled.add(tp);
            pooledCeiling += overlap(tp, truthRaw.get(i)) / (double) Math.min(k, ids.size());
        }
        Relevance relevance = qrels == null ? null : new Relevance(qrels, queries, ids, k);
        double bruteSeconds = bruteNanos / 1e9;
        long brutePerQuery = bruteMads / nq;
        pooledCeiling /= nq;
        log.printf(
                "exact truth for %d queries (avg %.1f tokens): %,d multiply-adds per query;"
                        + " exact MaxSim over pooled vectors has recall@%d %.4f vs raw%n",
                nq, queryTokens / nq, brutePerQuery, k, pooledCeiling);

        HnswCostProbe probe = HnswCostProbe.attach(index.candidateGraph());
        for (TokenCorpus.Doc q : queries) { // warm-up
            index.search(q.vectors(), k, candidateCounts[0], null);
        }

        ObjectNode report = MAPPER.createObjectNode();
        report.put("corpus", corpusName);
        report.put("docs", ids.size());
        report.put("queries", nq);
        report.put("k", k);
        report.put("avgTokens", avgTokens);
        report.put("avgQueryTokens", queryTokens / nq);
        report.put("m", config.pooledTokens());
        report.put("pooling", config.pooling().name().toLowerCase(java.util.Locale.ROOT));
        report.put("fdeDim", index.fdeDimension());
        report.put("fdeSource", config.fdeSource().name().toLowerCase(java.util.Locale.ROOT));
        ObjectNode fde = report.putObject("fde");
        fde.put("repetitions", config.fde().repetitions());
        fde.put("kSim", config.fde().kSim());
        fde.put("dProj", config.fde().dProj());
        fde.put("finalDimension", config.fde().finalDimension());
        fde.put("seed", config.fde().seed());
        report.put("candidateSearch", config.candidateSearch().name().toLowerCase());
        report.put("pooledExactRecallVsRaw", pooledCeiling);
        report.put("store", store);
        report.put("storageRatio", storageRatio);
        report.put("storageBytesRatio", storageRatio);
        report.put("storedComponentsRatio", index.pooledFloats() / (double) rawFloats);
        report.put("storageBytesRatioInMemory", index.pooledMemoryBytes() / rawBytes);
        report.put(
                "storageRatioWithFde",
                (index.pooledBytes() + (double) ids.size() * index.fdeDimension() * Float.BYTES)
                        / rawBytes);
        report.put("buildSeconds", buildSeconds);
        if (rawCached) {
            report.putNull("bruteForceQps"); // truth came from --truth-cache, not timed
        } else {
            report.put("bruteForceQps", nq / Math.max(bruteSeconds, 1e-9));
            // wall clock over the common pool plus the calling thread
            report.put(
                    "bruteForceThreads",
                    java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);
        }
        report.put("truthCached", rawCached);
        if (relevance != null) {
            report.put("ndcgAt" + k + "ExactRaw", relevance.mean(rawTop));
            report.put("ndcgAt" + k + "ExactStored", relevance.mean(pooledTop));
            report.put(
                    "ndcgAt" + k + "SingleVector",
                    relevance.mean(SingleVector.topK(raw, qFlat, dim, k)));
            log.printf(
                    "nDCG@%d: exact raw MaxSim %.4f, exact stored MaxSim %.4f, single vector %.4f%n",
                    k,
                    report.get("ndcgAt" + k + "ExactRaw").asDouble(),
                    report.get("ndcgAt" + k + "ExactStored").asDouble(),
                    report.get("ndcgAt" + k + "SingleVector").asDouble());
        }
        report.put("hnswCostCounted", probe != null);
        ArrayNode settings = report.putArray("settings");

        log.printf(
                "%-10s %-14s %10s %12s %10s %14s %9s %8s %8s%n",
                "candidates",
                "pruning",
                "recallRaw",
                "recallPooled",
                "fdeOnly",
                "mads/query",
                "vsBrute",
                "qps",
                "nDCG");
        List<QueryPruning> prunings = new ArrayList<>();
        prunings.add(null);
        prunings.addAll(pruning);
        for (int kc : candidateCounts) {
            for (QueryPruning p : prunings) {
                double rRaw = 0;
                double rPooled = 0;
                double rFde = 0;
                long mads = 0;
                long rerankMads = 0;
                long hnswMads = 0;
                long nanos = 0;
                double ndcg = 0;
                for (int i = 0; i < nq; i++) {
                    TokenCorpus.Doc q = queries.get(i);
                    long s = System.nanoTime();
                    MultiVectorSearchResult r = index.search(q.vectors(), k, kc, p);
                    nanos += System.nanoTime() - s;
                    long graph =
                            r.candidateMultiplyAdds() >= 0
                                    ? r.candidateMultiplyAdds()
                                    : probe == null ? 0 : probe.lastScored() * index.fdeDimension();
                    mads += r.encodeMultiplyAdds() + r.rerankMultiplyAdds() + graph;
                    rerankMads += r.rerankMultiplyAdds();
                    hnswMads += graph;
                    rRaw += recall(r.hits(), truthRaw.get(i));
                    rPooled += recall(r.hits(), truthPooled.get(i));
                    rFde += recall(r.fdeHits(), truthRaw.get(i));
                    if (relevance != null) {
                        ndcg += relevance.ndcg(i, r.hits());
                    }
                    if (results != null) {
                        ObjectNode line = MAPPER.createObjectNode();
                        line.put("candidates", kc);
                        if (p != null) {
                            line.put("pruning", true);
                            line.put("tokenFraction", p.tokenFraction());
                            line.put("keepFraction", p.keepFraction());
                        }
                        line.put("query", q.id());
                        ArrayNode arr = line.putArray("ids");
                        r.hits().forEach(h -> arr.add(h.id()));
                        results.write(MAPPER.writeValueAsString(line));
                        results.write('\n');
                    }
                }
                ObjectNode row = settings.addObject();
                row.put("candidates", kc);
                row.put("recallVsExactRaw", rRaw / nq);
                row.put("recallVsExactPooled", rPooled / nq);
                row.put("fdeOnlyRecall", rFde / nq);
                row.put("madsPerQuery", mads / nq);
                row.put("bruteForceMadsPerQuery", brutePerQuery);
                row.put("madsReduction", 1 - (double) mads / nq / brutePerQuery);
                row.put("rerankMadsPerQuery", rerankMads / nq);
                row.put("hnswMadsPerQuery", hnswMads / nq);
                row.put("qps", nq / (nanos / 1e9));
                if (relevance != null) {
                    row.put("ndcgAt" + k, ndcg / nq);
                }
                if (p != null) {
                    ObjectNode pn = row.putObject("pruning");
                    pn.put("tokenFraction", p.tokenFraction());
                    pn.put("keepFraction", p.keepFraction());
                    pn.put("criterion", p.criterion().name().toLowerCase());
                } else {
                    row.putNull("pruning");
                }
                log.printf(
                        "%-10d %-14s %10.4f %12.4f %10.4f %,14d %8.2f%% %8.1f %8s%n",
                        kc,
                        p == null
                                ? "-"
                                : p.criterion().name().substring(0, 4).toLowerCase()
                                        + ","
                                        + p.tokenFraction()
                                        + ","
                                        + p.keepFraction(),
                        rRaw / nq,
                        rPooled / nq,
                        rFde / nq,
                        mads / nq,
                        100.0 * mads / nq / brutePerQuery,
                        nq / (nanos / 1e9),
                        relevance == null ? "-" : String.format("%.4f", ndcg / nq));
            }
        }
        // The bar: recall@10 >= 0.95 vs raw MaxSim with >= 99% fewer multiply-adds,
        // and pooled storage <= 1/4 of the raw tokens.
        double best = 0;
        for (com.fasterxml.jackson.databind.JsonNode row : settings) {
            if (row.get("madsReduction").asDouble() >= 0.99) {
                best = Math.max(best, row.get("recallVsExactRaw").asDouble());
            }
        }
        ObjectNode bar = report.putObject("requirements");
        bar.put("bestRecallVsRawWithin1PercentMads", best);
        bar.put("recallMet", best >= 0.95 && ids.size() >= 10_000);
        bar.put("storageMet", storageRatio <= 0.25);
        log.printf(
                "best recall@%d vs raw MaxSim at >= 99%% fewer multiply-adds: %.4f (bar 0.95);"
                        + " storage ratio (bytes) %.3f (bar 0.25)%n",
                k, best, storageRatio);
        return report;
    }

    private static Set<String> idSet(int[] positions, List<String> ids) {
        Set<String> out = new HashSet<>();
        for (int p : positions) {
            out.add(ids.get(p));
        }
        return out;
    }

    private static int overlap(Set<String> a, Set<String> b) {
        int n = 0;
        for (String x : a) {
            if (b.contains(x)) {
                n++;
            }
        }
        return n;
    }

    private double recall(List<SearchHit> hits, Set<String> truth) {
        int n = 0;
        for (int i = 0; i < Math.min(k, hits.size()); i++) {
            if (truth.contains(hits.get(i).id())) {
                n++;
            }
        }
        return n / (double) Math.min(k, truth.size());
    }
}
