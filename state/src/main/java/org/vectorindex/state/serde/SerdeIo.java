package org.vectorindex.state.serde;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The field encodings of every {@link VersionedSerializer}: strings in {@link
 * StringFormat#STRING_VALUE} (length-prefixed UTF-8, no 64 KiB limit, {@code null} encoded), arrays
 * with an int length prefix ({@code -1} for a nullable {@code null}), maps in insertion order,
 * enums as explicit byte codes checked on read. Readers take the {@link StringFormat} of the format
 * version being read, so formats written with {@code writeUTF} stay readable.
 */
@Internal
public final class SerdeIo {
    private SerdeIo() {}

    /** Writes {@code s}, which may be null. */
    public static void writeString(String s, DataOutputView out) throws IOException {
        StringFormat.write(s, out);
    }

    /** A string that may be null, in the encoding of formats that write {@code STRING_VALUE}. */
    public static String readNullableString(DataInputView in) throws IOException {
        return StringFormat.STRING_VALUE.readNullable(in);
    }

    /** A null array is written as length -1. */
    public static void writeFloats(float[] a, DataOutputView out) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (float x : a) {
            out.writeFloat(x);
        }
    }

    public static float[] readFloats(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    /** Rows of {@link #writeFloats}; a null matrix is written as length -1. */
    public static void writeMatrix(float[][] m, DataOutputView out) throws IOException {
        if (m == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(m.length);
        for (float[] row : m) {
            writeFloats(row, out);
        }
    }

    public static float[][] readMatrix(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        float[][] m = new float[n][];
        for (int i = 0; i < n; i++) {
            m[i] = readFloats(in);
        }
        return m;
    }

    /** A null array is written as length -1. */
    public static void writeBytes(byte[] b, DataOutputView out) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    public static byte[] readBytes(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    public static void writeLongs(long[] a, DataOutputView out) throws IOException {
        out.writeInt(a.length);
        for (long x : a) {
            out.writeLong(x);
        }
    }

    public static long[] readLongs(DataInputView in) throws IOException {
        int n = in.readInt();
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    /** Elements may be null (read back with {@link StringFormat#readNullable}). */
    public static void writeStrings(String[] a, DataOutputView out) throws IOException {
        out.writeInt(a.length);
        for (String s : a) {
            StringFormat.write(s, out);
        }
    }

    public static String[] readStrings(DataInputView in, StringFormat format) throws IOException {
        int n = in.readInt();
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = format.read(in);
        }
        return a;
    }

    /** Like {@link #readStrings}, for arrays whose elements may be null. */
    public static String[] readNullableStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = readNullableString(in);
        }
        return a;
    }

    /** Entries in the map's iteration order, so equal inputs give equal bytes. */
    public static void writeStringMap(Map<String, String> m, DataOutputView out)
            throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            StringFormat.write(e.getKey(), out);
            StringFormat.write(e.getValue(), out);
        }
    }

    /** An unmodifiable map in the written order. */
    public static Map<String, String> readStringMap(DataInputView in, StringFormat format)
            throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw corrupt("map size", n);
        }
        if (n == 0) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            m.put(format.read(in), format.read(in));
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Writes {@code value} as its index in {@code codes}, the serializer's fixed list of the enum's
     * values: the code of a value never changes when the enum is reordered or grows.
     */
    public static <E extends Enum<E>> void writeEnum(E value, E[] codes, DataOutputView out)
            throws IOException {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == value) {
                out.writeByte(i);
                return;
            }
        }
        throw new IOException("no format code for " + value);
    }

    /** Reads a code of {@link #writeEnum}; an unknown code is corruption, named by {@code what}. */
    public static <E extends Enum<E>> E readEnum(DataInputView in, E[] codes, String what)
            throws IOException {
        int code = in.readUnsignedByte();
        if (code >= codes.length) {
            throw new IOException("unknown " + what + " " + code + " (corrupt record)");
        }
        return codes[code];
    }

    /**
     * Like {@link #readEnum}, in format {@code version}, which knew the first {@code known} codes.
     */
    public static <E extends Enum<E>> E readEnum(
            DataInputView in, E[] codes, int known, String what, int version) throws IOException {
        int code = in.readUnsignedByte();
        if (code >= known) {
            throw new IOException("unknown " + what + " " + code + " in format " + version);
        }
        return codes[code];
    }

    /** The exception for a value no writer produces. */
    public static IOException corrupt(String what, int value) {
        return new IOException("corrupt " + what + ": " + value);
    }
}
