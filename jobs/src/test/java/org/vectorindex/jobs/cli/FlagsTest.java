package org.vectorindex.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlagsTest {
    private static final Flags.Spec SPEC =
            Flags.spec("demo")
                    .required("base", "base file")
                    .optional("k", "10", "neighbours")
                    .optional("ef", "10,20", "beams")
                    .optional("json", null, "report file")
                    .optional("fraction", "0.2", "fraction");

    @Test
    void parsesSpaceAndEqualsFormsAndDefaults() {
        Flags f = SPEC.parse(List.of("--base", "b.fvecs", "--k=5", "--ef", "1, 2,3"));
        assertEquals("b.fvecs", f.required("base"));
        assertEquals(5, f.integer("k"));
        assertArrayEquals(new int[] {1, 2, 3}, f.positiveIntegers("ef"));
        assertEquals(0.2, f.decimal("fraction"));
        assertFalse(f.has("json"));
        assertNull(f.path("json"));
    }

    @Test
    void rejectsUnknownFlagNamingIt() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SPEC.parse(List.of("--base", "b", "--eff", "3")));
        assertTrue(e.getMessage().contains("unknown flag --eff"), e.getMessage());
        assertTrue(e.getMessage().contains("usage: demo"), e.getMessage());
    }

    @Test
    void rejectsMissingRequiredFlag() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SPEC.parse(List.of("--k", "3")));
        assertTrue(e.getMessage().contains("missing required flag --base"), e.getMessage());
    }

    @Test
    void rejectsFlagWithoutValue() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SPEC.parse(List.of("--base", "--k", "3")));
        assertTrue(e.getMessage().contains("--base needs a value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SPEC.parse(List.of("--base")));
    }

    @Test
    void rejectsRepeatedFlagAndStrayWords() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SPEC.parse(List.of("--base", "a", "--base", "b")));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SPEC.parse(List.of("--base", "a", "extra")));
        assertTrue(e.getMessage().contains("unexpected argument 'extra'"), e.getMessage());
    }

    @Test
    void rejectsBadNumbersWithTheFlagName() {
        Flags f = SPEC.parse(List.of("--base", "a", "--k", "ten", "--ef", "5,0"));
        IllegalArgumentException k =
                assertThrows(IllegalArgumentException.class, () -> f.integer("k"));
        assertTrue(k.getMessage().contains("--k expects an integer"), k.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.positiveIntegers("ef"));
        Flags g = SPEC.parse(List.of("--base", "a", "--k", "0"));
        IllegalArgumentException min =
                assertThrows(IllegalArgumentException.class, () -> g.integer("k", 1));
        assertTrue(min.getMessage().contains("at least 1"), min.getMessage());
    }

    @Test
    void undeclaredLookupIsAProgrammingError() {
        Flags f = SPEC.parse(List.of("--base", "a"));
        assertThrows(IllegalStateException.class, () -> f.string("nope"));
        assertThrows(
                IllegalStateException.class,
                () -> Flags.spec("x").optional("a", null, "").optional("a", null, ""));
    }
}
