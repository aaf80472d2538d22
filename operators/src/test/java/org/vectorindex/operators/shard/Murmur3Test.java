package org.vectorindex.operators.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.flink.shaded.guava33.com.google.common.hash.Hashing;
import org.junit.jupiter.api.Test;

class Murmur3Test {

    @Test
    void knownVectorsOfTheReferenceImplementation() {
        assertEquals(0, Murmur3.hashUtf8(""));
        assertEquals(0x248bfa47, Murmur3.hashUtf8("hello"));
        assertEquals(0x2e4ff723, Murmur3.hashUtf8("The quick brown fox jumps over the lazy dog"));
    }

    @Test
    void streamingUtf8EqualsGuavaOnEncodedBytesForAllKindsOfCharacters() {
        Random random = new Random(7);
        String[] alphabet = {"a", "Z", "7", "-", "é", "ß", "€", "中", "😀", "\uD800", "\uDFFF", "#"};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(20);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = sb.toString();
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            int expected = Hashing.murmur3_32_fixed().hashBytes(bytes).asInt();
            assertEquals(expected, Murmur3.hashUtf8(s), () -> "for '" + s + "'");
            assertEquals(expected, Murmur3.hash(bytes, 0), () -> "bytes of '" + s + "'");
        }
    }
}
