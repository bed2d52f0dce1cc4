package dev.mwaalogin.oidc;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where to send the browser to sign out at the provider too, after this function has dropped its own session.
 *
 * <p>OpenID Connect RP-Initiated Logout 1.0 where the provider offers it; Cognito, whose discovery document has no
 * {@code end_session_endpoint}, instead has its managed login's {@code /logout}, on a domain discovery does not
 * name, so that domain is a setting.
 */
public final class EndSession {

    private static final Pattern COGNITO_ISSUER =
            Pattern.compile("https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9-]+_[A-Za-z0-9]+");
    /** A bare host name, as a Cognito domain must be given (no scheme, port or path). */
    public static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private EndSession() {
    }

    /**
     * The provider's logout URL, or empty when it has none (signing out then ends only this function's session).
     *
     * @param returnTo      where the provider sends the browser afterwards; must be registered with the provider
     *                      (Cognito: the app client's allowed sign-out URLs)
     * @param cognitoDomain the Cognito domain (e.g. {@code auth.example.com} or
     *                      {@code myprefix.auth.us-east-1.amazoncognito.com}), or null; used only when the issuer
     *                      is a Cognito user pool and discovery has no end-session endpoint
     */
    public static Optional<URI> logoutUri(ProviderMetadata metadata, String clientId, URI returnTo,
                                          String cognitoDomain) {
        return logoutUri(metadata, clientId, returnTo, cognitoDomain, null);
    }

    /**
     * As {@link #logoutUri(ProviderMetadata, String, URI, String)}, with the ID token of the session being ended as
     * {@code id_token_hint}, or null when it was not kept: the hint tells the provider whose session to end, and
     * lets it end it without asking (RP-Initiated Logout 1.0, section 2).
     */
    public static Optional<URI> logoutUri(ProviderMetadata metadata, String clientId, URI returnTo,
                                          String cognitoDomain, String idTokenHint) {
        if (metadata.endSessionEndpoint().isPresent()) {
            return Optional.of(standard(metadata.endSessionEndpoint().get(), clientId, returnTo, idTokenHint));
        }
        if (cognitoDomain != null && isCognitoIssuer(metadata.issuer())) {
            return Optional.of(cognito(cognitoDomain, clientId, returnTo));
        }
        return Optional.empty();
    }

    /** RP-Initiated Logout: {@code end_session_endpoint?client_id=…&post_logout_redirect_uri=…}. */
    public static URI standard(URI endSessionEndpoint, String clientId, URI postLogoutRedirectUri) {
        return standard(endSessionEndpoint, clientId, postLogoutRedirectUri, null);
    }

    /** The same with {@code id_token_hint} too, unless null. */
    public static URI standard(URI endSessionEndpoint, String clientId, URI postLogoutRedirectUri,
                               String idTokenHint) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", Objects.requireNonNull(clientId, "clientId"));
        parameters.put("post_logout_redirect_uri", postLogoutRedirectUri.toString());
        if (idTokenHint != null) {
            parameters.put("id_token_hint", idTokenHint);
        }
        return Urls.withQuery(Urls.requireAllowedEndpoint(endSessionEndpoint, "The end-session endpoint"),
                parameters);
    }

    /**
     * Cognito managed login: {@code https://{domain}/logout?client_id=…&logout_uri=…}.
     *
     * @throws IllegalArgumentException when the domain is not a bare host name
     */
    public static URI cognito(String cognitoDomain, String clientId, URI logoutUri) {
        if (cognitoDomain == null || !HOSTNAME.matcher(cognitoDomain).matches()) {
            throw new IllegalArgumentException("The Cognito domain must be a host name, without scheme or path");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", Objects.requireNonNull(clientId, "clientId"));
        parameters.put("logout_uri", logoutUri.toString());
        return Urls.withQuery(URI.create("https://" + cognitoDomain + "/logout"), parameters);
    }

    /** Whether the issuer is a Cognito user pool ({@code https://cognito-idp.{region}.amazonaws.com/{pool id}}). */
    public static boolean isCognitoIssuer(String issuer) {
        return issuer != null && COGNITO_ISSUER.matcher(issuer).matches();
    }
}
