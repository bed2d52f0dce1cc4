package dev.mwaalogin.oidc;

import static dev.mwaalogin.oidc.TestKeys.EC_256;
import static dev.mwaalogin.oidc.TestKeys.EC_384;
import static dev.mwaalogin.oidc.TestKeys.EC_521;
import static dev.mwaalogin.oidc.TestKeys.OTHER_RSA;
import static dev.mwaalogin.oidc.TestKeys.RSA;
import static dev.mwaalogin.oidc.TestKeys.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signatures and claims of ID tokens and bearer tokens, against a provider served over loopback HTTP. */
class IdTokenVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final String CLIENT = "client-abc";
    static final String NONCE = "nonce-xyz";

    private FakeProvider fake;
    private IdTokenVerifier verifier;

    @BeforeEach
    void start() throws IOException {
        fake = FakeProvider.start().keys(RSA, EC_256, EC_384, EC_521);
        MutableClock clock = new MutableClock(NOW);
        verifier = new IdTokenVerifier(fake.provider().clock(clock).build(), CLIENT, clock, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private JWTClaimsSet.Builder claims() {
        return TestKeys.idClaims(fake.issuer, CLIENT, NOW, NONCE);
    }

    private VerifiedClaims verify(String token) {
        return verifier.verifyIdToken(token, NONCE, ProviderDeadline.after(Duration.ofSeconds(5)));
    }

    private TokenRejected.Reason rejection(String token) {
        return assertThrows(TokenRejected.class, () -> verify(token)).rule();
    }

    private TokenRejected.Reason rejection(JWTClaimsSet.Builder claims) {
        return rejection(sign(RSA, JWSAlgorithm.RS256, claims.build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
    void acceptsEveryAllowedRsaAlgorithm(String algorithm) {
        VerifiedClaims verified = verify(sign(RSA, JWSAlgorithm.parse(algorithm), claims().build()));
        assertEquals("user-123", verified.subject());
        assertEquals(Instant.ofEpochSecond(NOW.plusSeconds(3600).getEpochSecond()), verified.expiresAt());
    }

    @ParameterizedTest
    @CsvSource({"ES256,ec-256", "ES384,ec-384", "ES512,ec-521"})
    void acceptsEcdsaWithTheKeyOfTheMatchingCurve(String algorithm, String kid) {
        JWK key = List.of(EC_256, EC_384, EC_521).stream().filter(k -> k.getKeyID().equals(kid)).findFirst()
                .orElseThrow();
        assertEquals("user-123", verify(sign(key, JWSAlgorithm.parse(algorithm), claims().build())).subject());
    }

    @Test
    void claimsKeepTheirJsonShapeAndCannotBeChanged() {
        VerifiedClaims verified = verify(sign(RSA, JWSAlgorithm.RS256, claims()
                .claim("cognito:groups", List.of("admins", "viewers")).claim("address", Map.of("country", "NL"))
                .claim("age", 42).build()));
        assertEquals(List.of("admins", "viewers"), verified.strings("cognito:groups"));
        assertEquals(List.of("user@example.com"), verified.strings("email"));
        assertEquals("user@example.com", verified.string("email").orElseThrow());
        assertEquals(Map.of("country", "NL"), verified.claims().get("address"));
        assertEquals(42L, verified.claims().get("age"));
        assertEquals(NOW.plusSeconds(3600).getEpochSecond(), verified.claims().get("exp"));
        assertThrows(UnsupportedOperationException.class, () -> verified.claims().put("sub", "admin"));
        assertThrows(UnsupportedOperationException.class,
                () -> ((List<?>) verified.claims().get("cognito:groups")).add(null));
        assertTrue(verified.strings("age").isEmpty());
        assertFalse(verified.toString().contains("user@example.com"), "toString shows no claim values");
    }

    @Test
    void aKeyIsUsedOnlyWithTheAlgorithmItsJwkNames() throws IOException {
        fake.keys(new RSAKey.Builder(RSA).algorithm(JWSAlgorithm.RS256).build());
        assertEquals("user-123", verify(sign(RSA, JWSAlgorithm.RS256, claims().build())).subject());
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(sign(RSA, JWSAlgorithm.PS256, claims().build())));
    }

    @Test
    void anEcKeyIsNotUsedForAnotherCurvesAlgorithm() {
        String es384UnderTheP256Kid = sign(EC_384, new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("ec-256").build(),
                claims().build());
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(es384UnderTheP256Kid));
    }

    @Test
    void aSignatureByAnotherKeyUnderAKnownKidIsBad() {
        String forged = sign(OTHER_RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                claims().build());
        assertEquals(TokenRejected.Reason.BAD_SIGNATURE, rejection(forged));
    }

    @Test
    void aChangedPayloadBreaksTheSignature() {
        String[] parts = sign(RSA, JWSAlgorithm.RS256, claims().build()).split("\\.");
        String[] admin = sign(RSA, JWSAlgorithm.RS256, claims().subject("admin").build()).split("\\.");
        assertEquals(TokenRejected.Reason.BAD_SIGNATURE, rejection(parts[0] + "." + admin[1] + "." + parts[2]));
    }

    @Test
    void withoutKidTheOnlyKeyOfTheRightTypeIsUsed() {
        JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.RS256).build();
        assertEquals("user-123", verify(sign(RSA, noKid, claims().build())).subject());
        fake.keys(RSA, OTHER_RSA);
        // A fresh verifier: the first one keeps the key set it fetched.
        verifier = new IdTokenVerifier(fake.provider().build(), CLIENT, new MutableClock(NOW), Duration.ofSeconds(60));
        assertEquals(TokenRejected.Reason.UNKNOWN_KEY, rejection(sign(RSA, noKid, claims().build())));
    }

    @Test
    void issuerMustMatchExactly() {
        assertEquals(TokenRejected.Reason.WRONG_ISSUER, rejection(claims().issuer(fake.issuer + "/")));
        assertEquals(TokenRejected.Reason.WRONG_ISSUER, rejection(claims().issuer("https://evil.example.com")));
        assertEquals(TokenRejected.Reason.WRONG_ISSUER, rejection(claims().issuer(null)));
    }

    @Test
    void audienceMustNameThisClient() {
        assertEquals(TokenRejected.Reason.WRONG_AUDIENCE, rejection(claims().audience("other-client")));
        assertEquals(TokenRejected.Reason.WRONG_AUDIENCE, rejection(claims().audience((String) null)));
        // Several audiences: only with azp saying the token is this client's (Core 1.0, 3.1.3.7).
        assertEquals(TokenRejected.Reason.NO_AUTHORIZED_PARTY, rejection(claims().audience(List.of("other",
                CLIENT))));
        assertEquals("user-123", verify(sign(RSA, JWSAlgorithm.RS256,
                claims().audience(List.of("other", CLIENT)).claim("azp", CLIENT).build())).subject());
    }

    @Test
    void aClaimNamingAnotherClientIsRefused() {
        assertEquals(TokenRejected.Reason.WRONG_CLIENT, rejection(claims().claim("cid", "other")));
        assertEquals(TokenRejected.Reason.WRONG_CLIENT, rejection(claims().claim("client_id", "other")));
        assertEquals("user-123", verify(sign(RSA, JWSAlgorithm.RS256, claims().claim("cid", CLIENT)
                .claim("client_id", CLIENT).build())).subject());
    }

    @Test
    void anAuthorizedPartyMustBeThisClient() {
        assertEquals(TokenRejected.Reason.WRONG_AUTHORIZED_PARTY, rejection(claims().claim("azp", "other")));
        assertEquals("user-123", verify(sign(RSA, JWSAlgorithm.RS256, claims().claim("azp", CLIENT).build()))
                .subject());
    }

    @Test
    void expiryAllowsTheClockSkewAndNoMore() {
        assertEquals(TokenRejected.Reason.EXPIRED, rejection(claims().expirationTime(Date.from(NOW.minusSeconds(61)))));
        assertEquals(TokenRejected.Reason.EXPIRED, rejection(claims().expirationTime(Date.from(NOW.minusSeconds(60)))));
        verify(sign(RSA, JWSAlgorithm.RS256, claims().expirationTime(Date.from(NOW.minusSeconds(30))).build()));
    }

    @Test
    void aTokenFromTheFutureIsRejected() {
        assertEquals(TokenRejected.Reason.ISSUED_IN_THE_FUTURE,
                rejection(claims().issueTime(Date.from(NOW.plusSeconds(120)))));
        assertEquals(TokenRejected.Reason.NOT_YET_VALID,
                rejection(claims().notBeforeTime(Date.from(NOW.plusSeconds(120)))));
        verify(sign(RSA, JWSAlgorithm.RS256, claims().issueTime(Date.from(NOW.plusSeconds(30)))
                .notBeforeTime(Date.from(NOW.plusSeconds(30))).build()));
    }

    @Test
    void subjectExpiryAndIssueTimeAreRequired() {
        assertEquals(TokenRejected.Reason.MISSING_CLAIM, rejection(claims().subject(null)));
        assertEquals(TokenRejected.Reason.MISSING_CLAIM, rejection(claims().subject("")));
        assertEquals(TokenRejected.Reason.MISSING_CLAIM, rejection(claims().expirationTime(null)));
        assertEquals(TokenRejected.Reason.MISSING_CLAIM, rejection(claims().issueTime(null)));
    }

    @Test
    void theNonceMustBeTheOneSent() {
        assertEquals(TokenRejected.Reason.NONCE_MISMATCH, rejection(claims().claim("nonce", "other-nonce")));
        assertEquals(TokenRejected.Reason.NONCE_MISMATCH, rejection(claims().claim("nonce", null)));
        assertEquals(TokenRejected.Reason.NONCE_MISMATCH, rejection(claims().claim("nonce", 12345)));
        assertEquals(TokenRejected.Reason.NONCE_MISMATCH, rejection(claims().claim("nonce", NONCE + "x")));
    }

    @Test
    void claimsOfTheWrongTypeAreMalformed() {
        assertEquals(TokenRejected.Reason.MALFORMED, rejection(claims().claim("iss", 42)));
        assertEquals(TokenRejected.Reason.MALFORMED, rejection(claims().claim("exp", "tomorrow")));
    }

    @Test
    void aBearerTokenNeedsNoNonce() {
        String token = sign(EC_256, JWSAlgorithm.ES256, claims().claim("nonce", null).build());
        assertEquals("user-123", verifier.verifyBearerToken(token, ProviderDeadline.after(Duration.ofSeconds(5))).subject());
    }

    @Test
    void aCognitoShapedAccessTokenFromAProviderThatIsNoCognitoPoolIsRefused() {
        // This provider is not a Cognito user pool: an access token without aud is no token for this client, however
        // it names the client (ClaimRulesTest has a pool's own).
        JWTClaimsSet access = new JWTClaimsSet.Builder().issuer(fake.issuer).subject("user-123")
                .claim("token_use", "access").claim("client_id", CLIENT).claim("scope", "openid email")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(3600))).build();
        String token = sign(RSA, JWSAlgorithm.RS256, access);
        assertEquals(TokenRejected.Reason.WRONG_AUDIENCE, assertThrows(TokenRejected.class,
                () -> verifier.verifyBearerToken(token, ProviderDeadline.after(Duration.ofSeconds(5)))).rule());
    }

    @Test
    void aProviderThatCannotServeItsKeysIsNotTheTokensFault() {
        fake.answer(FakeProvider.JWKS, 503, "{}");
        String token = sign(RSA, JWSAlgorithm.RS256, claims().build());
        assertEquals("Jwks:HTTP503", assertThrows(ProviderUnreachable.class, () -> verify(token)).reason());
        fake.answer(FakeProvider.JWKS, 200, "<html>maintenance</html>");
        assertEquals("JwksNotParsable", assertThrows(ProviderBadAnswer.class, () -> verify(token)).reason());
    }
}
