package dev.mwaalogin.oidc;

import static dev.mwaalogin.oidc.TestKeys.OTHER_RSA;
import static dev.mwaalogin.oidc.TestKeys.RSA;
import static dev.mwaalogin.oidc.TestKeys.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the provider's keys are fetched again: key rotation, unknown kids, and age. */
class KeyRefreshTest {

    private static final Instant NOW = IdTokenVerifierTest.NOW;

    private FakeProvider fake;
    private MutableClock clock;
    private IdTokenVerifier verifier;

    @BeforeEach
    void start() throws IOException {
        fake = FakeProvider.start().keys(RSA);
        clock = new MutableClock(NOW);
        OidcProvider provider = fake.provider().clock(clock).keysMaxAge(Duration.ofHours(1))
                .keysMinInterval(Duration.ofSeconds(30)).build();
        verifier = new IdTokenVerifier(provider, IdTokenVerifierTest.CLIENT, clock, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** Signed now (by the test clock) with the key, under the given kid. */
    private String token(RSAKey key, String kid) {
        return sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), TestKeys.idClaims(fake.issuer,
                IdTokenVerifierTest.CLIENT, clock.instant(), IdTokenVerifierTest.NONCE).build());
    }

    private VerifiedClaims verify(String token) {
        return verifier.verifyIdToken(token, IdTokenVerifierTest.NONCE, ProviderDeadline.after(Duration.ofSeconds(5)));
    }

    private TokenRejected.Reason rejection(String token) {
        return assertThrows(TokenRejected.class, () -> verify(token)).rule();
    }

    @Test
    void nothingIsFetchedBeforeFirstUseAndTheKeysAreKept() {
        assertEquals(0, fake.hits(FakeProvider.DISCOVERY) + fake.hits(FakeProvider.JWKS));
        for (int i = 0; i < 5; i++) {
            verify(token(RSA, "rsa-1"));
        }
        assertEquals(1, fake.hits(FakeProvider.DISCOVERY));
        assertEquals(1, fake.hits(FakeProvider.JWKS));
    }

    @Test
    void anUnknownKidFetchesTheKeysOnceThenNotAgainWithinTheInterval() {
        verify(token(RSA, "rsa-1"));
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(token(OTHER_RSA, "random-1")));
        assertEquals(1, fake.hits(FakeProvider.JWKS), "the keys were fetched just now: no refetch yet");
        clock.advance(Duration.ofSeconds(31));
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(token(OTHER_RSA, "random-2")));
        assertEquals(2, fake.hits(FakeProvider.JWKS), "one refetch for an unknown kid");
        for (int i = 3; i < 50; i++) {
            clock.advance(Duration.ofMillis(500));
            assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(token(OTHER_RSA, "random-" + i)));
        }
        assertEquals(2, fake.hits(FakeProvider.JWKS), "a flood of unknown kids within the interval: no refetch");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(token(OTHER_RSA, "random-99")));
        assertEquals(3, fake.hits(FakeProvider.JWKS));
    }

    @Test
    void aRotatedKeyIsFoundByTheRefetch() {
        verify(token(RSA, "rsa-1"));
        fake.keys(RSA, OTHER_RSA);
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(token(OTHER_RSA, "rsa-2")));
        clock.advance(Duration.ofSeconds(30));
        assertEquals("user-123", verify(token(OTHER_RSA, "rsa-2")).subject());
        assertEquals(2, fake.hits(FakeProvider.JWKS));
        verify(token(RSA, "rsa-1"));
        verify(token(OTHER_RSA, "rsa-2"));
        assertEquals(2, fake.hits(FakeProvider.JWKS));
    }

    @Test
    void theFirstFetchIsNotRateLimitedWhenItFailed() {
        fake.answer(FakeProvider.JWKS, 503, "{}");
        assertThrows(ProviderUnreachable.class, () -> verify(token(RSA, "rsa-1")));
        fake.keys(RSA);
        assertEquals("user-123", verify(token(RSA, "rsa-1")).subject());
        assertEquals(2, fake.hits(FakeProvider.JWKS));
    }

    @Test
    void agedKeysAreFetchedAgainAndStayInUseWhileTheProviderFails() {
        verify(token(RSA, "rsa-1"));
        clock.advance(Duration.ofMinutes(61));
        fake.keys(RSA, OTHER_RSA);
        verify(token(OTHER_RSA, "rsa-2"));
        assertEquals(2, fake.hits(FakeProvider.JWKS), "aged keys were fetched again, and the new key was in them");

        clock.advance(Duration.ofMinutes(61));
        fake.answer(FakeProvider.JWKS, 503, "{}");
        assertEquals("user-123", verify(token(RSA, "rsa-1")).subject(), "the aged keys still work");
        verify(token(OTHER_RSA, "rsa-2"));
        assertEquals(3, fake.hits(FakeProvider.JWKS), "one failed refresh, then none within the interval");
        clock.advance(Duration.ofSeconds(31));
        verify(token(RSA, "rsa-1"));
        assertEquals(4, fake.hits(FakeProvider.JWKS));
    }

    @Test
    void aRefetchForAnUnknownKidThatFailsIsTheProvidersFailure() {
        verify(token(RSA, "rsa-1"));
        clock.advance(Duration.ofSeconds(31));
        fake.answer(FakeProvider.JWKS, 503, "{}");
        assertThrows(ProviderUnreachable.class, () -> verify(token(OTHER_RSA, "rsa-2")));
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(token(OTHER_RSA, "rsa-2")));
        assertEquals("user-123", verify(token(RSA, "rsa-1")).subject());
    }
}
