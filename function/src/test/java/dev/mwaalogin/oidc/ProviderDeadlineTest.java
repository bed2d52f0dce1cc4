package dev.mwaalogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderDeadlineTest {

    @Test
    void aPassedDeadlineHasNothingLeft() {
        ProviderDeadline deadline = ProviderDeadline.after(Duration.ofMillis(-1));
        assertTrue(deadline.passed());
        assertEquals(Duration.ZERO, deadline.remaining());
        assertEquals(0, deadline.remainingMillis());
    }

    @Test
    void aComingDeadlineHasTimeLeft() {
        ProviderDeadline deadline = ProviderDeadline.after(Duration.ofHours(1));
        assertFalse(deadline.passed());
        assertTrue(deadline.remaining().compareTo(Duration.ofMinutes(59)) > 0);
        assertTrue(deadline.remainingMillis() > 0 && deadline.remainingMillis() <= 3_600_000);
    }
}
