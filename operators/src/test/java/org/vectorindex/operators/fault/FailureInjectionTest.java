package org.vectorindex.operators.fault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureInjectionTest {
    @Test
    void blankPlanIsOff() {
        assertSame(FailureInjection.NONE, FailureInjection.parse("x", " ", null));
        assertSame(FailureInjection.NONE, FailureInjection.parse("x", null, null));
        assertFalse(FailureInjection.NONE.isActive());
        FailureInjection.NONE.onRecord(); // never throws
    }

    @Test
    void parsesPlans() {
        assertTrue(FailureInjection.parse("x", "0:10, 2:5", null).isActive());
    }

    @Test
    void rejectsBadPlans() {
        for (String bad : new String[] {"0", "a:1", "0:0", "-1:3", "1:2:3"}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> FailureInjection.parse("index", bad, null),
                            bad);
            assertTrue(e.getMessage().contains("index"), e.getMessage());
        }
    }
}
