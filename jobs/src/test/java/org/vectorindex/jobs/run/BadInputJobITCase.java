package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.kafka.EmbeddedKafkaBroker;
import org.vectorindex.connectors.testing.LoopbackMiniCluster;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;

/**
 * Bad records of many kinds interleaved with good ones through the whole job: each bad record is
 * dead-lettered once with its reason, bytes and coordinates; every good query is answered once and
 * every good mutation is applied (a final k=1000 query returns exactly the live ids).
 */
class BadInputJobITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = LoopbackMiniCluster.extension(2);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyBadRecordIsDeadLetteredAndEveryGoodOneProcessed(@TempDir Path dir) throws Exception {
        JobScenario s = JobScenario.generate("bad", 3, 300, 0, 40, 16, true);
        s.queries.add(
                Query.knn(
                        "all-live",
                        JobScenario.COLLECTION,
                        JobScenario.probe(0),
                        1000,
                        10_000,
                        null));
        Set<String> kinds = new HashSet<>();
        s.bad.forEach(b -> kinds.add(b.reason()));
        assertTrue(kinds.size() >= 12, "only " + kinds.size() + " kinds: " + kinds);
        broker.createTopics(1, s.topic("m"), s.topic("q"), s.topic("r"), s.topic("d"));
        JobClient job = RunCommand.start(s.runArgs(broker, JobScenario.collectionsFile(dir), 2));
        JobScenario.Outputs out;
        try {
            out = s.drive(broker, Duration.ofSeconds(90));
        } finally {
            job.cancel().get();
        }

        Map<String, String> got = new LinkedHashMap<>();
        Map<String, byte[]> sentValues = new LinkedHashMap<>();
        for (String json : out.deadLetters()) {
            DeadLetter d = OutputJson.readDeadLetter(json.getBytes(StandardCharsets.UTF_8));
            String where = d.sourceTopic() + "-" + d.partition() + "-" + d.offset();
            assertEquals(null, got.put(where, d.reason().code()), "dead-lettered twice: " + where);
            assertTrue(!d.detail().isEmpty(), where);
            sentValues.put(where, d.value());
        }
        assertEquals(s.sentBad, got, "dead letters (where -> reason)");
        int i = 0;
        for (String where : s.sentBad.keySet()) {
            byte[] want = s.bad.get(indexOf(s, where)).value();
            assertArrayEquals(
                    want == null ? null : want, emptyToNull(sentValues.get(where)), where);
            i++;
        }
        assertEquals(s.bad.size(), i);

        Map<String, QueryResult> results = out.oneShot();
        assertEquals(s.queries.size(), results.size(), "good queries answered");
        Reference ref = new Reference();
        s.mutations.forEach(ref::apply);
        assertEquals(ref.live.keySet(), Set.of(results.get("all-live").hitIds()), "live ids");
    }

    /** The bad record sent to {@code where}, by send order within its topic. */
    private static int indexOf(JobScenario s, String where) {
        boolean mutation = where.startsWith(s.topic("m") + "-");
        int nth = 0;
        for (String w : s.sentBad.keySet()) {
            if (w.equals(where)) {
                break;
            }
            if (w.startsWith(s.topic("m") + "-") == mutation) {
                nth++;
            }
        }
        for (int i = 0; i < s.bad.size(); i++) {
            if (s.bad.get(i).mutation() == mutation && nth-- == 0) {
                return i;
            }
        }
        throw new AssertionError("no bad record for " + where);
    }

    private static byte[] emptyToNull(byte[] v) {
        return v == null || v.length == 0 ? null : v;
    }
}
