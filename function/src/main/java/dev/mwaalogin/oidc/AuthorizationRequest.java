package dev.mwaalogin.oidc;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The start of a sign-in: the URL to send the browser to (authorization code flow with PKCE), and the values the
 * callback must check against, which the caller keeps in the sealed state cookie. Every value is drawn anew for
 * each request.
 */
public final class AuthorizationRequest {

    public static final String DEFAULT_SCOPE = "openid email profile";

    private final URI uri;
    private final String state;
    private final String nonce;
    private final Pkce pkce;

    private AuthorizationRequest(URI uri, String state, String nonce, Pkce pkce) {
        this.uri = uri;
        this.state = state;
        this.nonce = nonce;
        this.pkce = pkce;
    }

    /** With the {@link #DEFAULT_SCOPE}. */
    public static AuthorizationRequest create(URI authorizationEndpoint, String clientId, URI redirectUri) {
        return create(authorizationEndpoint, clientId, redirectUri, DEFAULT_SCOPE);
    }

    /**
     * @param authorizationEndpoint from {@link ProviderMetadata#authorizationEndpoint()}; may carry a query already
     * @param redirectUri           the callback, exactly as registered with the provider
     * @param scope                 space-separated scopes, which must include {@code openid}
     */
    public static AuthorizationRequest create(URI authorizationEndpoint, String clientId, URI redirectUri,
                                              String scope) {
        return create(authorizationEndpoint, clientId, redirectUri, scope, false);
    }

    /**
     * @param silent whether the provider must not show anything ({@code prompt=none}, Core 1.0 section 3.1.2.1): it
     *               answers at once, with a code for the person signed in there, or {@code login_required} (or
     *               another error) for none
     */
    public static AuthorizationRequest create(URI authorizationEndpoint, String clientId, URI redirectUri,
                                              String scope, boolean silent) {
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        if (scope == null || Arrays.stream(scope.split(" ")).noneMatch("openid"::equals)) {
            throw new IllegalArgumentException("The scope must include openid");
        }
        String state = Randoms.base64url(32);
        String nonce = Randoms.base64url(32);
        Pkce pkce = Pkce.generate();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri.toString());
        parameters.put("scope", scope);
        parameters.put("state", state);
        parameters.put("nonce", nonce);
        parameters.put("code_challenge", pkce.challenge());
        parameters.put("code_challenge_method", Pkce.METHOD);
        if (silent) {
            parameters.put("prompt", "none");
        }
        return new AuthorizationRequest(Urls.withQuery(authorizationEndpoint, parameters), state, nonce, pkce);
    }

    /** Where to redirect the browser. */
    public URI uri() {
        return uri;
    }

    /** Must come back unchanged in the callback's {@code state} parameter (CSRF protection). */
    public String state() {
        return state;
    }

    /** Must come back in the ID token's {@code nonce} claim (replay protection). */
    public String nonce() {
        return nonce;
    }

    /** Goes to the token endpoint with the code; never to the browser. */
    public String codeVerifier() {
        return pkce.verifier();
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[" + uri.getHost() + "]";
    }
}
