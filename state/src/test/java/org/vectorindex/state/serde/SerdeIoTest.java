package org.vectorindex.state.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The shared field encodings: no string limit, ordered maps, checked enum codes. */
class SerdeIoTest {
    private enum Colour {
        RED,
        GREEN,
        BLUE
    }

    /** Codes deliberately not in declaration order: the code list decides, not the ordinal. */
    private static final Colour[] CODES = {Colour.BLUE, Colour.RED, Colour.GREEN};

    @Test
    void stringsOverSixtyFourKibAndNullsRoundTrip() throws IOException {
        String huge = "\u20ac".repeat(70_000); // 210,000 UTF-8 bytes
        DataOutputSerializer out = new DataOutputSerializer(64);
        SerdeIo.writeString(huge, out);
        SerdeIo.writeString(null, out);
        SerdeIo.writeStrings(new String[] {huge, "a"}, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertEquals(huge, StringFormat.STRING_VALUE.read(in));
        assertNull(SerdeIo.readNullableString(in));
        assertArrayEquals(
                new String[] {huge, "a"}, SerdeIo.readStrings(in, StringFormat.STRING_VALUE));
        assertEquals(0, in.available());
    }

    @Test
    void mapsKeepTheirInsertionOrder() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 20; i > 0; i--) {
            m.put("k" + i, "v" + i);
        }
        DataOutputSerializer out = new DataOutputSerializer(64);
        SerdeIo.writeStringMap(m, out);
        Map<String, String> back =
                SerdeIo.readStringMap(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        StringFormat.STRING_VALUE);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()));
        assertEquals(m, back);
        assertThrows(UnsupportedOperationException.class, () -> back.put("x", "y"));
    }

    @Test
    void enumsAreWrittenAsTheirCodeAndUnknownCodesAreCorruption() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(8);
        SerdeIo.writeEnum(Colour.RED, CODES, out);
        SerdeIo.writeEnum(Colour.BLUE, CODES, out);
        byte[] bytes = out.getCopyOfBuffer();
        assertArrayEquals(new byte[] {1, 0}, bytes);
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        assertEquals(Colour.RED, SerdeIo.readEnum(in, CODES, "colour"));
        assertEquals(Colour.BLUE, SerdeIo.readEnum(in, CODES, "colour"));

        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                SerdeIo.readEnum(
                                        new DataInputDeserializer(new byte[] {3}),
                                        CODES,
                                        "colour"));
        assertTrue(e.getMessage().contains("unknown colour 3"), e.getMessage());
        IOException old =
                assertThrows(
                        IOException.class,
                        () ->
                                SerdeIo.readEnum(
                                        new DataInputDeserializer(new byte[] {2}),
                                        CODES,
                                        2,
                                        "colour",
                                        1));
        assertTrue(old.getMessage().contains("colour 2 in format 1"), old.getMessage());
    }

    @Test
    void nullArraysAndNegativeMapSizes() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        SerdeIo.writeFloats(null, out);
        SerdeIo.writeBytes(null, out);
        SerdeIo.writeMatrix(new float[][] {{1f}, null}, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertNull(SerdeIo.readFloats(in));
        assertNull(SerdeIo.readBytes(in));
        float[][] m = SerdeIo.readMatrix(in);
        assertArrayEquals(new float[] {1f}, m[0]);
        assertNull(m[1]);
        assertThrows(
                IOException.class,
                () ->
                        SerdeIo.readStringMap(
                                new DataInputDeserializer(new byte[] {-1, -1, -1, -1}),
                                StringFormat.STRING_VALUE));
    }
}
