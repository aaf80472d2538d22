package org.vectorindex.operators.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

/**
 * Loads the collections file (YAML or JSON; the format is documented in connectors/FORMATS.md). It
 * fails fast with one message naming the file, the collection and the key at fault: unknown or
 * duplicate keys, missing required keys, wrong types and out-of-range values are all errors, since
 * a typo here would otherwise silently change every index.
 *
 * <pre>
 * collections:
 *   - name: docs          # required
 *     dimension: 384      # required
 *     metric: cosine      # required: l2 | cosine | dot
 *     type: hnsw          # hnsw (default) | multivector
 *     m: 16               # optional, defaults as in the index core
 *     efConstruction: 100
 *     ef: 64
 *     shards: 4
 *     seed: 42
 *     storedEncoding: float32   # hnsw only; or int8: one byte per component
 *     multivector: {pooledVectors: 24, fdeRepetitions: 20, fdeSimhashBits: 4,
 *                   fdeProjectionDim: 8, fdeFinalDim: 0, candidates: 300, maxTokens: 512,
 *                   storedEncoding: int8}   # or float32: four times the bytes
 * </pre>
 */
@PublicEvolving
public final class CollectionsFile {
    private static final Set<String> TOP_KEYS = Set.of("collections");
    private static final Set<String> KEYS =
            Set.of(
                    "name",
                    "type",
                    "dimension",
                    "metric",
                    "m",
                    "efConstruction",
                    "ef",
                    "shards",
                    "seed",
                    "storedEncoding",
                    "multivector");
    private static final Set<String> MV_KEYS =
            Set.of(
                    "pooledVectors",
                    "fdeRepetitions",
                    "fdeSimhashBits",
                    "fdeProjectionDim",
                    "fdeFinalDim",
                    "candidates",
                    "maxTokens",
                    "storedEncoding");

    private CollectionsFile() {}

    /** Loads a file; {@code .json} is read as JSON, anything else as YAML (a superset). */
    public static CollectionRegistry load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read collections file " + file + ": " + e);
        }
        boolean json = file.getFileName().toString().toLowerCase().endsWith(".json");
        return parse(text, json, file.toString());
    }

    /**
     * Parses collections-file text.
     *
     * @param json true for JSON, false for YAML
     * @param source name used in error messages
     */
    public static CollectionRegistry parse(String text, boolean json, String source) {
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = new ObjectMapper(factory).readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "collections file "
                            + source
                            + " is not valid "
                            + (json ? "JSON" : "YAML")
                            + ": "
                            + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw fail(source, "the top level must be an object with a 'collections' list");
        }
        checkKeys((ObjectNode) root, TOP_KEYS, source, "top level");
        JsonNode list = root.get("collections");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw fail(source, "'collections' must be a non-empty list");
        }
        List<CollectionSpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = "collections[" + i + "]";
            if (!node.isObject()) {
                throw fail(source, where + " must be an object");
            }
            try {
                specs.add(spec((ObjectNode) node, source, where));
            } catch (IllegalArgumentException | NullPointerException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("collections file")) {
                    throw e;
                }
                throw fail(source, where + ": " + e.getMessage());
            }
        }
        try {
            return CollectionRegistry.of(specs);
        } catch (IllegalArgumentException e) {
            throw fail(source, e.getMessage());
        }
    }

    private static CollectionSpec spec(ObjectNode node, String source, String where) {
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw fail(source, where + ": 'name' is missing or not a string");
        }
        String name = nameNode.asText();
        where = where + " (" + name + ")";
        checkKeys(node, KEYS, source, where);
        CollectionType type = CollectionType.parse(text(node, "type", "hnsw", source, where));
        int dimension = requiredInt(node, "dimension", source, where);
        String metricName = text(node, "metric", null, source, where);
        if (metricName == null) {
            throw fail(source, where + ": 'metric' is missing (l2, cosine or dot)");
        }
        Metric metric = Metric.parse(metricName);
        int m = optInt(node, "m", HnswConfig.DEFAULT_M, source, where);
        int efc = optInt(node, "efConstruction", HnswConfig.DEFAULT_EF_CONSTRUCTION, source, where);
        int ef = optInt(node, "ef", HnswConfig.DEFAULT_EF, source, where);
        int shards = optInt(node, "shards", CollectionSpec.DEFAULT_SHARDS, source, where);
        long seed = optLong(node, "seed", HnswConfig.DEFAULT_SEED, source, where);
        MultiVectorParams mv = null;
        JsonNode mvNode = node.get("multivector");
        if (mvNode != null) {
            if (!mvNode.isObject()) {
                throw fail(source, where + ": 'multivector' must be an object");
            }
            String mvWhere = where + ".multivector";
            checkKeys((ObjectNode) mvNode, MV_KEYS, source, mvWhere);
            MultiVectorParams d = MultiVectorParams.defaults();
            mv =
                    new MultiVectorParams(
                            optInt(mvNode, "pooledVectors", d.pooledVectors(), source, mvWhere),
                            optInt(mvNode, "fdeRepetitions", d.fdeRepetitions(), source, mvWhere),
                            optInt(mvNode, "fdeSimhashBits", d.fdeSimhashBits(), source, mvWhere),
                            optInt(
                                    mvNode,
                                    "fdeProjectionDim",
                                    d.fdeProjectionDim(),
                                    source,
                                    mvWhere),
                            optInt(mvNode, "fdeFinalDim", d.fdeFinalDim(), source, mvWhere),
                            optInt(mvNode, "candidates", d.candidates(), source, mvWhere),
                            optInt(mvNode, "maxTokens", d.maxTokens(), source, mvWhere),
                            storedEncoding(
                                    mvNode,
                                    MultiVectorParams.DEFAULT_STORED_ENCODING,
                                    source,
                                    mvWhere));
        }
        return new CollectionSpec(
                name,
                type,
                dimension,
                metric,
                m,
                efc,
                ef,
                shards,
                seed,
                mv,
                storedEncoding(node, StoredEncoding.FLOAT32, source, where));
    }

    /** A node's storedEncoding; the default differs for an hnsw collection and multivector. */
    private static StoredEncoding storedEncoding(
            JsonNode node, StoredEncoding byDefault, String source, String where) {
        String name =
                text(
                        node,
                        "storedEncoding",
                        byDefault.name().toLowerCase(Locale.ROOT),
                        source,
                        where);
        try {
            return StoredEncoding.parse(name);
        } catch (IllegalArgumentException e) {
            throw fail(source, where + ": " + e.getMessage());
        }
    }

    private static void checkKeys(
            ObjectNode node, Set<String> allowed, String source, String where) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                throw fail(
                        source,
                        where + ": unknown key '" + key + "' (allowed: " + sorted(allowed) + ")");
            }
        }
    }

    private static String text(
            JsonNode node, String key, String dflt, String source, String where) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw fail(source, where + ": '" + key + "' must be a string");
        }
        return v.asText();
    }

    private static int requiredInt(JsonNode node, String key, String source, String where) {
        if (node.get(key) == null) {
            throw fail(source, where + ": '" + key + "' is missing");
        }
        return optInt(node, key, 0, source, where);
    }

    private static int optInt(JsonNode node, String key, int dflt, String source, String where) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fail(source, where + ": '" + key + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static long optLong(JsonNode node, String key, long dflt, String source, String where) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw fail(source, where + ": '" + key + "' must be an integer, got " + v);
        }
        return v.longValue();
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", new java.util.TreeSet<>(keys));
    }

    private static IllegalArgumentException fail(String source, String message) {
        return new IllegalArgumentException("collections file " + source + ": " + message);
    }
}
