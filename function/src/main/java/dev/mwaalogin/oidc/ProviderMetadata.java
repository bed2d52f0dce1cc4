package dev.mwaalogin.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What this function needs from a provider's discovery document (OpenID Connect Discovery 1.0, section 3).
 *
 * @param endSessionEndpoint RP-initiated logout, which not every provider offers (Cognito does not)
 */
public record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
                               Optional<URI> endSessionEndpoint) {

    public ProviderMetadata {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(endSessionEndpoint, "endSessionEndpoint");
    }

    /**
     * Reads a discovery document.
     *
     * @param expectedIssuer the configured issuer, which the document's must equal character for character (a
     *                       document served for one issuer but naming another would let that other one sign tokens)
     * @throws ProviderBadAnswer naming the first problem found
     */
    static ProviderMetadata parse(String json, String expectedIssuer) {
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(json, OidcHttp.MAX_BODY_BYTES);
        } catch (ParseException | RuntimeException e) {
            throw new ProviderBadAnswer("DiscoveryNotJson");
        }
        if (!expectedIssuer.equals(document.get("issuer"))) {
            throw new ProviderBadAnswer("DiscoveryIssuerMismatch");
        }
        return new ProviderMetadata(expectedIssuer,
                endpoint(document, "authorization_endpoint").orElseThrow(() -> missing("authorization_endpoint")),
                endpoint(document, "token_endpoint").orElseThrow(() -> missing("token_endpoint")),
                endpoint(document, "jwks_uri").orElseThrow(() -> missing("jwks_uri")),
                endpoint(document, "end_session_endpoint"));
    }

    private static Optional<URI> endpoint(Map<String, Object> document, String name) {
        Object value = document.get(name);
        if (value == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = value instanceof String ? new URI((String) value) : null;
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (!Urls.isAllowedEndpoint(uri)) {
            throw new ProviderBadAnswer("DiscoveryBadUrl:" + name);
        }
        return Optional.of(uri);
    }

    private static ProviderBadAnswer missing(String name) {
        return new ProviderBadAnswer("DiscoveryMissing:" + name);
    }
}
