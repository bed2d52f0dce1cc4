package dev.mwaalogin.oidc;

/** A token that must not be trusted. The {@link Reason} names the first rule it broke. */
public final class TokenRejected extends OidcException {

    private static final long serialVersionUID = 1L;

    /** Which rule the token broke. */
    public enum Reason {
        /** Longer than any real token; not parsed. */
        TOO_LARGE,
        /** Not a compact JWS with JSON header and claims of the right types. */
        MALFORMED,
        /** {@code none}, an HMAC, an encrypted token, or any algorithm outside the allow-list. */
        ALGORITHM_NOT_ALLOWED,
        /** No key of the provider's key set fits the token's {@code kid} and algorithm, even after a refresh. */
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        WRONG_ISSUER,
        /** Neither the {@code aud} (nor, for a Cognito access token, the {@code client_id}) is this client. */
        WRONG_AUDIENCE,
        /** An {@code azp} that names another client. */
        WRONG_AUTHORIZED_PARTY,
        /** A {@code cid} or {@code client_id} that names another client. */
        WRONG_CLIENT,
        /** Several audiences, and no {@code azp} saying which client the token is for. */
        NO_AUTHORIZED_PARTY,
        EXPIRED,
        NOT_YET_VALID,
        ISSUED_IN_THE_FUTURE,
        /** {@code sub}, {@code exp} or {@code iat} is missing. */
        MISSING_CLAIM,
        NONCE_MISMATCH
    }

    private final Reason rule;

    TokenRejected(Reason rule) {
        super(rule.name());
        this.rule = rule;
    }

    public Reason rule() {
        return rule;
    }
}
