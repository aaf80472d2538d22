package org.vectorindex.jobs.bench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFilesTest {
    @TempDir Path dir;

    @Test
    void fvecsRoundTripAndLimit() throws IOException {
        float[][] v = {{1f, -2.5f, 3f}, {0f, 1e-7f, Float.MAX_VALUE}, {4f, 5f, 6f}};
        Path file = dir.resolve("a.fvecs");
        VectorFiles.writeFvecs(file, v);
        assertEquals(3 * (4 + 3 * 4), Files.size(file));
        float[][] all = VectorFiles.readVectors(file, -1);
        assertEquals(3, all.length);
        for (int i = 0; i < v.length; i++) {
            assertArrayEquals(v[i], all[i]);
        }
        float[][] two = VectorFiles.readFvecs(file, 2);
        assertEquals(2, two.length);
        assertArrayEquals(v[1], two[1]);
    }

    @Test
    void fvecsIsLittleEndianWithDimensionPerRecord() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(2).putFloat(1.5f).putFloat(-3f);
        Path file = dir.resolve("hand.fvecs");
        Files.write(file, b.array());
        assertArrayEquals(new float[] {1.5f, -3f}, VectorFiles.readFvecs(file, -1)[0]);
    }

    @Test
    void bvecsAreUnsignedBytes() throws IOException {
        Path file = dir.resolve("b.bvecs");
        VectorFiles.writeBvecs(file, new int[][] {{0, 127, 128, 255}, {1, 2, 3, 200}});
        float[][] v = VectorFiles.readVectors(file, -1);
        assertArrayEquals(new float[] {0f, 127f, 128f, 255f}, v[0]);
        assertArrayEquals(new float[] {1f, 2f, 3f, 200f}, v[1]);
    }

    @Test
    void ivecsRoundTrip() throws IOException {
        int[][] ids = {{5, 3, 9}, {0, 1, 2}};
        Path file = dir.resolve("t.ivecs");
        VectorFiles.writeIvecs(file, ids);
        int[][] read = VectorFiles.readIvecs(file, -1);
        assertTrue(Arrays.deepEquals(ids, read));
        assertEquals(1, VectorFiles.readIvecs(file, 1).length);
    }

    @Test
    void truncatedRecordIsReportedWithItsIndex() throws IOException {
        Path good = dir.resolve("g.fvecs");
        VectorFiles.writeFvecs(good, new float[][] {{1, 2, 3}, {4, 5, 6}});
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.fvecs");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 5));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> VectorFiles.readFvecs(cut, -1));
        assertTrue(e.getMessage().contains("truncated: record 1"), e.getMessage());
        Path header = dir.resolve("header.fvecs");
        Files.write(header, Arrays.copyOf(bytes, 16 + 2));
        IllegalArgumentException h =
                assertThrows(
                        IllegalArgumentException.class, () -> VectorFiles.readFvecs(header, -1));
        assertTrue(h.getMessage().contains("dimension header"), h.getMessage());
        // The limit stops before the damage: reading one record works.
        assertEquals(1, VectorFiles.readFvecs(cut, 1).length);
    }

    @Test
    void changingDimensionOrGarbageIsRejected() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(2).putFloat(1).putFloat(2).putInt(3).putFloat(1).putFloat(2).putFloat(3);
        Path mixed = dir.resolve("mixed.fvecs");
        Files.write(mixed, b.array());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> VectorFiles.readFvecs(mixed, -1));
        assertTrue(e.getMessage().contains("record 1 has dimension 3"), e.getMessage());

        Path garbage = dir.resolve("garbage.fvecs");
        Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0});
        IllegalArgumentException g =
                assertThrows(
                        IllegalArgumentException.class, () -> VectorFiles.readFvecs(garbage, -1));
        assertTrue(g.getMessage().contains("declares dimension -1"), g.getMessage());
    }

    @Test
    void emptyMissingAndUnknownFilesAreRejected() throws IOException {
        Path empty = dir.resolve("empty.fvecs");
        Files.write(empty, new byte[0]);
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> VectorFiles.readFvecs(empty, -1))
                        .getMessage()
                        .contains("no records"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> VectorFiles.readFvecs(dir.resolve("none.fvecs"), -1))
                        .getMessage()
                        .contains("not found"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> VectorFiles.readVectors(dir.resolve("x.hdf5"), -1))
                        .getMessage()
                        .contains(".fvecs or .bvecs"));
    }
}
