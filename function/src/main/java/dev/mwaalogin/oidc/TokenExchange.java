package dev.mwaalogin.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Trades an authorization code for tokens at the provider's token endpoint (OAuth 2.0 section 4.1.3 with the PKCE
 * verifier) and returns the ID token. A client with a secret authenticates with {@code client_secret_basic}; a
 * public client (such as a Cognito app client without a secret) sends only its {@code client_id}.
 */
public final class TokenExchange {

    // RFC 6749 allows any visible ASCII in a code; some providers' codes run to a couple of kilobytes.
    private static final Pattern CODE = Pattern.compile("[\\x20-\\x7E]{1,4096}");
    // The error codes of RFC 6749 section 5.2; any other text from the provider is not repeated in a log.
    private static final Set<String> ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope");

    private final OidcProvider provider;
    private final String clientId;
    private final String authorization;

    private TokenExchange(OidcProvider provider, String clientId, String authorization) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.authorization = authorization;
    }

    /** A client without a secret. */
    public static TokenExchange forPublicClient(OidcProvider provider, String clientId) {
        return new TokenExchange(provider, clientId, null);
    }

    /** A client that authenticates with HTTP Basic (RFC 6749 section 2.3.1: id and secret form-encoded first). */
    public static TokenExchange withClientSecret(OidcProvider provider, String clientId, String clientSecret) {
        Objects.requireNonNull(clientSecret, "clientSecret");
        String credentials = Urls.encode(clientId) + ":" + Urls.encode(clientSecret);
        return new TokenExchange(provider, clientId, "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param code         the callback's {@code code} parameter, as received
     * @param redirectUri  the same redirect URI the authorization request carried
     * @param codeVerifier the PKCE verifier of that request
     * @return the ID token, not yet verified: pass it to {@link IdTokenVerifier#verifyIdToken}
     * @throws CodeRejected        the code is malformed, or the provider refused it ({@code invalid_grant})
     * @throws ProviderUnreachable no answer in time, or a 5xx
     * @throws ProviderBadAnswer   any other refusal (e.g. {@code invalid_client}: wrong secret) or unusable answer
     */
    public String exchange(String code, URI redirectUri, String codeVerifier, ProviderDeadline deadline) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new CodeRejected("MalformedCode");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", Pkce.fromVerifier(codeVerifier).verifier());
        form.put("client_id", clientId);
        URI endpoint = provider.metadata(deadline).tokenEndpoint();
        OidcHttp.Answer answer;
        try {
            answer = provider.http().postForm(endpoint, Urls.form(form), authorization, deadline);
        } catch (IOException e) {
            throw ProviderUnreachable.of("Token", e);
        } catch (ProviderBadAnswer e) {
            throw new ProviderBadAnswer("Token:" + e.reason());
        }
        return idToken(answer);
    }

    private static String idToken(OidcHttp.Answer answer) {
        if (answer.status() >= 500) {
            throw new ProviderUnreachable("Token:HTTP" + answer.status(), false);
        }
        Map<String, Object> json = json(answer.body());
        if (answer.status() == 200) {
            Object idToken = json == null ? null : json.get("id_token");
            if (idToken instanceof String text && !text.isEmpty()) {
                return text;
            }
            throw new ProviderBadAnswer(json == null ? "Token:NotJson" : "Token:NoIdToken");
        }
        Object error = json == null ? null : json.get("error");
        if ("invalid_grant".equals(error)) {
            throw new CodeRejected("invalid_grant");
        }
        // A 401 (failed client authentication) arrives without its body: HttpURLConnection drops it for a POST in
        // streaming mode. Its reason is then HTTP401, which says as much as invalid_client would.
        boolean known = answer.status() == 400 && error instanceof String code && ERRORS.contains(code);
        throw new ProviderBadAnswer("Token:" + (known ? error : "HTTP" + answer.status()));
    }

    private static Map<String, Object> json(String body) {
        if (body.length() > OidcHttp.MAX_BODY_BYTES) {
            throw new ProviderBadAnswer("Token:TooLarge");
        }
        try {
            return JSONObjectUtils.parse(body, OidcHttp.MAX_BODY_BYTES);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
