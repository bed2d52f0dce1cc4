package dev.mwaalogin.oidc;

/**
 * The provider answered, but not with something usable: not JSON, too large, the wrong issuer, a missing endpoint,
 * or a refusal that points at this client's configuration (e.g. {@code invalid_client}). Not the user's fault.
 */
public final class ProviderBadAnswer extends OidcException {

    private static final long serialVersionUID = 1L;

    ProviderBadAnswer(String reason) {
        super(reason);
    }
}
