package org.vectorindex.jobs.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmbedCommandTest {

    @Test
    void rejectsMissingAndUnknownArguments() {
        assertEquals(2, EmbedCommand.run(new String[0]));
        assertEquals(2, EmbedCommand.run(new String[] {"--bogus"}));
        assertEquals(2, EmbedCommand.run(new String[] {"--docs"}));
        assertEquals(2, EmbedCommand.run(new String[] {"--docs", "x"}));
        assertThrows(IllegalArgumentException.class, () -> EmbedCommand.selection("klingon"));
    }
}
