package org.vectorindex.state.hnsw;

import java.util.Arrays;

/**
 * A binary min-heap of longs that grows on demand and is cleared, not reallocated, between
 * searches. With {@link NodeScore} encoding the top is the worst (score, node); a max-heap is the
 * same heap over bitwise-complemented values.
 */
final class LongHeap {
    private long[] heap;
    private int size;
    private final boolean max;

    LongHeap(int initialCapacity, boolean max) {
        this.heap = new long[Math.max(16, initialCapacity) + 1];
        this.max = max;
    }

    static LongHeap minHeap(int initialCapacity) {
        return new LongHeap(initialCapacity, false);
    }

    static LongHeap maxHeap(int initialCapacity) {
        return new LongHeap(initialCapacity, true);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    long top() {
        return max ? ~heap[1] : heap[1];
    }

    void push(long value) {
        if (++size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        heap[size] = max ? ~value : value;
        upHeap(size);
    }

    /** Pushes while keeping at most {@code maxSize} values, dropping the top when over. */
    void pushBounded(long value, int maxSize) {
        if (size < maxSize) {
            push(value);
        } else if (max ? value < top() : value > top()) {
            heap[1] = max ? ~value : value;
            downHeap(1);
        }
    }

    long pop() {
        long result = heap[1];
        heap[1] = heap[size--];
        if (size > 0) {
            downHeap(1);
        }
        return max ? ~result : result;
    }

    private void upHeap(int i) {
        long value = heap[i];
        int parent = i >>> 1;
        while (parent > 0 && value < heap[parent]) {
            heap[i] = heap[parent];
            i = parent;
            parent = i >>> 1;
        }
        heap[i] = value;
    }

    private void downHeap(int i) {
        long value = heap[i];
        int child = i << 1;
        while (child <= size) {
            if (child < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= value) {
                break;
            }
            heap[i] = heap[child];
            i = child;
            child = i << 1;
        }
        heap[i] = value;
    }
}
