package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientArgsTest {

    @Test
    void switchesGetAValueAndRepeatedFlagsAreCollected() {
        ClientArgs a =
                ClientArgs.of(
                        List.of(
                                "--binary",
                                "--topic",
                                "t",
                                "--kafka-property",
                                "security.protocol=SSL",
                                "--kafka-property=sasl.jaas.config=a=b",
                                "--subscribe=false"),
                        Set.of("binary", "subscribe"),
                        "kafka-property");
        assertEquals(List.of("--binary=true", "--topic", "t", "--subscribe=false"), a.remaining());
        assertEquals(List.of("security.protocol=SSL", "sasl.jaas.config=a=b"), a.repeated());
    }

    @Test
    void repeatedFlagWithoutValueFails() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ClientArgs.of(
                                        List.of("--kafka-property"), Set.of(), "kafka-property"));
        assertTrue(e.getMessage().contains("--kafka-property needs a value"), e.getMessage());
    }

    @Test
    void switchValuesAreStrict() {
        assertTrue(ClientArgs.bool("binary", "true"));
        assertFalse(ClientArgs.bool("binary", "FALSE"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> ClientArgs.bool("binary", "yes"));
        assertTrue(e.getMessage().contains("--binary"), e.getMessage());
    }

    @Test
    void durationsNeedAUnit() {
        assertEquals(Duration.ofMillis(250), Durations.parse("timeout", "250ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("timeout", "30s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("timeout", "2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("timeout", " 1h "));
        assertEquals(Duration.ZERO, Durations.parse("timeout", "0s"));
        for (String bad : List.of("30", "s", "-5s", "1.5s", "")) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> Durations.parse("timeout", bad));
            assertTrue(e.getMessage().contains("--timeout"), e.getMessage());
        }
    }
}
