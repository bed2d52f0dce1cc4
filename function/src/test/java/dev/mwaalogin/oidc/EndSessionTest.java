package dev.mwaalogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndSessionTest {

    private static final String COGNITO = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";
    private static final URI BACK = URI.create("https://abc.execute-api.eu-west-1.amazonaws.com/prod/?signed-out=1");

    private static ProviderMetadata metadata(String issuer, URI endSession) {
        return new ProviderMetadata(issuer, URI.create(issuer + "/authorize"), URI.create(issuer + "/token"),
                URI.create(issuer + "/jwks"), Optional.ofNullable(endSession));
    }

    @Test
    void theStandardEndpointGetsClientIdAndPostLogoutRedirect() {
        URI uri = EndSession.logoutUri(metadata("https://idp.example.com",
                URI.create("https://idp.example.com/logout")), "client-abc", BACK, null).orElseThrow();
        assertEquals("https://idp.example.com/logout", uri.toString().substring(0, uri.toString().indexOf('?')));
        assertEquals(Map.of("client_id", "client-abc", "post_logout_redirect_uri", BACK.toString()),
                AuthorizationRequestTest.query(uri));
    }

    @Test
    void theSessionsIdTokenGoesAlongAsAHintWhereThereIsOne() {
        ProviderMetadata standard = metadata("https://idp.example.com", URI.create("https://idp.example.com/logout"));
        assertEquals(Map.of("client_id", "c", "post_logout_redirect_uri", BACK.toString(), "id_token_hint",
                "h.p.s"), AuthorizationRequestTest.query(EndSession.logoutUri(standard, "c", BACK, null, "h.p.s")
                .orElseThrow()));
        // Cognito's /logout takes no hint.
        URI cognito = EndSession.logoutUri(metadata(COGNITO, null), "c", BACK, "auth.example.com", "h.p.s")
                .orElseThrow();
        assertFalse(cognito.toString().contains("h.p.s"), cognito.toString());
    }

    @Test
    void theStandardEndpointWinsEvenForCognito() {
        URI uri = EndSession.logoutUri(metadata(COGNITO, URI.create("https://idp.example.com/end")), "c", BACK,
                "auth.example.com").orElseThrow();
        assertEquals("idp.example.com", uri.getHost());
    }

    @Test
    void cognitoWithoutEndSessionEndpointUsesItsManagedLoginLogout() {
        URI uri = EndSession.logoutUri(metadata(COGNITO, null), "client-abc", BACK,
                "myprefix.auth.eu-west-1.amazoncognito.com").orElseThrow();
        assertEquals("https://myprefix.auth.eu-west-1.amazoncognito.com/logout", uri.toString()
                .substring(0, uri.toString().indexOf('?')));
        assertEquals(Map.of("client_id", "client-abc", "logout_uri", BACK.toString()),
                AuthorizationRequestTest.query(uri));
    }

    @Test
    void withoutAnyWayToSignOutAtTheProviderThereIsNoUrl() {
        assertEquals(Optional.empty(), EndSession.logoutUri(metadata(COGNITO, null), "c", BACK, null));
        assertEquals(Optional.empty(), EndSession.logoutUri(metadata("https://idp.example.com", null), "c", BACK,
                "auth.example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://auth.example.com", "auth.example.com/logout", "auth.example.com:443", "",
            "auth..example.com", "evil.com?x=.example.com", "user@auth.example.com"})
    void theCognitoDomainMustBeAHostName(String domain) {
        assertThrows(IllegalArgumentException.class, () -> EndSession.cognito(domain, "c", BACK));
    }

    @Test
    void cognitoIssuersAreRecognised() {
        assertTrue(EndSession.isCognitoIssuer(COGNITO));
        assertTrue(EndSession.isCognitoIssuer("https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc123"));
        assertFalse(EndSession.isCognitoIssuer(COGNITO + "/"));
        assertFalse(EndSession.isCognitoIssuer("https://cognito-idp.eu-west-1.amazonaws.com.evil.com/eu-west-1_A"));
        assertFalse(EndSession.isCognitoIssuer("https://accounts.google.com"));
        assertFalse(EndSession.isCognitoIssuer(null));
    }

    @Test
    void aPlainHttpEndSessionEndpointIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> EndSession.standard(URI.create("http://idp.example.com/logout"), "c", BACK));
    }
}
