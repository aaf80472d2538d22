package org.vectorindex.operators.index;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.testing.GoldenFixtures;

/** The index operator's own state records as committed fixtures of each released format read. */
class GoldenStateFormatsTest {

    @Test
    void subscriptionSpecs() throws IOException {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("lang", "en\u20ac");
        filter.put("year", "2020");
        GoldenFixtures.check(
                "SubscriptionSpec-v2.hex",
                SubscriptionSpecSerializer.INSTANCE,
                List.of(
                        new SubscriptionSpec(new float[] {0.6f, 0.8f}, 5, 64, filter, 4),
                        new SubscriptionSpec(new float[] {1f}, 1000, 0, Map.of(), 1)));
    }

    @Test
    void localTopKs() throws IOException {
        GoldenFixtures.check(
                "LocalTopK-v2.hex",
                LocalTopKSerializer.INSTANCE,
                List.of(
                        new LocalTopK(new String[] {"x", "\u00fc"}, new float[] {-1f, -2f}),
                        new LocalTopK(new String[0], new float[0])));
    }
}
