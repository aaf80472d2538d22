package org.vectorindex.jobs.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.vectorindex.connectors.kafka.BrokerCheck;
import org.vectorindex.connectors.kafka.KafkaClientProperties;
import org.vectorindex.connectors.kafka.KafkaOptions;
import org.vectorindex.connectors.kafka.ShardPartitioner;
import org.vectorindex.connectors.kafka.TopicNames;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.DeadLetter;

/**
 * {@code load}: feeds an {@code .fvecs} file (HNSW collections) or a JSONL file of token sets
 * (multi-vector collections) to the mutations topic as upserts, then optionally deletes a seeded
 * random fraction of what it loaded. Row {@code i} of an {@code .fvecs} file gets id {@code
 * <ids-from + i>} (decimal), so {@code query} answers can be compared with a TEXMEX ground-truth
 * file directly when {@code --ids-from} is 0; a JSONL line keeps the id it carries. The id is also
 * the Kafka key, and {@link ShardPartitioner} sends each shard to one partition.
 *
 * <p>Afterwards it waits until the job's consumer group committed past the load (the job applied
 * it) and reports the dead letters its own records caused, so a mistyped collection or a wrong
 * dimension is not reported as success.
 */
public final class LoadCommand implements Command {
    public static final Flags.Spec SPEC =
            Flags.spec("load")
                    .required("bootstrap-servers", "Kafka bootstrap servers, host:port[,...]")
                    .required("topic", "mutations topic")
                    .required("collection", "collection name, as in the job's collections file")
                    .optional("fvecs", null, "vectors to upsert (.fvecs or .bvecs)")
                    .optional(
                            "jsonl",
                            null,
                            "instead of --fvecs: token sets to upsert into a multivector"
                                    + " collection, one {\"id\":…,\"vectors\":[[…],…]} per line")
                    .optional(
                            "ids-from",
                            null,
                            "id of the first vector; row i gets id ids-from+i (--fvecs only;"
                                    + " default 0)")
                    .optional("limit", null, "load at most this many vectors (default: all)")
                    .optional(
                            "delete-fraction",
                            "0",
                            "afterwards delete this fraction (0..1) of the loaded ids")
                    .optional("seed", "42", "seed of the random choice of deleted ids")
                    .optional("binary", "false", "switch: use the binary envelope instead of JSON")
                    .optional(
                            "collections",
                            null,
                            "the job's collections file: checks the collection, its type and"
                                    + " dimension before sending, and takes its shards")
                    .optional(
                            "shards",
                            null,
                            "the collection's shards, for the partitioner (default: from"
                                    + " --collections, else 4)")
                    .optional("dlq-topic", TopicNames.DLQ, "dead-letter topic of the job")
                    .optional(
                            "group-id",
                            KafkaOptions.GROUP_ID.defaultValue(),
                            "the job's consumer group, to tell when it applied the load")
                    .optional(
                            "await-applied",
                            "60s",
                            "wait this long for the job to apply the load, then report its dead"
                                    + " letters; 0s: do not wait or report")
                    .optional("kafka-properties", null, "Kafka client properties file")
                    .optional("kafka-property", null, "k=v Kafka client setting; repeatable");

    private final PrintStream out;

    public LoadCommand(PrintStream out) {
        this.out = out;
    }

    /** What a load did. */
    public record Outcome(long upserts, long deletes, double seconds) {
        public double recordsPerSecond() {
            return seconds > 0 ? (upserts + deletes) / seconds : 0;
        }

        public String json() {
            return String.format(
                    Locale.ROOT,
                    "{\"upserts\":%d,\"deletes\":%d,\"seconds\":%.3f,\"recordsPerSecond\":%.1f}",
                    upserts,
                    deletes,
                    seconds,
                    recordsPerSecond());
        }

        /**
         * With whether the job applied the load and how many records it dead-lettered (-1:
         * unknown).
         */
        public String json(boolean applied, long deadLettered) {
            String base = json();
            return base.substring(0, base.length() - 1)
                    + ",\"applied\":"
                    + applied
                    + ",\"deadLettered\":"
                    + deadLettered
                    + "}";
        }
    }

