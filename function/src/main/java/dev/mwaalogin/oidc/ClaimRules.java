package dev.mwaalogin.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** The checks on a signed token's claims (OpenID Connect Core 1.0, section 3.1.3.7). */
final class ClaimRules {

    private final String issuer;
    private final String clientId;
    private final Duration skew;

    ClaimRules(String issuer, String clientId, Duration skew) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.skew = skew;
    }

    /**
     * @param expectedNonce the nonce sent with the authorization request, or null when none is expected
     * @param bearer        a token a script sent, which may also be a Cognito access token for this client
     * @throws TokenRejected with the first rule broken
     */
    void check(JWTClaimsSet claims, Instant now, String expectedNonce, boolean bearer) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new TokenRejected(TokenRejected.Reason.WRONG_ISSUER);
        }
        checkAudience(claims, bearer);
        Date expires = claims.getExpirationTime();
        Date issued = claims.getIssueTime();
        if (expires == null || issued == null || claims.getSubject() == null || claims.getSubject().isEmpty()) {
            throw new TokenRejected(TokenRejected.Reason.MISSING_CLAIM);
        }
        if (!now.isBefore(expires.toInstant().plus(skew))) {
            throw new TokenRejected(TokenRejected.Reason.EXPIRED);
        }
        if (issued.toInstant().isAfter(now.plus(skew))) {
            throw new TokenRejected(TokenRejected.Reason.ISSUED_IN_THE_FUTURE);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plus(skew))) {
            throw new TokenRejected(TokenRejected.Reason.NOT_YET_VALID);
        }
        if (expectedNonce != null && !sameText(expectedNonce, claims.getClaim("nonce"))) {
            throw new TokenRejected(TokenRejected.Reason.NONCE_MISMATCH);
        }
    }

    private void checkAudience(JWTClaimsSet claims, boolean bearer) {
        if (claims.getAudience().contains(clientId)) {
            Object authorizedParty = claims.getClaim("azp");
            if (authorizedParty != null && !clientId.equals(authorizedParty)) {
                throw new TokenRejected(TokenRejected.Reason.WRONG_AUTHORIZED_PARTY);
            }
            return;
        }
        // Cognito's access tokens have no aud; they name the app client in client_id instead.
        if (bearer && "access".equals(claims.getClaim("token_use")) && clientId.equals(claims.getClaim("client_id"))) {
            return;
        }
        throw new TokenRejected(TokenRejected.Reason.WRONG_AUDIENCE);
    }

    private static boolean sameText(String expected, Object actual) {
        return actual instanceof String text && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                text.getBytes(StandardCharsets.UTF_8));
    }
}
