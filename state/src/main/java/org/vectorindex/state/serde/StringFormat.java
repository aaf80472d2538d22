package org.vectorindex.state.serde;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The string encodings of the hand-written serializers. Every serializer writes {@link
 * #STRING_VALUE}, Flink's own string encoding (a variable-length length prefix, then the
 * characters; no length limit, and {@code null} encoded); {@link #MODIFIED_UTF8} ({@code
 * DataOutput.writeUTF}, at most 65,535 bytes) is read only, in formats written before it.
 */
@Internal
public enum StringFormat {
    MODIFIED_UTF8 {
        @Override
        public String read(DataInputView in) throws IOException {
            return in.readUTF();
        }

        @Override
        public String readNullable(DataInputView in) throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }
    },
    STRING_VALUE {
        @Override
        public String read(DataInputView in) throws IOException {
            String s = StringValue.readString(in);
            if (s == null) {
                throw new IOException("a null string where a string is required");
            }
            return s;
        }

        @Override
        public String readNullable(DataInputView in) throws IOException {
            return StringValue.readString(in);
        }
    };

    /** Reads a string that is never null. */
    public abstract String read(DataInputView in) throws IOException;

    /** Reads a string that may be null. */
    public abstract String readNullable(DataInputView in) throws IOException;

    /** Writes {@code s}, which may be null, in {@link #STRING_VALUE}. */
    public static void write(String s, DataOutputView out) throws IOException {
        StringValue.writeString(s, out);
    }

    /**
     * The encoding of format {@code version} of a serializer whose format {@code firstUnlimited}
     * was the first to write {@link #STRING_VALUE}.
     */
    public static StringFormat of(int version, int firstUnlimited) {
        return version >= firstUnlimited ? STRING_VALUE : MODIFIED_UTF8;
    }
}
