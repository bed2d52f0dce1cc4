package dev.mwaalogin.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The checks on a signed token's claims (OpenID Connect Core 1.0, section 3.1.3.7), and that the token was issued to
 * this client and no other: a provider signs tokens for every application it serves with the same keys.
 */
final class ClaimRules {

    /** Claims that name the client a token was issued to: OpenID's, Okta's access tokens', Cognito's and RFC 9068's. */
    private static final List<String> CLIENT_CLAIMS = List.of("azp", "cid", "client_id");

    private final String issuer;
    private final String clientId;
    private final Duration skew;
    /** Cognito access tokens carry no aud; only a Cognito user pool's own tokens may be taken without one. */
    private final boolean cognitoUserPool;

    ClaimRules(String issuer, String clientId, Duration skew) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.skew = skew;
        this.cognitoUserPool = EndSession.isCognitoIssuer(issuer);
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

    /**
     * The audience must name this client; when it names others too, {@code azp} must say the token is this client's
     * (Core 1.0, 3.1.3.7 items 4 and 5). Any claim naming the client ({@code azp}, Okta's {@code cid},
     * {@code client_id}) must name this one. A Cognito access token, which has no {@code aud}, counts for a bearer
     * token only when this client's provider is a Cognito user pool and its {@code client_id} is this client.
     */
    private void checkAudience(JWTClaimsSet claims, boolean bearer) {
        List<String> audience = claims.getAudience();
        boolean cognitoAccessToken = bearer && cognitoUserPool && audience.isEmpty()
                && "access".equals(claims.getClaim("token_use")) && clientId.equals(claims.getClaim("client_id"));
        if (!audience.contains(clientId) && !cognitoAccessToken) {
            throw new TokenRejected(TokenRejected.Reason.WRONG_AUDIENCE);
        }
        for (String name : CLIENT_CLAIMS) {
            Object named = claims.getClaim(name);
            if (named != null && !clientId.equals(named)) {
                throw new TokenRejected(name.equals("azp") ? TokenRejected.Reason.WRONG_AUTHORIZED_PARTY
                        : TokenRejected.Reason.WRONG_CLIENT);
            }
        }
        if (audience.size() > 1 && claims.getClaim("azp") == null) {
            throw new TokenRejected(TokenRejected.Reason.NO_AUTHORIZED_PARTY);
        }
    }

    private static boolean sameText(String expected, Object actual) {
        return actual instanceof String text && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                text.getBytes(StandardCharsets.UTF_8));
    }
}
