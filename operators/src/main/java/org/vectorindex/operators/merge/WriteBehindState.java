package org.vectorindex.operators.merge;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A value state per key kept on the heap and written to keyed state once per snapshot. A
 * subscription's merged state changes on every partial its shards send, and reading and writing it
 * through RocksDB each time (a get, a deserialization, a serialization and a put) was most of the
 * merger's time. The heap copy is what the merger reads; keyed state gets each changed key's last
 * value when the operator snapshots, so a restore sees exactly the state at the barrier.
 *
 * <p>It holds every key it has read until the key is cleared, so it suits state with one entry per
 * long-lived key (a subscription), not per request.
 */
final class WriteBehindState<T> {
    private final ValueState<T> state;
    private final TypeSerializer<T> serializer;
    private final Map<String, T> values = new HashMap<>();
    private final LinkedHashSet<String> changed = new LinkedHashSet<>();
    private final DataOutputSerializer scratch = new DataOutputSerializer(256);

    WriteBehindState(ValueState<T> state, TypeSerializer<T> serializer) {
        this.state = state;
        this.serializer = serializer;
    }

    /** The value of {@code key}, which must be the current key; null when there is none. */
    T value(String key) throws IOException {
        T v = values.get(key);
        if (v == null) {
            v = state.value();
            if (v != null) {
                values.put(key, v);
            }
        }
        return v;
    }

    /** Sets the value of {@code key}; the caller may go on changing it until the next snapshot. */
    void update(String key, T value) {
        values.put(key, value);
        changed.add(key);
    }

    /** Clears {@code key}, which must be the current key, in keyed state at once: it is rare. */
    void clear(String key) {
        values.remove(key);
        changed.remove(key);
        state.clear();
    }

    /**
     * Writes every key changed since the last call to keyed state, making each the current key
     * first. Values are written as copies: the heap backend keeps the object it is given, and the
     * merger goes on changing ours after the snapshot.
     */
    void flush(Consumer<String> setCurrentKey) throws IOException {
        for (String key : changed) {
            setCurrentKey.accept(key);
            state.update(deepCopy(values.get(key)));
        }
        changed.clear();
    }

    private T deepCopy(T v) throws IOException {
        scratch.clear();
        serializer.serialize(v, scratch);
        return serializer.deserialize(
                new DataInputDeserializer(scratch.getSharedBuffer(), 0, scratch.length()));
    }
}
