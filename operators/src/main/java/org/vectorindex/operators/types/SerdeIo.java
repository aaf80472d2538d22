package org.vectorindex.operators.types;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.StringFormat;

/**
 * Field encodings shared by the serializers: strings in {@link StringFormat#STRING_VALUE} (no
 * length limit), arrays with length prefixes. Readers take the {@link StringFormat} of the format
 * version being read, so formats written with {@code writeUTF} stay readable.
 */
public final class SerdeIo {
    private SerdeIo() {}

    public static void writeString(String s, DataOutputView out) throws IOException {
        StringFormat.write(s, out);
    }

    public static void writeNullableString(String s, DataOutputView out) throws IOException {
        StringFormat.write(s, out);
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

    /** String-to-String map; written in the map's iteration order. */
    public static void writeStringMap(Map<String, String> m, DataOutputView out)
            throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            StringFormat.write(e.getKey(), out);
            StringFormat.write(e.getValue(), out);
        }
    }

    public static Map<String, String> readStringMap(DataInputView in, StringFormat format)
            throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return Map.of();
        }
        Map<String, String> m = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            m.put(format.read(in), format.read(in));
        }
        return Map.copyOf(m);
    }
}
