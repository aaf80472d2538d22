package org.vectorindex.jobs.multivector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.CandidateSearch;
import org.vectorindex.state.multivector.FdeConfig;
import org.vectorindex.state.multivector.FdeSource;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.PoolingMethod;
import org.vectorindex.state.multivector.PruningCriterion;
import org.vectorindex.state.multivector.QueryPruning;

/**
 * {@code bench multivector}: recall and cost of the multi-vector index (pooling, FDE candidates
 * through HNSW, exact MaxSim rerank) against brute-force MaxSim. See {@link #USAGE}.
 */
public final class MultiVectorBenchCommand {
    public static final String USAGE =
            "usage: bench multivector (--corpus glove|europarl|scifact --docs N --queries Q"
                    + " | --docs-file F.jsonl --queries-file G.jsonl)\n"
                    + "       [--m 16] [--candidates 50,100,200,300] [--k 10] [--json FILE]"
                    + " [--results FILE]\n"
                    + "       [--pooling ward|kmeans] [--fde R,kSim,dProj[,finalDim]]"
                    + " [--fde-seed 42] [--fde-source raw|pooled]\n"
                    + "       [--candidate-search hnsw|exact] [--hnsw-m 16]"
                    + " [--ef-construction 100]\n"
                    + "       [--prune tokenFraction,keepFraction,distinctiveness|norm[;...]]"
                    + " [--glove-dir DIR] [--seed 1]\n"
                    + "       [--store float32|int8] (stored vectors; storageRatio is in bytes"
                    + " against raw float32 tokens)\n"
                    + "       [--truth-cache DIR] (reuse exact MaxSim truth across runs)\n"
                    + "       [--qrels FILE] (BEIR judgements: nDCG@k; scifact brings its own;"
                    + " queries without a judged document among the docs are left out)\n"
                    + "       scifact: [--scifact-dir DIR] (default ../shared/data/"
                    + ScifactCorpus.FOLDER
                    + ") [--cache-dir DIR]\n"
                    + "       europarl: [--selection all|en] [--cache-dir DIR]"
                    + " (default ~/.cache/flink-vector-index)";

    private static final Set<String> KEYS =
            Set.of(
                    "corpus",
                    "docs",
                    "queries",
                    "docs-file",
                    "queries-file",
                    "m",
                    "candidates",
                    "k",
                    "json",
                    "results",
                    "pooling",
                    "fde",
                    "fde-seed",
                    "fde-source",
                    "candidate-search",
                    "hnsw-m",
                    "ef-construction",
                    "prune",
                    "glove-dir",
                    "seed",
                    "selection",
                    "cache-dir",
                    "truth-cache",
                    "store",
                    "qrels",
                    "scifact-dir");

