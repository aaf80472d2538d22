package org.vectorindex.operators.index;

import java.util.Arrays;

/** A growable int list without boxing. */
final class IntList {
    int[] values = new int[2];
    int size;

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    boolean remove(int v) {
        for (int i = 0; i < size; i++) {
            if (values[i] == v) {
                values[i] = values[--size];
                return true;
            }
        }
        return false;
    }
}
