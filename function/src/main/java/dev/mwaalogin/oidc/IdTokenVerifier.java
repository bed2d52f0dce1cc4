package dev.mwaalogin.oidc;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a token from the provider can be trusted: an ID token at the end of a browser sign-in, or a
 * bearer token a script sends. The signature is checked against the provider's published keys with public-key
 * algorithms only ({@link SignatureCheck}), then the claims ({@link ClaimRules}). Thread-safe.
 */
public final class IdTokenVerifier {

    /** Real ID tokens are 1-2 KB, with many groups maybe 8; anything longer is not parsed at all. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;
    static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    private final OidcProvider provider;
    private final ClaimRules rules;
    private final Clock clock;

    /** @param clientId this application's client id at the provider; the provider's clock is "now" */
    public IdTokenVerifier(OidcProvider provider, String clientId) {
        this(provider, clientId, provider.clock(), DEFAULT_CLOCK_SKEW);
    }

    IdTokenVerifier(OidcProvider provider, String clientId, Clock clock, Duration skew) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.rules = new ClaimRules(provider.issuer(), Objects.requireNonNull(clientId, "clientId"), skew);
        this.clock = clock;
    }

    /**
     * Verifies the ID token the token endpoint returned.
     *
     * @param expectedNonce the nonce of the authorization request this sign-in started with
     * @throws TokenRejected       the token must not be trusted
     * @throws ProviderUnreachable the keys were needed and could not be fetched
     * @throws ProviderBadAnswer   the keys were needed and the provider's answer was unusable
     */
    public VerifiedClaims verifyIdToken(String idToken, String expectedNonce, ProviderDeadline deadline) {
        return verify(idToken, Objects.requireNonNull(expectedNonce, "expectedNonce"), false, deadline);
    }

    /**
     * Verifies a token a script sent in an {@code Authorization: Bearer} header: an ID token for this client, or a
     * Cognito access token for it. There is no nonce to check. Same exceptions as {@link #verifyIdToken}.
     */
    public VerifiedClaims verifyBearerToken(String token, ProviderDeadline deadline) {
        return verify(token, null, true, deadline);
    }

    private VerifiedClaims verify(String token, String expectedNonce, boolean bearer, ProviderDeadline deadline) {
        SignedJWT jwt = parse(token);
        checkSignature(jwt, deadline);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejected(TokenRejected.Reason.MALFORMED);
        }
        rules.check(claims, clock.instant(), expectedNonce, bearer);
        return new VerifiedClaims(claims.getSubject(), claims.getExpirationTime().toInstant(), claims.toJSONObject());
    }

    private static SignedJWT parse(String token) {
        if (token == null || token.isEmpty()) {
            throw new TokenRejected(TokenRejected.Reason.MALFORMED);
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenRejected(TokenRejected.Reason.TOO_LARGE);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejected(TokenRejected.Reason.MALFORMED);
        }
        // An unsigned (alg none) or encrypted token is not a signed one, whatever else it is.
        if (!(jwt instanceof SignedJWT signed) || !SignatureCheck.ALLOWED.contains(signed.getHeader().getAlgorithm())) {
            throw new TokenRejected(TokenRejected.Reason.ALGORITHM_NOT_ALLOWED);
        }
        return signed;
    }

    private void checkSignature(SignedJWT jwt, ProviderDeadline deadline) {
        JWSHeader header = jwt.getHeader();
        List<JWK> keys = SignatureCheck.candidates(provider.keys(deadline), header);
        if (keys.isEmpty()) {
            // Maybe the provider rotated its keys since they were fetched; KeySetCache limits how often this refetches.
            keys = provider.keysAfterUnknownKey(deadline).map(set -> SignatureCheck.candidates(set, header))
                    .orElse(List.of());
        }
        if (keys.isEmpty()) {
            throw new TokenRejected(TokenRejected.Reason.UNKNOWN_KEY);
        }
        if (keys.stream().noneMatch(key -> SignatureCheck.verifies(jwt, key))) {
            throw new TokenRejected(TokenRejected.Reason.BAD_SIGNATURE);
        }
    }
}
