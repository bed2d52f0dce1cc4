package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** What of a value may reach the log line. */
class LoginLogTest {

    @Property(tries = 3000)
    void aSafeValueHasOnlyLogSafeCharactersAndKeepsItsLengthUpToTheMaximum(@ForAll String value,
                                                                           @ForAll @IntRange(min = 1, max = 40) int max) {
        String safe = LoginLog.safe(value, max);
        assertTrue(safe.matches("[A-Za-z0-9._@+=,/$-]*"), safe);
        assertEquals(Math.min(value.length(), max), safe.length());
        for (int i = 0; i < safe.length(); i++) {
            assertTrue(safe.charAt(i) == value.charAt(i) || safe.charAt(i) == '_', value + " -> " + safe);
        }
    }

    @Test
    void aValueThatIsAlreadySafeIsKept() {
        assertEquals("alice@example.com", LoginLog.safe("alice@example.com", 64));
        assertEquals("alice", LoginLog.safe("alice@example.com", 5));
        assertEquals("a_b_c_d", LoginLog.safe("a b\"c\nd", 64));
        assertNull(LoginLog.safe(null, 10));
    }
}
