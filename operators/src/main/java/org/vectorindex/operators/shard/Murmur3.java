package org.vectorindex.operators.shard;

import org.apache.flink.annotation.Internal;

/**
 * MurmurHash3 x86 32-bit of a String's UTF-8 bytes, computed without encoding the String into a
 * byte array: routing runs once per record, so it must not allocate. Equal to {@code
 * murmur3_32_fixed(seed).hashString(s, UTF_8)} in Guava, and to the reference implementation, for
 * every String (unpaired surrogates are encoded as '?', like {@link String#getBytes}).
 *
 * <p>Routing must not use {@link String#hashCode}: it is a weak hash whose low bits cluster for ids
 * with a common prefix, and a documented, language-neutral hash lets clients compute shards.
 */
@Internal
public final class Murmur3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {}

    /** Hash of the UTF-8 encoding of {@code s} with seed 0. */
    public static int hashUtf8(String s) {
        return hashUtf8(s, 0);
    }

    /** Hash of the UTF-8 encoding of {@code s}. */
    public static int hashUtf8(String s, int seed) {
        int h = seed;
        int buffer = 0; // up to 3 pending bytes, little-endian
        int pending = 0;
        int total = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            int c = s.charAt(i);
            int bytes;
            int encoded; // little-endian packed UTF-8 bytes of this code point
            if (c < 0x80) {
                encoded = c;
                bytes = 1;
            } else if (c < 0x800) {
                encoded = (0xc0 | (c >>> 6)) | ((0x80 | (c & 0x3f)) << 8);
                bytes = 2;
            } else if (Character.isSurrogate((char) c)) {
                int cp;
                if (Character.isHighSurrogate((char) c)
                        && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint((char) c, s.charAt(++i));
                    encoded =
                            (0xf0 | (cp >>> 18))
                                    | ((0x80 | ((cp >>> 12) & 0x3f)) << 8)
                                    | ((0x80 | ((cp >>> 6) & 0x3f)) << 16)
                                    | ((0x80 | (cp & 0x3f)) << 24);
                    bytes = 4;
                } else {
                    encoded = '?';
                    bytes = 1;
                }
            } else {
                encoded =
                        (0xe0 | (c >>> 12))
                                | ((0x80 | ((c >>> 6) & 0x3f)) << 8)
                                | ((0x80 | (c & 0x3f)) << 16);
                bytes = 3;
            }
            for (int b = 0; b < bytes; b++) {
                buffer |= ((encoded >>> (8 * b)) & 0xff) << (8 * pending);
                pending++;
                if (pending == 4) {
                    h = mixH(h, mixK(buffer));
                    buffer = 0;
                    pending = 0;
                }
            }
            total += bytes;
        }
        if (pending > 0) {
            h ^= mixK(buffer);
        }
        return fmix(h ^ total);
    }

    /** The reference algorithm over bytes; kept for tests and for clients that hold bytes. */
    public static int hash(byte[] data, int seed) {
        int h = seed;
        int len = data.length;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            int k =
                    (data[i] & 0xff)
                            | ((data[i + 1] & 0xff) << 8)
                            | ((data[i + 2] & 0xff) << 16)
                            | ((data[i + 3] & 0xff) << 24);
            h = mixH(h, mixK(k));
        }
        int k = 0;
        switch (len - i) {
            case 3:
                k ^= (data[i + 2] & 0xff) << 16;
            // fall through
            case 2:
                k ^= (data[i + 1] & 0xff) << 8;
            // fall through
            case 1:
                k ^= data[i] & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        return fmix(h ^ len);
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int mixH(int h, int k) {
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
