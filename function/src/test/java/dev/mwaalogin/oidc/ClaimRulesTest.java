package dev.mwaalogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A token counts only for the client it was issued to; a Cognito access token only from the pool's own issuer. */
class ClaimRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String CLIENT = "4n1e9v0example0client0id0";
    private static final String POOL = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";
    private static final String OKTA = "https://acme.okta.com/oauth2/default";

    private static JWTClaimsSet.Builder token(String issuer) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject("user-1").issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    private static JWTClaimsSet.Builder cognitoAccessToken(String issuer, String clientId) {
        return token(issuer).claim("token_use", "access").claim("client_id", clientId).claim("scope", "openid");
    }

    private static void accept(String issuer, JWTClaimsSet.Builder claims, boolean bearer) {
        new ClaimRules(issuer, CLIENT, Duration.ofSeconds(60)).check(claims.build(), NOW, null, bearer);
    }

    private static TokenRejected.Reason rejection(String issuer, JWTClaimsSet.Builder claims, boolean bearer) {
        return assertThrows(TokenRejected.class, () -> accept(issuer, claims, bearer)).rule();
    }

    @Test
    void theStacksOwnPoolsAccessTokenForThisClientIsABearerTokenButNotAnIdToken() {
        accept(POOL, cognitoAccessToken(POOL, CLIENT), true);
        assertEquals(TokenRejected.Reason.WRONG_AUDIENCE, rejection(POOL, cognitoAccessToken(POOL, CLIENT), false));
        assertEquals(TokenRejected.Reason.WRONG_AUDIENCE, rejection(POOL, cognitoAccessToken(POOL, "other"), true));
        assertEquals(TokenRejected.Reason.WRONG_AUDIENCE, rejection(POOL, cognitoAccessToken(POOL, CLIENT)
                .claim("token_use", "id"), true));
    }

    @Test
    void aCognitoShapedAccessTokenFromAnyOtherIssuerIsRefused() {
        // Same shape, same client id: from a provider that is not a Cognito user pool it names no audience at all.
        assertEquals(TokenRejected.Reason.WRONG_AUDIENCE, rejection(OKTA, cognitoAccessToken(OKTA, CLIENT), true));
        String lookalike = "https://cognito-idp.eu-west-1.amazonaws.com.evil.example/eu-west-1_AbCdEf123";
        assertEquals(TokenRejected.Reason.WRONG_AUDIENCE, rejection(lookalike, cognitoAccessToken(lookalike,
                CLIENT), true));
    }

    @Test
    void anyClaimNamingTheClientMustNameThisOne() {
        accept(OKTA, token(OKTA).audience(CLIENT).claim("azp", CLIENT).claim("cid", CLIENT), true);
        assertEquals(TokenRejected.Reason.WRONG_AUTHORIZED_PARTY, rejection(OKTA, token(OKTA).audience(CLIENT)
                .claim("azp", "other"), true));
        assertEquals(TokenRejected.Reason.WRONG_CLIENT, rejection(OKTA, token(OKTA).audience(CLIENT)
                .claim("cid", "other"), true));
        assertEquals(TokenRejected.Reason.WRONG_CLIENT, rejection(OKTA, token(OKTA).audience(CLIENT)
                .claim("client_id", "other"), false));
        assertEquals(TokenRejected.Reason.WRONG_CLIENT, rejection(OKTA, token(OKTA).audience(CLIENT)
                .claim("cid", 42), true));
    }

    @Test
    void severalAudiencesNeedAnAuthorizedPartyThatIsThisClient() {
        assertEquals(TokenRejected.Reason.NO_AUTHORIZED_PARTY, rejection(OKTA, token(OKTA).audience(List.of(CLIENT,
                "api://other")), true));
        assertEquals(TokenRejected.Reason.WRONG_AUTHORIZED_PARTY, rejection(OKTA, token(OKTA).audience(List.of(
                CLIENT, "api://other")).claim("azp", "api://other"), true));
        accept(OKTA, token(OKTA).audience(List.of(CLIENT, "api://other")).claim("azp", CLIENT), true);
        assertEquals(TokenRejected.Reason.WRONG_AUDIENCE, rejection(OKTA, token(OKTA).audience("api://other")
                .claim("azp", CLIENT), true));
    }
}