    private MultiVectorBenchCommand() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark; returns 0 on success, 2 on a usage error, 1 on a failure. */
    public static int run(String[] args) {
        Map<String, String> opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        try {
            return execute(opts);
        } catch (IllegalArgumentException e) {
            System.err.println("bench multivector: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        } catch (Exception e) {
            System.err.println("bench multivector failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    static Map<String, String> parse(String[] args) {
        int start = 0;
        if (start < args.length && args[start].equals("bench")) {
            start++;
        }
        if (start < args.length && args[start].equals("multivector")) {
            start++;
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = start; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            opts.put(key, args[++i]);
        }
        boolean files = opts.containsKey("docs-file") || opts.containsKey("queries-file");
        if (files == opts.containsKey("corpus")) {
            throw new IllegalArgumentException(
                    "give either --corpus NAME or --docs-file F --queries-file G");
        }
        if (files && !(opts.containsKey("docs-file") && opts.containsKey("queries-file"))) {
            throw new IllegalArgumentException("--docs-file and --queries-file go together");
        }
        if (opts.containsKey("store")) {
            StoredEncoding.parse(opts.get("store")); // fail before loading a corpus
        }
        return opts;
    }

    static int execute(Map<String, String> opts) throws Exception {
        TokenCorpus corpus = openCorpus(opts);
        int nDocs = intOpt(opts, "docs", 0);
        int nQueries = intOpt(opts, "queries", 0);
        List<TokenCorpus.Doc> docs = corpus.docs(nDocs);
        List<TokenCorpus.Doc> queries = corpus.queries(nQueries);
        Qrels qrels = null;
        Path qrelsFile = opts.containsKey("qrels") ? Path.of(opts.get("qrels")) : corpus.qrels();
        if (qrelsFile != null) {
            qrels = Qrels.read(qrelsFile);
            queries = judged(queries, docs, qrels);
        }
        if (docs.isEmpty() || queries.isEmpty()) {
            throw new IllegalArgumentException("the corpus gave no documents or no queries");
        }
        int dim = docs.get(0).vectors()[0].length;
        int k = intOpt(opts, "k", 10);
        int[] candidates =
                Arrays.stream(opts.getOrDefault("candidates", "50,100,200,300").split(","))
                        .mapToInt(s -> Integer.parseInt(s.trim()))
                        .toArray();
        for (int c : candidates) {
            if (c < k) {
                throw new IllegalArgumentException(
                        "every --candidates value must be at least k = " + k + ", got " + c);
            }
        }
        MultiVectorConfig config =
                MultiVectorConfig.builder()
                        .dimension(dim)
                        .pooledTokens(intOpt(opts, "m", MultiVectorConfig.DEFAULT_POOLED_TOKENS))
                        .pooling(PoolingMethod.parse(opts.getOrDefault("pooling", "ward")))
                        .fde(fdeConfig(opts, dim))
                        .fdeSource(fdeSource(opts.getOrDefault("fde-source", "raw")))
                        .candidateSearch(
                                candidateSearch(opts.getOrDefault("candidate-search", "hnsw")))
                        .hnswM(intOpt(opts, "hnsw-m", 16))
                        .efConstruction(intOpt(opts, "ef-construction", 100))
                        .storedEncoding(StoredEncoding.parse(opts.getOrDefault("store", "float32")))
                        .build();
        List<QueryPruning> pruning = prunings(opts.get("prune"));
        MultiVectorBench bench =
                new MultiVectorBench(
                        config,
                        k,
                        System.out,
                        new TruthCache(
                                opts.containsKey("truth-cache")
                                        ? Path.of(opts.get("truth-cache"))
                                        : null));
        ObjectNode report;
        Writer results =
                opts.containsKey("results")
                        ? Files.newBufferedWriter(
                                Path.of(opts.get("results")), StandardCharsets.UTF_8)
                        : null;
        try {
            report = bench.run(corpus.name(), docs, queries, candidates, pruning, qrels, results);
        } finally {
            if (results != null) {
                results.close();
            }
        }
        if (opts.containsKey("json")) {
            try (BufferedWriter w =
                    Files.newBufferedWriter(Path.of(opts.get("json")), StandardCharsets.UTF_8)) {
                w.write(
                        new ObjectMapper()
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(report));
                w.newLine();
            }
        }
        return 0;
    }

    static TokenCorpus openCorpus(Map<String, String> opts) throws Exception {
        if (opts.containsKey("docs-file")) {
            return new JsonlTokenCorpus(
                    Path.of(opts.get("docs-file")), Path.of(opts.get("queries-file")));
        }
        String name = opts.get("corpus");
        for (TokenCorpusProvider p : ServiceLoader.load(TokenCorpusProvider.class)) {
            if (p.name().equals(name)) {
                return p.open(opts);
            }
        }
        throw new IllegalArgumentException(
                "no corpus named '"
                        + name
                        + "' is registered (built in: glove, europarl, scifact)");
    }

    /** The queries with a judged relevant document among {@code docs}: nDCG is defined there. */
    static List<TokenCorpus.Doc> judged(
            List<TokenCorpus.Doc> queries, List<TokenCorpus.Doc> docs, Qrels qrels) {
        Set<String> docIds = new java.util.HashSet<>();
        for (TokenCorpus.Doc d : docs) {
            docIds.add(d.id());
        }
        List<TokenCorpus.Doc> out = new java.util.ArrayList<>();
        for (TokenCorpus.Doc q : queries) {
            if (qrels.hasRelevantIn(q.id(), docIds)) {
                out.add(q);
            }
        }
        return out;
    }

    static FdeConfig fdeConfig(Map<String, String> opts, int dim) {
        FdeConfig.Builder b = FdeConfig.builder().dimension(dim);
        if (opts.containsKey("fde-seed")) {
            b.seed(Long.parseLong(opts.get("fde-seed")));
        }
        String spec = opts.get("fde");
        if (spec == null) {
            return b.build();
        }
        String[] parts = spec.split(",");
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("--fde wants R,kSim,dProj[,finalDim], got " + spec);
        }
        b.repetitions(Integer.parseInt(parts[0].trim())).kSim(Integer.parseInt(parts[1].trim()));
        int dProj = Integer.parseInt(parts[2].trim());
        if (dProj == dim) {
            b.identityProjection();
        } else {
            b.dProj(dProj);
        }
        if (parts.length == 4) {
            b.finalDimension(Integer.parseInt(parts[3].trim()));
        }
        return b.build();
    }

    static CandidateSearch candidateSearch(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "hnsw":
                return CandidateSearch.HNSW;
            case "exact":
                return CandidateSearch.EXACT;
            case "tokens":
                throw new IllegalArgumentException(
                        "--candidate-search tokens was removed: token-level candidates did not beat"
                                + " FDE candidates over pooled documents on nDCG per unit of cost"
                                + " (README); use hnsw or exact");
            default:
                throw new IllegalArgumentException(
                        "--candidate-search wants hnsw or exact, got " + name);
        }
    }

    static FdeSource fdeSource(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "raw":
                return FdeSource.RAW_TOKENS;
            case "pooled":
                return FdeSource.POOLED;
            default:
                throw new IllegalArgumentException("--fde-source wants raw or pooled, got " + name);
        }
    }

    /** Semicolon-separated pruning settings, each measured after the unpruned rerank. */
    static List<QueryPruning> prunings(String spec) {
        if (spec == null) {
            return List.of();
        }
        List<QueryPruning> out = new java.util.ArrayList<>();
        for (String one : spec.split(";")) {
            out.add(pruning(one));
        }
        return out;
    }

    static QueryPruning pruning(String spec) {
        if (spec == null) {
            return null;
        }
        String[] parts = spec.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "--prune wants tokenFraction,keepFraction,criterion, got " + spec);
        }
        return new QueryPruning(
                Double.parseDouble(parts[0].trim()),
                Double.parseDouble(parts[1].trim()),
                PruningCriterion.parse(parts[2]));
    }

    private static int intOpt(Map<String, String> opts, String key, int def) {
        String v = opts.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " wants an integer, got " + v);
        }
    }
}
