package org.vectorindex.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokerCheckTest {
    @Test
    void anUnresolvableHostFailsAtOnceSayingWhy() {
        long start = System.nanoTime();
        BrokerUnreachableException e =
                assertThrows(
                        BrokerUnreachableException.class,
                        () ->
                                BrokerCheck.connect(
                                        "nosuchhost.invalid:9092", null, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("nosuchhost.invalid:9092"), e.getMessage());
        assertTrue(e.getMessage().contains("resolvable"), e.getMessage());
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "took too long");
    }
}
