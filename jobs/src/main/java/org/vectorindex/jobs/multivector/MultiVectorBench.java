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
        MultiVectorIndex index = new MultiVectorIndex(config);
        Built built = build(index, docs);
        Truth truth = exactTruth(index, built, queries, qrels);

        HnswCostProbe probe = HnswCostProbe.attach(index.candidateGraph());
        for (TokenCorpus.Doc q : queries) { // warm-up
            index.search(q.vectors(), k, candidateCounts[0], null);
        }

        ObjectNode report = MAPPER.createObjectNode();
        putCollection(report, corpusName, index, built, truth);
        putTruth(report, built, truth);
        report.put("hnswCostCounted", probe != null);
        ArrayNode settings = report.putArray("settings");

        logSettingsHeader();
        List<QueryPruning> prunings = new ArrayList<>();
        prunings.add(null);
        prunings.addAll(pruning);
        for (int kc : candidateCounts) {
            for (QueryPruning p : prunings) {
                Totals totals = measure(index, probe, queries, truth, kc, p, results);
                putSetting(settings.addObject(), kc, p, totals, truth);
                logSetting(kc, p, totals, truth);
            }
        }
        putRequirements(report, settings, built);
        return report;
    }

    /** The indexed documents, their raw and pooled tokens, and the storage they take. */
    private record Built(
            List<String> ids,
            List<float[]> raw,
            List<float[]> pooled,
            long rawFloats,
            double buildSeconds,
            double avgTokens,
            String store,
            double rawBytes,
            double storageRatio) {}

    private Built build(MultiVectorIndex index, List<TokenCorpus.Doc> docs) {
        int dim = config.dimension();
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
        return new Built(
                ids,
                raw,
                pooled,
                rawFloats,
                buildSeconds,
                avgTokens,
                store,
                rawBytes,
                storageRatio);
    }

    /** Exact MaxSim top-k per query over the raw and the pooled tokens, and what it cost. */
    private record Truth(
            int nq,
            float[][] qFlat,
            double queryTokens,
            long brutePerQuery,
            double bruteSeconds,
            boolean rawCached,
            int[][] rawTop,
            int[][] pooledTop,
            List<Set<String>> truthRaw,
            List<Set<String>> truthPooled,
            double pooledCeiling,
            Relevance relevance) {}

    // Exact truth, once per query (from the truth cache when it has this corpus).
    private Truth exactTruth(
            MultiVectorIndex index, Built built, List<TokenCorpus.Doc> queries, Qrels qrels)
            throws Exception {
        int dim = config.dimension();
        List<String> ids = built.ids();
        int nq = queries.size();
        float[][] qFlat = new float[nq][];
        double queryTokens = 0;
        long bruteMads = 0;
        for (int i = 0; i < nq; i++) {
            float[][] q = queries.get(i).vectors();
            queryTokens += q.length;
            qFlat[i] = ExactMaxSim.normalisedFlat(q, dim);
            bruteMads += ExactMaxSim.multiplyAdds(q.length, built.raw(), dim);
        }
        long tTruth = System.nanoTime();
        int[][] rawTop = truthCache.topK("raw", ids, built.raw(), queries, qFlat, dim, k);
        long bruteNanos = System.nanoTime() - tTruth;
        boolean rawCached = truthCache.lastHit();
        int[][] pooledTop =
                truthCache.topK(pooledKind(built), ids, built.pooled(), queries, qFlat, dim, k);
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
        return new Truth(
                nq,
                qFlat,
                queryTokens,
                brutePerQuery,
                bruteSeconds,
                rawCached,
                rawTop,
                pooledTop,
                truthRaw,
                truthPooled,
                pooledCeiling,
                relevance);
    }

    /** The truth cache's key for the pooled tokens: pooling, m and (if not float32) encoding. */
    private String pooledKind(Built built) {
        return "pooled-"
                + config.pooling().name().toLowerCase(java.util.Locale.ROOT)
                + "-"
                + config.pooledTokens()
                + (config.storedEncoding() == StoredEncoding.FLOAT32 ? "" : "-" + built.store());
    }

    private void putCollection(
            ObjectNode report,
            String corpusName,
            MultiVectorIndex index,
            Built built,
            Truth truth) {
        int docs = built.ids().size();
        report.put("corpus", corpusName);
        report.put("docs", docs);
        report.put("queries", truth.nq());
        report.put("k", k);
        report.put("avgTokens", built.avgTokens());
        report.put("avgQueryTokens", truth.queryTokens() / truth.nq());
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
        report.put("pooledExactRecallVsRaw", truth.pooledCeiling());
        report.put("store", built.store());
        report.put("storageRatio", built.storageRatio());
        report.put("storageBytesRatio", built.storageRatio());
        report.put("storedComponentsRatio", index.pooledFloats() / (double) built.rawFloats());
        report.put("storageBytesRatioInMemory", index.pooledMemoryBytes() / built.rawBytes());
        report.put(
                "storageRatioWithFde",
                (index.pooledBytes() + (double) docs * index.fdeDimension() * Float.BYTES)
                        / built.rawBytes());
        report.put("buildSeconds", built.buildSeconds());
    }

    private void putTruth(ObjectNode report, Built built, Truth truth) {
        if (truth.rawCached()) {
            report.putNull("bruteForceQps"); // truth came from --truth-cache, not timed
        } else {
            report.put("bruteForceQps", truth.nq() / Math.max(truth.bruteSeconds(), 1e-9));
            // wall clock over the common pool plus the calling thread
            report.put(
                    "bruteForceThreads",
                    java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);
        }
        report.put("truthCached", truth.rawCached());
        Relevance relevance = truth.relevance();
        if (relevance != null) {
            report.put("ndcgAt" + k + "ExactRaw", relevance.mean(truth.rawTop()));
            report.put("ndcgAt" + k + "ExactStored", relevance.mean(truth.pooledTop()));
            report.put(
                    "ndcgAt" + k + "SingleVector",
                    relevance.mean(
                            SingleVector.topK(built.raw(), truth.qFlat(), config.dimension(), k)));
            log.printf(
                    "nDCG@%d: exact raw MaxSim %.4f, exact stored MaxSim %.4f, single vector %.4f%n",
                    k,
                    report.get("ndcgAt" + k + "ExactRaw").asDouble(),
                    report.get("ndcgAt" + k + "ExactStored").asDouble(),
                    report.get("ndcgAt" + k + "SingleVector").asDouble());
        }
    }

    private void logSettingsHeader() {
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
    }

    /** Sums over all queries of one setting; divided by the query count when reported. */
    private static final class Totals {
        double rRaw;
        double rPooled;
        double rFde;
        long mads;
        long rerankMads;
        long hnswMads;
        long nanos;
        double ndcg;
    }

    private Totals measure(
            MultiVectorIndex index,
            HnswCostProbe probe,
            List<TokenCorpus.Doc> queries,
            Truth truth,
            int kc,
            QueryPruning p,
            Writer results)
            throws Exception {
        Totals t = new Totals();
        for (int i = 0; i < truth.nq(); i++) {
            TokenCorpus.Doc q = queries.get(i);
            long s = System.nanoTime();
            MultiVectorSearchResult r = index.search(q.vectors(), k, kc, p);
            t.nanos += System.nanoTime() - s;
            long graph =
                    r.candidateMultiplyAdds() >= 0
                            ? r.candidateMultiplyAdds()
                            : probe == null ? 0 : probe.lastScored() * index.fdeDimension();
            t.mads += r.encodeMultiplyAdds() + r.rerankMultiplyAdds() + graph;
            t.rerankMads += r.rerankMultiplyAdds();
            t.hnswMads += graph;
            t.rRaw += recall(r.hits(), truth.truthRaw().get(i));
            t.rPooled += recall(r.hits(), truth.truthPooled().get(i));
            t.rFde += recall(r.fdeHits(), truth.truthRaw().get(i));
            if (truth.relevance() != null) {
                t.ndcg += truth.relevance().ndcg(i, r.hits());
            }
            if (results != null) {
                writeResult(results, kc, p, q, r);
            }
        }
        return t;
    }

    private static void writeResult(
            Writer results, int kc, QueryPruning p, TokenCorpus.Doc q, MultiVectorSearchResult r)
            throws Exception {
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

    private void putSetting(ObjectNode row, int kc, QueryPruning p, Totals t, Truth truth) {
        int nq = truth.nq();
        long brutePerQuery = truth.brutePerQuery();
        row.put("candidates", kc);
        row.put("recallVsExactRaw", t.rRaw / nq);
        row.put("recallVsExactPooled", t.rPooled / nq);
        row.put("fdeOnlyRecall", t.rFde / nq);
        row.put("madsPerQuery", t.mads / nq);
        row.put("bruteForceMadsPerQuery", brutePerQuery);
        row.put("madsReduction", 1 - (double) t.mads / nq / brutePerQuery);
        row.put("rerankMadsPerQuery", t.rerankMads / nq);
        row.put("hnswMadsPerQuery", t.hnswMads / nq);
        row.put("qps", nq / (t.nanos / 1e9));
        if (truth.relevance() != null) {
            row.put("ndcgAt" + k, t.ndcg / nq);
        }
        if (p != null) {
            ObjectNode pn = row.putObject("pruning");
            pn.put("tokenFraction", p.tokenFraction());
            pn.put("keepFraction", p.keepFraction());
            pn.put("criterion", p.criterion().name().toLowerCase());
        } else {
            row.putNull("pruning");
        }
    }

    private void logSetting(int kc, QueryPruning p, Totals t, Truth truth) {
        int nq = truth.nq();
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
                t.rRaw / nq,
                t.rPooled / nq,
                t.rFde / nq,
                t.mads / nq,
                100.0 * t.mads / nq / truth.brutePerQuery(),
                nq / (t.nanos / 1e9),
                truth.relevance() == null ? "-" : String.format("%.4f", t.ndcg / nq));
    }

    // The bar: recall@10 >= 0.95 vs raw MaxSim with >= 99% fewer multiply-adds,
    // and pooled storage <= 1/4 of the raw tokens.
    private void putRequirements(ObjectNode report, ArrayNode settings, Built built) {
        double best = 0;
        for (com.fasterxml.jackson.databind.JsonNode row : settings) {
            if (row.get("madsReduction").asDouble() >= 0.99) {
                best = Math.max(best, row.get("recallVsExactRaw").asDouble());
            }
        }
        ObjectNode bar = report.putObject("requirements");
        bar.put("bestRecallVsRawWithin1PercentMads", best);
        bar.put("recallMet", best >= 0.95 && built.ids().size() >= 10_000);
        bar.put("storageMet", built.storageRatio() <= 0.25);
        log.printf(
                "best recall@%d vs raw MaxSim at >= 99%% fewer multiply-adds: %.4f (bar 0.95);"
                        + " storage ratio (bytes) %.3f (bar 0.25)%n",
                k, best, built.storageRatio());
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