    @Override
    public int run(List<String> args) throws Exception {
        ClientArgs ca = ClientArgs.of(args, Set.of("binary"), "kafka-property");
        Flags f = SPEC.parse(ca.remaining());
        String bootstrap = f.required("bootstrap-servers");
        String topic = f.required("topic");
        String collection = f.required("collection");
        InputRows.Source source = InputRows.Source.of("load", f);
        if (source.jsonl() && f.has("ids-from")) {
            throw new IllegalArgumentException(
                    "load: --ids-from applies to --fvecs only; --jsonl upserts use the file's ids");
        }
        long idsFrom = f.has("ids-from") ? f.longValue("ids-from") : 0;
        int limit = f.has("limit") ? f.integer("limit", 1) : -1;
        double fraction = f.decimal("delete-fraction");
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException(
                    "load: --delete-fraction must be in 0..1, got " + fraction);
        }
        long seed = f.longValue("seed");
        boolean binary = ClientArgs.bool("binary", f.string("binary"));
        Properties props = KafkaClientProperties.of(f.path("kafka-properties"), ca.repeated());
        CollectionSpec spec = spec(f, collection);
        int shards =
                f.has("shards")
                        ? f.integer("shards", 1)
                        : spec != null ? spec.shards() : ShardPartitioner.DEFAULT_SHARDS;
        Duration await = Durations.parse("await-applied", f.string("await-applied"));

