package dev.mwaalogin.oidc;

/**
 * Something in a sign-in did not work out. Every subtype says whose fault it was, so a caller can choose the HTTP
 * answer by type alone, and carries a {@link #reason()} that is safe to log: it never quotes a token, a claim value,
 * a secret or the provider's own message text.
 */
public abstract sealed class OidcException extends RuntimeException
        permits ProviderUnreachable, ProviderBadAnswer, TokenRejected, CodeRejected {

    private static final long serialVersionUID = 1L;

    private final String reason;

    OidcException(String reason) {
        // No stack trace: these are thrown for hostile input, which must stay cheap to reject.
        super(reason, null, false, false);
        this.reason = reason;
    }

    /** A short code, e.g. {@code EXPIRED} or {@code HTTP503}; fit for a log line. */
    public String reason() {
        return reason;
    }
}
