package org.vectorindex.operators.model.serde;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.StringFormat;

/**
 * Binary building blocks shared by the model serializers. Nullable values are length-prefixed with
 * -1 for {@code null}; strings use {@link StringFormat#STRING_VALUE}, the encoding of every
 * serializer, which has no 64 KiB limit and encodes {@code null} itself.
 */
final class SerdeIO {
    private SerdeIO() {}

    static void writeString(String s, DataOutputView out) throws IOException {
        StringFormat.write(s, out);
    }

    static String readString(DataInputView in) throws IOException {
        return StringFormat.STRING_VALUE.readNullable(in);
    }

    static void writeFloats(float[] v, DataOutputView out) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length);
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    static float[] readFloats(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    static void writeMatrix(float[][] m, DataOutputView out) throws IOException {
        if (m == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(m.length);
        for (float[] row : m) {
            writeFloats(row, out);
        }
    }

    static float[][] readMatrix(DataInputView in) throws IOException {
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

    /** Entries in iteration order, so equal inputs give equal bytes. */
    static void writeMap(Map<String, String> map, DataOutputView out) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(e.getKey(), out);
            writeString(e.getValue(), out);
        }
    }

    static Map<String, String> readMap(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    static void writeBytes(byte[] b, DataOutputView out) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    static byte[] readBytes(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    static void writeStrings(String[] s, DataOutputView out) throws IOException {
        out.writeInt(s.length);
        for (String x : s) {
            writeString(x, out);
        }
    }

    static String[] readStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            s[i] = readString(in);
        }
        return s;
    }

    static IOException corrupt(String what, int value) {
        return new IOException("corrupt " + what + ": " + value);
    }
}