        InputRows rows = source.read(limit);
        List<String> ids = rows.multi() ? rows.fileIds() : sequentialIds(idsFrom, rows.size());
        if (spec != null) {
            checkFits(spec, rows);
        }
        try (Admin admin = BrokerCheck.connect(bootstrap, props, BrokerCheck.DEFAULT_TIMEOUT)) {
            BrokerCheck.requireTopics(
                    admin, bootstrap, List.of(topic), BrokerCheck.DEFAULT_TIMEOUT);
        }
        Properties producerProps = partitioned(props, shards);
        DeadLetterWatch watch =
                await.isZero()
                        ? null
                        : DeadLetterWatch.startOrNull(
                                bootstrap, props, f.required("dlq-topic"), topic);
        Outcome o;
        SentOffsets sent;
        try (RecordSender sender = new RecordSender(bootstrap, producerProps, binary)) {
            o = load(sender, topic, collection, rows, ids, fraction, seed);
            sent = sender.sent();
        }
        printLoaded(o, rows, source, idsFrom, collection, topic);
        if (await.isZero()) {
            out.println(o.json());
            return 0;
        }
        try (watch) {
            return reportDeadLetters(
                    bootstrap, props, f.required("group-id"), topic, await, watch, sent, ids, o);
        }
    }

    /** The one-line summary of what was sent. */
    private void printLoaded(
            Outcome o,
            InputRows rows,
            InputRows.Source source,
            long idsFrom,
            String collection,
            String topic) {
        if (rows.multi()) {
            out.printf(
                    Locale.ROOT,
                    "loaded %d upserts (%d token vectors, ids from %s) and %d deletes into '%s'"
                            + " on topic %s in %.2f s: %.0f records/s%n",
                    o.upserts(),
                    rows.vectorCount(),
                    source.path().getFileName(),
                    o.deletes(),
                    collection,
                    topic,
                    o.seconds(),
                    o.recordsPerSecond());
        } else {
            out.printf(
                    Locale.ROOT,
                    "loaded %d upserts (ids %d..%d) and %d deletes into '%s' on topic %s in %.2f s:"
                            + " %.0f records/s%n",
                    o.upserts(),
                    idsFrom,
                    idsFrom + rows.size() - 1,
                    o.deletes(),
                    collection,
                    topic,
                    o.seconds(),
                    o.recordsPerSecond());
        }
    }

    private int reportDeadLetters(
            String bootstrap,
            Properties props,
            String groupId,
            String topic,
            Duration await,
            DeadLetterWatch watch,
            SentOffsets sent,
            List<String> ids,
            Outcome o)
            throws Exception {
        boolean applied;
        try (Admin admin = BrokerCheck.connect(bootstrap, props, BrokerCheck.DEFAULT_TIMEOUT)) {
            applied = AppliedOffsets.await(admin, groupId, topic, await);
        }
        if (!applied) {
            out.println(
                    "the job has not applied the load within "
                            + await
                            + " (is it running, with consumer group "
                            + groupId
                            + "?); dead letters not checked");
            out.println(o.json(false, -1));
            return 0;
        }
        if (watch == null) {
            out.println(
                    "the job applied the load; dead letters not checked (no dead-letter topic)");
            out.println(o.json(true, -1));
            return 0;
        }
        // the dead letters commit with the same checkpoint as the offsets, a moment apart
        Thread.sleep(2000);
        List<DeadLetter> ours = watch.ours(sent, Set.copyOf(ids));
        if (ours.isEmpty()) {
            out.println("the job applied the load; 0 dead-lettered");
        } else {
            out.println(
                    "the job applied the load; "
                            + ours.size()
                            + " of "
                            + sent.count()
                            + " records dead-lettered: "
                            + DeadLetterText.summary(ours));
        }
        out.println(o.json(true, ours.size()));
        return ours.isEmpty() ? 0 : 1;
    }

    /** The collection's spec from --collections, or null without that flag. */
    private static CollectionSpec spec(Flags f, String collection) {
        if (f.has("shards") && f.has("collections")) {
            throw new IllegalArgumentException(
                    "load: give --collections or --shards, not both (the file has the shards)");
        }
        if (f.has("collections")) {
            CollectionRegistry registry = CollectionsFile.load(f.path("collections"));
            CollectionSpec spec = registry.get(collection);
            if (spec == null) {
                throw new IllegalArgumentException(
                        "load: collection '"
                                + collection
                                + "' is not in "
                                + f.string("collections"));
            }
            return spec;
        }
        return null;
    }

    /** Fails before sending anything the job would dead-letter for the collection's shape. */
    static void checkFits(CollectionSpec spec, InputRows rows) {
        if (rows.multi() != spec.isMultiVector()) {
            throw new IllegalArgumentException(
                    "load: collection '"
                            + spec.name()
                            + "' is of type "
                            + (spec.isMultiVector()
                                    ? "multivector: use --jsonl"
                                    : "hnsw: use --fvecs"));
        }
        if (!rows.multi()) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.dimension(i) != spec.dimension()) {
                    throw new IllegalArgumentException(
                            "load: row "
                                    + i
                                    + " has "
                                    + rows.dimension(i)
                                    + " components; collection '"
                                    + spec.name()
                                    + "' has dimension "
                                    + spec.dimension());
                }
            }
        }
    }

    /** The user's properties with the shard partitioner, unless they chose a partitioner. */
    public static Properties partitioned(Properties props, int shards) {
        Properties p = new Properties();
        p.putAll(props);
        p.putIfAbsent(ProducerConfig.PARTITIONER_CLASS_CONFIG, ShardPartitioner.class.getName());
        p.putIfAbsent(ShardPartitioner.SHARDS, Integer.toString(shards));
        return p;
    }

    private static List<String> sequentialIds(long idsFrom, int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Long.toString(idsFrom + i));
        }
        return ids;
    }

    /**
     * Sends the upserts (row {@code i} under {@code ids.get(i)}), then the deletes, and waits until
     * Kafka acknowledged all of them.
     */
    static Outcome load(
            RecordSender sender,
            String topic,
            String collection,
            InputRows rows,
            List<String> ids,
            double fraction,
            long seed) {
        long start = System.nanoTime();
        for (int i = 0; i < rows.size(); i++) {
            sender.send(topic, rows.upsert(i, collection, ids.get(i)));
        }
        for (int i : deleteSelection(rows.size(), fraction, seed)) {
            sender.delete(topic, collection, ids.get(i));
        }
        sender.flush();
        return new Outcome(sender.upserts(), sender.deletes(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * {@code round(fraction * n)} distinct row numbers out of {@code 0..n-1}, chosen by a seeded
     * partial Fisher-Yates shuffle: the same arguments always give the same rows, in that order.
     */
    public static int[] deleteSelection(int n, double fraction, long seed) {
        if (n < 0 || fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException(
                    "deleteSelection: need n >= 0 and fraction in 0..1, got "
                            + n
                            + ", "
                            + fraction);
        }
        int count = (int) Math.round(fraction * n);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return java.util.Arrays.copyOf(rows, count);
    }
}
