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

    private LoginTokenStore.Redemption redeem(String token) {
        return store.redeem(token, environment -> true);
    }

    @Test
    void tokensAreLongUrlSafeAndDistinct() {
        String first = store.issue("demo", "me", "Viewer");
        assertEquals(214, first.length());
        assertTrue(first.matches("[A-Za-z0-9_-]+"));
        assertNotEquals(first, store.issue("demo", "me", "Viewer"));
    }

    @Test
    void redeemsOnceWithinItsTtlWithItsIdentityAndRole() {
        String token = store.issue("demo", "me", "Admin");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(new LoginTokenStore.Redemption(LoginTokenStore.Result.OK, "demo", "me", "Admin"), redeem(token));
        assertEquals(LoginTokenStore.Result.REUSED, redeem(token).result());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(LoginTokenStore.Result.REUSED, redeem(token).result(), "spent stays spent");
    }

    @Test
    void theWrongSitesPageDoesNotSpendIt() {
        String token = store.issue("v3demo", "me", "Viewer");
        LoginTokenStore.Redemption wrong = store.redeem(token, environment -> !environment.equals("v3demo"));
        assertEquals(new LoginTokenStore.Redemption(LoginTokenStore.Result.WRONG_PAGE, "v3demo", null, null), wrong);
        assertEquals("wrong-page", wrong.result().wireName());
        assertEquals(LoginTokenStore.Result.OK, redeem(token).result(), "still good on its own page");
    }

    @Test
    void expiresAfterItsTtl() {
        String token = store.issue("demo", "me", "Viewer");
        clock.advance(Duration.ofSeconds(61));
        assertEquals(LoginTokenStore.Result.EXPIRED, redeem(token).result());
    }

    @Test
    void forgetsOldTokensEventually() {
        String token = store.issue("demo", "me", "Viewer");
        clock.advance(Duration.ofHours(2));
        store.issue("demo", "me", "Viewer"); // issuing sweeps
        assertEquals(LoginTokenStore.Result.UNKNOWN, redeem(token).result());
    }

    @Test
    void unknownToken() {
        assertEquals(LoginTokenStore.Result.UNKNOWN, redeem("nope").result());
        assertEquals("unknown", LoginTokenStore.Result.UNKNOWN.wireName());
    }

    @Test
    void ttlMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LoginTokenStore(clock, Duration.ZERO));
    }
}
