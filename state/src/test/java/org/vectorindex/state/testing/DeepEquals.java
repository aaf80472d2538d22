package org.vectorindex.state.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/**
 * Field-by-field equality of values whose classes compare arrays by identity (records with array
 * components, mutable state holders): arrays element by element, floats by their bits, maps by
 * their entries, everything else by its own fields.
 */
public final class DeepEquals {
    private DeepEquals() {}

    /** For Flink's {@code SerializerTestBase}: this equality for every non-JDK value. */
    public static DeeplyEqualsChecker checker() {
        return new DeeplyEqualsChecker()
                .withCustomCheck(
                        (a, b) ->
                                a != null
                                        && !a.getClass().isArray()
                                        && !a.getClass().getName().startsWith("java."),
                        (a, b, c) -> {
                            try {
                                assertDeepEquals(a, b, "value");
                                return true;
                            } catch (AssertionError e) {
                                return false;
                            }
                        });
    }

    public static void assertDeepEquals(Object expected, Object actual, String path) {
        if (expected == null) {
            assertNull(actual, path);
            return;
        }
        assertNotNull(actual, path);
        Class<?> c = expected.getClass();
        if (!(expected instanceof Map) && !(expected instanceof List)) {
            assertEquals(c, actual.getClass(), path + ": class");
        }
        if (c.isArray()) {
            assertEquals(Array.getLength(expected), Array.getLength(actual), path + ": length");
            for (int i = 0; i < Array.getLength(expected); i++) {
                assertDeepEquals(
                        Array.get(expected, i), Array.get(actual, i), path + "[" + i + "]");
            }
        } else if (expected instanceof Map<?, ?> m) {
            assertEquals(m.size(), ((Map<?, ?>) actual).size(), path + ": size");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertDeepEquals(
                        e.getValue(),
                        ((Map<?, ?>) actual).get(e.getKey()),
                        path + "." + e.getKey());
            }
        } else if (expected instanceof List<?> l) {
            Iterator<?> a = ((List<?>) actual).iterator();
            assertEquals(l.size(), ((List<?>) actual).size(), path + ": size");
            for (int i = 0; i < l.size(); i++) {
                assertDeepEquals(l.get(i), a.next(), path + "[" + i + "]");
            }
        } else if (c.getName().startsWith("java.") || c.isEnum()) {
            assertEquals(expected, actual, path); // Float.equals compares bits: -0 differs from 0
        } else {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    try {
                        assertDeepEquals(f.get(expected), f.get(actual), path + "." + f.getName());
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(path + "." + f.getName() + ": " + e, e);
                    }
                }
            }
        }
    }
}
