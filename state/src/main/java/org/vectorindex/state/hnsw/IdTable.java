package org.vectorindex.state.hnsw;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The external ids of an index: each ordinal's id packed in one byte pool (a length header, then
 * one byte per char when every char fits Latin-1, else two), and an open-addressing map from id to
 * ordinal over those bytes (linear probing, deletion by backward shift): no String, map entry or
 * Integer per id. Freed ids leave garbage in the pool, which is compacted in ordinal order when the
 * pool is full.
 */
final class IdTable {
    private static final int NONE = -1;

    private byte[] bytes = new byte[0];
    private int top;
    private int garbage;
    private int[] starts = new int[0];

    /** Ordinal + 1 per slot, 0 when empty; a power of two long, at most three quarters full. */
    private int[] slots = new int[16];

    private int mapped;

    int capacity() {
        return starts.length;
    }

    void ensureCapacity(int ordinals) {
        if (ordinals > starts.length) {
            int old = starts.length;
            starts = Arrays.copyOf(starts, Math.max(ordinals, old + old / 4 + 16));
            Arrays.fill(starts, old, starts.length, NONE);
        }
    }

    /** Stores the id of an ordinal (it is not mapped until {@link #map}). */
    void set(int ordinal, String id) {
        clear(ordinal);
        boolean wide = false;
        for (int i = 0; i < id.length(); i++) {
            wide |= id.charAt(i) > 0xFF;
        }
        int header = id.length() << 1 | (wide ? 1 : 0);
        int size = headerSize(header) + id.length() * (wide ? 2 : 1);
        if (top + size > bytes.length) {
            compact(size);
        }
        int at = top;
        starts[ordinal] = at;
        at = writeHeader(header, at);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (wide) {
                bytes[at++] = (byte) (c >>> 8);
            }
            bytes[at++] = (byte) c;
        }
        top = at;
    }

    /** The id of an ordinal, or null. */
    String id(int ordinal) {
        int at = starts[ordinal];
        if (at == NONE) {
            return null;
        }
        int header = readHeader(at);
        int from = at + headerSize(header);
        int length = header >>> 1;
        if ((header & 1) == 0) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = charAt(from, true, i);
        }
        return new String(chars);
    }

    /** Forgets the id of an ordinal, which must not be mapped. */
    void clear(int ordinal) {
        int at = starts[ordinal];
        if (at != NONE) {
            garbage += sizeAt(at);
            starts[ordinal] = NONE;
        }
    }

    /** Maps the stored id of {@code ordinal} to it; the id must not be mapped yet. */
    void map(int ordinal) {
        if (mapped + 1 > slots.length - slots.length / 4) {
            rehash(slots.length * 2);
        }
        int mask = slots.length - 1;
        int i = home(hashOf(ordinal), mask);
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = ordinal + 1;
        mapped++;
    }

    /** The ordinal mapped to {@code id}, or -1. */
    int get(String id) {
        int slot = find(id);
        return slot < 0 ? -1 : slots[slot] - 1;
    }

    /** Unmaps {@code id} (its bytes stay until {@link #clear}); returns its ordinal, or -1. */
    int unmap(String id) {
        int slot = find(id);
        if (slot < 0) {
            return -1;
        }
        int ordinal = slots[slot] - 1;
        int mask = slots.length - 1;
        int hole = slot;
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int want = home(hashOf(slots[j] - 1), mask);
            // moves an entry back into the hole unless its home lies cyclically in (hole, j]
            if (((j - want) & mask) >= ((j - hole) & mask)) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
        mapped--;
        return ordinal;
    }

    long bytesUsed() {
        return RamBytes.OBJECT_HEADER
                + 3 * RamBytes.REFERENCE
                + 3 * Integer.BYTES
                + RamBytes.of(bytes)
                + RamBytes.of(starts)
                + RamBytes.of(slots);
    }

    private int find(String id) {
        int mask = slots.length - 1;
        for (int i = home(id.hashCode(), mask); slots[i] != 0; i = (i + 1) & mask) {
            if (equalsAt(slots[i] - 1, id)) {
                return i;
            }
        }
        return -1;
    }

    private void rehash(int length) {
        int[] old = slots;
        slots = new int[length];
        int mask = length - 1;
        for (int entry : old) {
            if (entry != 0) {
                int i = home(hashOf(entry - 1), mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = entry;
            }
        }
    }

    private static int home(int hash, int mask) {
        int h = hash * 0x9E3779B9;
        return (h ^ h >>> 16) & mask;
    }

    /** {@link String#hashCode} of the stored id, without building the String. */
    private int hashOf(int ordinal) {
        int at = starts[ordinal];
        int header = readHeader(at);
        int from = at + headerSize(header);
        boolean wide = (header & 1) != 0;
        int h = 0;
        for (int i = 0, n = header >>> 1; i < n; i++) {
            h = 31 * h + charAt(from, wide, i);
        }
        return h;
    }

    private boolean equalsAt(int ordinal, String id) {
        int at = starts[ordinal];
        int header = readHeader(at);
        if (header >>> 1 != id.length()) {
            return false;
        }
        int from = at + headerSize(header);
        boolean wide = (header & 1) != 0;
        for (int i = 0; i < id.length(); i++) {
            if (charAt(from, wide, i) != id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private char charAt(int from, boolean wide, int i) {
        if (!wide) {
            return (char) (bytes[from + i] & 0xFF);
        }
        int at = from + 2 * i;
        return (char) ((bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF));
    }

    private int sizeAt(int at) {
        int header = readHeader(at);
        return headerSize(header) + (header >>> 1) * ((header & 1) + 1);
    }

    // --- the header: (length << 1 | wide) as an unsigned varint ---

    private static int headerSize(int header) {
        int size = 1;
        while ((header >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    private int writeHeader(int header, int at) {
        while ((header & ~0x7F) != 0) {
            bytes[at++] = (byte) (header & 0x7F | 0x80);
            header >>>= 7;
        }
        bytes[at++] = (byte) header;
        return at;
    }

    private int readHeader(int at) {
        int header = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at++];
            header |= (b & 0x7F) << shift;
            if (b >= 0) {
                return header;
            }
        }
    }

    /** Copies the stored ids to a new pool with a quarter of their size free, in ordinal order. */
    private void compact(int need) {
        byte[] next = new byte[PoolSizes.compacted((long) top - garbage + need, "id bytes")];
        int at = 0;
        for (int ordinal = 0; ordinal < starts.length; ordinal++) {
            int from = starts[ordinal];
            if (from != NONE) {
                int size = sizeAt(from);
                System.arraycopy(bytes, from, next, at, size);
                starts[ordinal] = at;
                at += size;
            }
        }
        bytes = next;
        top = at;
        garbage = 0;
    }
}
