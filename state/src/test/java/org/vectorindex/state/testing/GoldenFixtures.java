package org.vectorindex.state.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Golden-byte fixtures under {@code /golden/} on the test class path: the serializer snapshot and
 * the serialized values, as a release wrote them. {@link #check} restores the serializer the way
 * Flink does on restore (the fixture's snapshot against the current serializer's) and reads every
 * value back to the expected one, so a format change that cannot read old bytes fails.
 *
 * <p>Fixtures are written once, by the release whose format they hold: run the test with {@code
 * -Dgolden.write=<module>/src/test/resources}; an existing fixture is never overwritten.
 */
public final class GoldenFixtures {
    private static final HexFormat HEX = HexFormat.of();

    private GoldenFixtures() {}

    public static <T> void check(String name, TypeSerializer<T> current, List<T> expected)
            throws IOException {
        String writeTo = System.getProperty("golden.write");
        if (writeTo != null) {
            write(Path.of(writeTo, "golden", name), current, expected);
        }
        List<String> lines = lines(name);
        assertFalse(lines.isEmpty(), name + " is empty");
        TypeSerializerSnapshot<T> old = readSnapshot(lines.get(0));
        TypeSerializerSchemaCompatibility<T> compat =
                current.snapshotConfiguration().resolveSchemaCompatibility(old);
        assertFalse(compat.isIncompatible(), name + ": the current serializer refuses the old one");
        // as Flink does: compatible as is reads with the new serializer, else with the old one
        TypeSerializer<T> reader = compat.isCompatibleAsIs() ? current : old.restoreSerializer();
        assertEquals(expected.size(), lines.size() - 1, name + ": values in the fixture");
        for (int i = 0; i < expected.size(); i++) {
            DataInputDeserializer in = new DataInputDeserializer(HEX.parseHex(lines.get(i + 1)));
            T value = reader.deserialize(in);
            assertEquals(0, in.available(), name + " value " + i + ": bytes left unread");
            DeepEquals.assertDeepEquals(expected.get(i), value, name + " value " + i);
        }
    }

    private static <T> void write(Path file, TypeSerializer<T> serializer, List<T> values)
            throws IOException {
        if (Files.exists(file)) {
            return;
        }
        List<String> lines = new ArrayList<>();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        lines.add(HEX.formatHex(out.getCopyOfBuffer()));
        for (T v : values) {
            out.clear();
            serializer.serialize(v, out);
            lines.add(HEX.formatHex(out.getCopyOfBuffer()));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.US_ASCII);
    }

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = GoldenFixtures.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "fixture /golden/" + name + " is missing");
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
            return lines;
        }
    }

    private static <T> TypeSerializerSnapshot<T> readSnapshot(String hex) throws IOException {
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(HEX.parseHex(hex)),
                GoldenFixtures.class.getClassLoader());
    }
}
