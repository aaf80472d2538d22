package org.vectorindex.operators.index;

/**
 * Which exceptions from handling one record are that record's fault. Such a failure would recur on
 * every replay of the record after a restart, so the operator rejects the record instead of failing
 * the task. Anything else (state backend, I/O, checked exceptions) still fails the task, so that
 * Flink restarts it from the last checkpoint.
 */
final class RecordFaults {
    private RecordFaults() {}

    static boolean isRecordFault(RuntimeException e) {
        return e instanceof IllegalArgumentException
                || e instanceof IndexOutOfBoundsException
                || e instanceof ArithmeticException
                || e instanceof NegativeArraySizeException;
    }

    /**
     * The message for the dead letter of a record fault ({@link #describe}); rethrows {@code e}
     * when it is not the record's fault.
     */
    static String describeOrRethrow(RuntimeException e) {
        if (!isRecordFault(e)) {
            throw e;
        }
        return describe(e);
    }

    /** The message for the dead letter: the exception's own, or its type when it has none. */
    static String describe(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
