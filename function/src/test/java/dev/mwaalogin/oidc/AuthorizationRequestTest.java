package dev.mwaalogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationRequestTest {

    private static final URI ENDPOINT = URI.create("https://idp.example.com/oauth2/authorize");
    private static final URI REDIRECT =
            URI.create("https://abc.execute-api.eu-west-1.amazonaws.com/prod/oauth2/callback");

    /** The query decoded strictly: every byte outside the unreserved set must have been percent-encoded. */
    static Map<String, String> query(URI uri) {
        String raw = uri.getRawQuery();
        assertTrue(raw.matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})+=([A-Za-z0-9._~-]|%[0-9A-F]{2})*"
                + "(&([A-Za-z0-9._~-]|%[0-9A-F]{2})+=([A-Za-z0-9._~-]|%[0-9A-F]{2})*)*"), raw);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Test
    void theUrlCarriesEveryParameterOfTheCodeFlowWithPkce() {
        AuthorizationRequest request = AuthorizationRequest.create(ENDPOINT, "client-abc", REDIRECT);
        URI uri = request.uri();
        assertEquals("https", uri.getScheme());
        assertEquals("idp.example.com", uri.getHost());
        assertEquals("/oauth2/authorize", uri.getPath());
        Map<String, String> query = query(uri);
        assertEquals(List.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                "code_challenge", "code_challenge_method"), List.copyOf(query.keySet()));
        assertEquals("code", query.get("response_type"));
        assertEquals("client-abc", query.get("client_id"));
        assertEquals(REDIRECT.toString(), query.get("redirect_uri"));
        assertEquals("openid email profile", query.get("scope"));
        assertTrue(uri.getRawQuery().contains("scope=openid%20email%20profile"), "spaces as %20");
        assertEquals(request.state(), query.get("state"));
        assertEquals(request.nonce(), query.get("nonce"));
        assertEquals(Pkce.fromVerifier(request.codeVerifier()).challenge(), query.get("code_challenge"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertFalse(uri.toString().contains(request.codeVerifier()), "the verifier stays here");
    }

    @Test
    void aSilentRequestAsksForNoPromptAndAnOrdinaryOneLeavesItToTheProvider() {
        assertEquals("none", query(AuthorizationRequest.create(ENDPOINT, "c", REDIRECT, "openid", true).uri())
                .get("prompt"));
        assertFalse(query(AuthorizationRequest.create(ENDPOINT, "c", REDIRECT, "openid", false).uri())
                .containsKey("prompt"));
    }

    @Test
    void valuesThatNeedEncodingSurviveTheRoundTrip() {
        URI redirect = URI.create("https://example.com/cb?next=%2Fdags%3Fa%3D1%26b%3D2&lang=fr");
        String clientId = "client id&x=1+é";
        AuthorizationRequest request = AuthorizationRequest.create(ENDPOINT, clientId, redirect, "openid groups:read");
        Map<String, String> query = query(request.uri());
        assertEquals(clientId, query.get("client_id"));
        assertEquals(redirect.toString(), query.get("redirect_uri"));
        assertEquals("openid groups:read", query.get("scope"));
        assertEquals(8, query.size());
    }

    @Test
    void anEndpointsOwnQueryIsKept() {
        URI endpoint = URI.create("https://login.example.com/authorize?p=b2c_signin");
        AuthorizationRequest request = AuthorizationRequest.create(endpoint, "c", REDIRECT);
        assertTrue(request.uri().getRawQuery().startsWith("p=b2c_signin&response_type=code&"));
    }

    @Test
    void stateNonceAndVerifierAreFreshForEveryRequest() {
        AuthorizationRequest first = AuthorizationRequest.create(ENDPOINT, "c", REDIRECT);
        AuthorizationRequest second = AuthorizationRequest.create(ENDPOINT, "c", REDIRECT);
        assertNotEquals(first.state(), second.state());
        assertNotEquals(first.nonce(), second.nonce());
        assertNotEquals(first.codeVerifier(), second.codeVerifier());
        assertNotEquals(first.state(), first.nonce());
        assertTrue(first.state().matches("[A-Za-z0-9_-]{43}"));
        assertTrue(first.nonce().matches("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void theScopeMustAskForOpenId() {
        assertThrows(IllegalArgumentException.class,
                () -> AuthorizationRequest.create(ENDPOINT, "c", REDIRECT, "email profile"));
        assertThrows(IllegalArgumentException.class,
                () -> AuthorizationRequest.create(ENDPOINT, "c", REDIRECT, "openidx email"));
        AuthorizationRequest.create(ENDPOINT, "c", REDIRECT, "email openid");
    }

    @Test
    void itDoesNotPrintItsSecrets() {
        AuthorizationRequest request = AuthorizationRequest.create(ENDPOINT, "c", REDIRECT);
        assertFalse(request.toString().contains(request.state()));
        assertFalse(request.toString().contains(request.codeVerifier()));
    }
}
