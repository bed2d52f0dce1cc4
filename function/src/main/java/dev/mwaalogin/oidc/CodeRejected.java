package dev.mwaalogin.oidc;

/**
 * The token endpoint refused the authorization code ({@code invalid_grant}): expired, already used, or issued for
 * another redirect URI or code verifier. Also thrown, without a call, for a code no provider would issue. The user
 * should simply sign in again.
 */
public final class CodeRejected extends OidcException {

    private static final long serialVersionUID = 1L;

    CodeRejected(String reason) {
        super(reason);
    }
}
