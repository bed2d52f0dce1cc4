package dev.mwaalogin.identity;

import static dev.mwaalogin.settings.Variables.invalid;

import java.util.Locale;

/**
 * What vouches for callers ({@code AUTH_MODE}, the template's {@code AuthMode}): the function reads who is calling
 * from that one source and ignores every other, so an IAM role's name is never matched against an identity
 * provider's group rules, nor a JWT claim taken from a function meant for signed requests.
 */
public enum AuthMode {
    /** API Gateway's IAM authorizer: the signing principal's ARN. */
    AWS_IAM,
    /** API Gateway's JWT authorizer: the verified token, read back from the Authorization header. */
    JWT,
    /** Browser sign-in by the function at the stack's Cognito user pool. */
    COGNITO,
    /** Browser sign-in by the function at any OpenID Connect provider. */
    OIDC,
    /**
     * Not set: whichever authorizer the event names (the IAM principal or the JWT). For local runs, whose sample
     * events carry both kinds; the template always sets the mode.
     */
    EITHER_AUTHORIZER;

    static AuthMode parse(String value) {
        if (value == null) {
            return EITHER_AUTHORIZER;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "AWS_IAM" -> AWS_IAM;
            case "JWT" -> JWT;
            case "COGNITO" -> COGNITO;
            case "OIDC" -> OIDC;
            default -> throw invalid("AUTH_MODE", "must be AWS_IAM, JWT, COGNITO or OIDC");
        };
    }

    /** Whether the function signs browsers in itself (its own session, or a bearer token it verifies). */
    public boolean signsBrowsersIn() {
        return this == COGNITO || this == OIDC;
    }

    boolean acceptsIam() {
        return this == AWS_IAM || this == EITHER_AUTHORIZER;
    }

    boolean acceptsJwt() {
        return this == JWT || this == EITHER_AUTHORIZER;
    }
}
