package org.vectorindex.state.hnsw;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * For each attribute equality ({@code lang = en}), the live ordinals that carry it, kept up to date
 * by the index, so that a filter becomes a bit set over ordinals: one bit test per node a search
 * visits, and a count that chooses between a graph search and an exact scan.
 *
 * <p>A posting is a list of ordinals while sparse and a bit set once it holds more than 1/32 of the
 * ordinal range, where a bit costs less than an int: an attribute unique to each record (a title)
 * then costs one int per record, not a bit set per value.
 */
final class AttributePostings {
    private final Map<String, Map<String, Posting>> byKey = new HashMap<>();

    /** Per ordinal, the postings that hold it, so a delete clears exactly those. */
    private Posting[][] held = new Posting[16][];

    private long[] selected = new long[1];
    private long[] scratch = new long[1];

    /** The postings of the filter being selected, reused so that a query allocates nothing. */
    private Posting[] found = new Posting[4];

    /** Replaces the attributes of a live ordinal. */
    void set(int ordinal, Map<String, String> attributes, int ordinalLimit) {
        clear(ordinal);
        if (attributes.isEmpty()) {
            return;
        }
        if (ordinal >= held.length) {
            held = Arrays.copyOf(held, Math.max(ordinal + 1, held.length * 2));
        }
        Posting[] postings = new Posting[attributes.size()];
        int i = 0;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            Posting p =
                    byKey.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                            .computeIfAbsent(e.getValue(), v -> new Posting());
            p.add(ordinal, ordinalLimit);
            postings[i++] = p;
        }
        held[ordinal] = postings;
    }

    /** Forgets the attributes of an ordinal that was deleted or is being reassigned. */
    void clear(int ordinal) {
        if (ordinal < held.length && held[ordinal] != null) {
            for (Posting p : held[ordinal]) {
                p.remove(ordinal);
            }
            held[ordinal] = null;
        }
    }

    /**
     * Selects the ordinals that satisfy every equality of {@code filter}, for {@link #isSelected}
     * and {@link #nextSelected}; returns how many there are.
     */
    int select(AttributeFilter filter, int ordinalLimit) {
        int words = (ordinalLimit + 63) >>> 6;
        if (selected.length < words) {
            selected = new long[words];
            scratch = new long[words];
        }
        Arrays.fill(selected, 0, words, 0L);
        int n = filter.size();
        if (found.length < n) {
            found = new Posting[n];
        }
        int smallest = 0;
        for (int i = 0; i < n; i++) {
            Map<String, Posting> values = byKey.get(filter.key(i));
            Posting p = values == null ? null : values.get(filter.value(i));
            if (p == null || p.size == 0) {
                return 0;
            }
            found[i] = p;
            if (p.size < found[smallest].size) {
                smallest = i;
            }
        }
        // the smallest first, so every later intersection is bounded by it
        found[smallest].copyInto(selected, words);
        for (int i = 0; i < n; i++) {
            if (i != smallest) {
                found[i].intersect(selected, scratch, words);
            }
        }
        int count = 0;
        for (int w = 0; w < words; w++) {
            count += Long.bitCount(selected[w]);
        }
        return count;
    }

    boolean isSelected(int ordinal) {
        int w = ordinal >>> 6;
        return w < selected.length && (selected[w] & (1L << ordinal)) != 0;
    }

    /** The first selected ordinal at or after {@code from} and below {@code limit}, else -1. */
    int nextSelected(int from, int limit) {
        int w = from >>> 6;
        int words = Math.min(selected.length, (limit + 63) >>> 6);
        if (w >= words) {
            return -1;
        }
        long word = selected[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                int ordinal = (w << 6) + Long.numberOfTrailingZeros(word);
                return ordinal < limit ? ordinal : -1;
            }
            if (++w >= words) {
                return -1;
            }
            word = selected[w];
        }
    }

    /** A map entry and its table slot, as {@code HashMap} lays them out. */
    private static final long ENTRY_BYTES = 32 + 2 * RamBytes.REFERENCE;

    /**
     * Heap bytes of the postings, their maps, the per-ordinal holders and the selection scratch.
     */
    long bytesUsed() {
        long bytes =
                RamBytes.ofReferences(held)
                        + RamBytes.ofReferences(found)
                        + RamBytes.of(selected)
                        + RamBytes.of(scratch);
        for (Posting[] ps : held) {
            if (ps != null) {
                bytes += RamBytes.ofReferences(ps);
            }
        }
        for (Map<String, Posting> values : byKey.values()) {
            bytes += RamBytes.OBJECT_HEADER + ENTRY_BYTES * (values.size() + 1);
            for (Posting p : values.values()) {
                bytes += p.bytesUsed();
            }
        }
        return bytes;
    }

    /** The ordinals of one equality: an unsorted list while sparse, then a bit set. */
    static final class Posting {
        private int size;
        private int[] sparse = new int[4];
        private long[] bits;

        void add(int ordinal, int ordinalLimit) {
            if (bits == null && size == sparse.length) {
                if (size >= 64 && size * 32L >= ordinalLimit) {
                    toBits(ordinalLimit);
                } else {
                    sparse = Arrays.copyOf(sparse, size * 2);
                }
            }
            if (bits == null) {
                sparse[size++] = ordinal;
                return;
            }
            int w = ordinal >>> 6;
            if (w >= bits.length) {
                bits = Arrays.copyOf(bits, Math.max(w + 1, bits.length + (bits.length >> 1)));
            }
            bits[w] |= 1L << ordinal;
            size++;
        }

        void remove(int ordinal) {
            if (bits != null) {
                bits[ordinal >>> 6] &= ~(1L << ordinal);
                size--;
                return;
            }
            for (int i = 0; i < size; i++) {
                if (sparse[i] == ordinal) {
                    sparse[i] = sparse[--size];
                    return;
                }
            }
        }

        private void toBits(int ordinalLimit) {
            bits = new long[(ordinalLimit + 63) >>> 6];
            for (int i = 0; i < size; i++) {
                bits[sparse[i] >>> 6] |= 1L << sparse[i];
            }
            sparse = null;
        }

        void copyInto(long[] out, int words) {
            if (bits != null) {
                System.arraycopy(bits, 0, out, 0, Math.min(words, bits.length));
                return;
            }
            for (int i = 0; i < size; i++) {
                out[sparse[i] >>> 6] |= 1L << sparse[i];
            }
        }

        /** {@code out &= this}, with {@code tmp} as scratch of the same length. */
        void intersect(long[] out, long[] tmp, int words) {
            if (bits != null) {
                int n = Math.min(words, bits.length);
                for (int w = 0; w < n; w++) {
                    out[w] &= bits[w];
                }
                Arrays.fill(out, n, words, 0L);
                return;
            }
            Arrays.fill(tmp, 0, words, 0L);
            for (int i = 0; i < size; i++) {
                int o = sparse[i];
                tmp[o >>> 6] |= out[o >>> 6] & (1L << o);
            }
            System.arraycopy(tmp, 0, out, 0, words);
        }

        long bytesUsed() {
            return RamBytes.OBJECT_HEADER
                    + (bits != null ? RamBytes.of(bits) : RamBytes.of(sparse));
        }
    }
}
