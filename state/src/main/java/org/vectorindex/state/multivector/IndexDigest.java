package org.vectorindex.state.multivector;

/**
 * A 64-bit running fingerprint (SplitMix64 mixing) used to prove two multi-vector indexes hold the
 * same content, e.g. an index restored from keyed state and one that never left memory.
 */
final class IndexDigest {
    private long h = 0x3c6ef372fe94f82bL;

    IndexDigest add(long x) {
        h = mix(h ^ x);
        return this;
    }

    IndexDigest add(String s) {
        add(s.length());
        for (int i = 0; i < s.length(); i++) {
            add(s.charAt(i));
        }
        return this;
    }

    IndexDigest add(float[] v) {
        add(v.length);
        for (float x : v) {
            add(Float.floatToIntBits(x));
        }
        return this;
    }

    IndexDigest add(byte[] v) {
        add(v.length);
        for (byte x : v) {
            add(x);
        }
        return this;
    }

    long value() {
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
