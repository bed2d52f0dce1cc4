package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginTokenStoreTest {

    private final SsoPageIT.ManualClock clock = new SsoPageIT.ManualClock();
    private final LoginTokenStore store = new LoginTokenStore(clock, Duration.ofSeconds(60));

    @Test
    void tokensAreLongUrlSafeAndDistinct() {
        String first = store.issue("demo", "me");
        assertEquals(214, first.length());
        assertTrue(first.matches("[A-Za-z0-9_-]+"));
        assertNotEquals(first, store.issue("demo", "me"));
    }

    @Test
    void redeemsOnceWithinItsTtl() {
        String token = store.issue("demo", "me");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(new LoginTokenStore.Redemption(LoginTokenStore.Result.OK, "demo", "me"), store.redeem(token));
        assertEquals(LoginTokenStore.Result.REUSED, store.redeem(token).result());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(LoginTokenStore.Result.REUSED, store.redeem(token).result(), "spent stays spent");
    }

    @Test
    void expiresAfterItsTtl() {
        String token = store.issue("demo", "me");
        clock.advance(Duration.ofSeconds(61));
        assertEquals(LoginTokenStore.Result.EXPIRED, store.redeem(token).result());
    }

    @Test
    void forgetsOldTokensEventually() {
        String token = store.issue("demo", "me");
        clock.advance(Duration.ofHours(2));
        store.issue("demo", "me"); // issuing sweeps
        assertEquals(LoginTokenStore.Result.UNKNOWN, store.redeem(token).result());
    }

    @Test
    void unknownToken() {
        assertEquals(LoginTokenStore.Result.UNKNOWN, store.redeem("nope").result());
        assertEquals("unknown", LoginTokenStore.Result.UNKNOWN.wireName());
    }

    @Test
    void ttlMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LoginTokenStore(clock, Duration.ZERO));
    }
}
