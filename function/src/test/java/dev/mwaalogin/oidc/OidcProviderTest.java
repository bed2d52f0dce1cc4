package dev.mwaalogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The discovery document, and how calls to the provider fail. */
class OidcProviderTest {

    private FakeProvider fake;

    @BeforeEach
    void start() throws IOException {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static ProviderDeadline seconds(int seconds) {
        return ProviderDeadline.after(Duration.ofSeconds(seconds));
    }

    private String discoveryFailure(Class<? extends OidcException> type) {
        OidcProvider provider = fake.provider().build();
        return assertThrows(type, () -> provider.metadata(seconds(5))).reason();
    }

    @Test
    void discoveryIsFetchedOnFirstUseOnly() {
        OidcProvider provider = fake.provider().build();
        assertEquals(0, fake.hits(FakeProvider.DISCOVERY), "nothing fetched when built");
        ProviderMetadata metadata = provider.metadata(seconds(5));
        assertEquals(fake.issuer, metadata.issuer());
        assertEquals(URI.create(fake.issuer + "/authorize"), metadata.authorizationEndpoint());
        assertEquals(URI.create(fake.issuer + "/token"), metadata.tokenEndpoint());
        assertEquals(URI.create(fake.issuer + "/jwks"), metadata.jwksUri());
        assertEquals(Optional.empty(), metadata.endSessionEndpoint());
        assertEquals(metadata, provider.metadata(seconds(5)));
        assertEquals(1, fake.hits(FakeProvider.DISCOVERY));
    }

    @Test
    void anEndSessionEndpointIsRead() {
        fake.answer(FakeProvider.DISCOVERY, 200, FakeProvider.discovery(fake.issuer, fake.issuer + "/logout?x=1"));
        assertEquals(Optional.of(URI.create(fake.issuer + "/logout?x=1")),
                fake.provider().build().metadata(seconds(5)).endSessionEndpoint());
    }

    @Test
    void theIssuerInTheDocumentMustBeTheConfiguredOneExactly() {
        fake.answer(FakeProvider.DISCOVERY, 200, FakeProvider.discovery(fake.issuer + "/", null));
        assertEquals("DiscoveryIssuerMismatch", discoveryFailure(ProviderBadAnswer.class));
        fake.answer(FakeProvider.DISCOVERY, 200, FakeProvider.discovery("https://evil.example.com", null)
                .replace("https://evil.example.com/", fake.issuer + "/"));
        assertEquals("DiscoveryIssuerMismatch", discoveryFailure(ProviderBadAnswer.class));
    }

    @Test
    void aTrailingSlashOfTheIssuerIsDroppedForTheWellKnownPath() {
        String issuer = fake.issuer + "/";
        fake.answer(FakeProvider.DISCOVERY, 200, FakeProvider.discovery(fake.issuer, null)
                .replace("\"issuer\":\"" + fake.issuer + "\"", "\"issuer\":\"" + issuer + "\""));
        assertEquals(issuer, OidcProvider.builder(issuer).build().metadata(seconds(5)).issuer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://idp.example.com/token", "https://user:pw@idp.example.com/token",
            "https://idp.example.com/token#x", "/token", "ftp://idp.example.com/token", "not a url"})
    void endpointsMustBeHttpsUrls(String endpoint) {
        fake.answer(FakeProvider.DISCOVERY, 200, FakeProvider.discovery(fake.issuer, null)
                .replace(fake.issuer + "/token", endpoint));
        assertEquals("DiscoveryBadUrl:token_endpoint", discoveryFailure(ProviderBadAnswer.class));
    }

    @Test
    void missingEndpointsAreNamed() {
        fake.answer(FakeProvider.DISCOVERY, 200, FakeProvider.discovery(fake.issuer, null)
                .replace("\"jwks_uri\"", "\"jwks\""));
        assertEquals("DiscoveryMissing:jwks_uri", discoveryFailure(ProviderBadAnswer.class));
    }

    @Test
    void anAnswerThatIsNotADiscoveryDocumentIsABadAnswer() {
        fake.answer(FakeProvider.DISCOVERY, 200, "<html>Sign in</html>");
        assertEquals("DiscoveryNotJson", discoveryFailure(ProviderBadAnswer.class));
        fake.answer(FakeProvider.DISCOVERY, 200, "[\"issuer\"]");
        assertEquals("DiscoveryNotJson", discoveryFailure(ProviderBadAnswer.class));
        fake.answer(FakeProvider.DISCOVERY, 404, "{}");
        assertEquals("Discovery:HTTP404", discoveryFailure(ProviderBadAnswer.class));
        fake.answer(FakeProvider.DISCOVERY, 302, "");
        assertEquals("Discovery:HTTP302", discoveryFailure(ProviderBadAnswer.class), "redirects are not followed");
    }

    @Test
    void anOversizedAnswerIsABadAnswerWithOrWithoutContentLength() {
        String big = "{\"x\":\"" + "a".repeat(OidcHttp.MAX_BODY_BYTES) + "\"}";
        fake.answer(FakeProvider.DISCOVERY, 200, big);
        assertEquals("Discovery:TooLarge", discoveryFailure(ProviderBadAnswer.class));
        fake.handle(FakeProvider.DISCOVERY, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i <= OidcHttp.MAX_BODY_BYTES / 1024; i++) {
                    out.write(new byte[1024]);
                }
            }
        });
        assertEquals("Discovery:TooLarge", discoveryFailure(ProviderBadAnswer.class));
    }

    @Test
    void aFailingProviderIsUnreachableAndTheFailureIsNotRemembered() {
        fake.answer(FakeProvider.DISCOVERY, 503, "{}");
        OidcProvider provider = fake.provider().build();
        ProviderUnreachable failure = assertThrows(ProviderUnreachable.class, () -> provider.metadata(seconds(5)));
        assertEquals("Discovery:HTTP503", failure.reason());
        assertFalse(failure.timedOut());
        fake.answer(FakeProvider.DISCOVERY, 200, FakeProvider.discovery(fake.issuer, null));
        assertEquals(fake.issuer, provider.metadata(seconds(5)).issuer());
    }

    @Test
    void aProviderThatNeverAnswersIsGivenUpOnAtTheDeadline() {
        fake.hang(FakeProvider.DISCOVERY);
        OidcProvider provider = fake.provider().build();
        ProviderUnreachable failure = assertThrows(ProviderUnreachable.class,
                () -> provider.metadata(ProviderDeadline.after(Duration.ofMillis(300))));
        assertTrue(failure.timedOut());
        assertEquals("Discovery:SocketTimeoutException", failure.reason());
    }

    @Test
    void aProviderThatTricklesItsAnswerIsGivenUpOnAfterTheDeadline() {
        fake.handle(FakeProvider.DISCOVERY, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    out.write(' ');
                    out.flush();
                    fake.awaitClose(50);
                }
            }
        });
        OidcProvider provider = fake.provider().build();
        assertTrue(assertThrows(ProviderUnreachable.class,
                () -> provider.metadata(ProviderDeadline.after(Duration.ofMillis(300)))).timedOut());
    }

    @Test
    void aPassedDeadlineMakesNoCall() {
        OidcProvider provider = fake.provider().build();
        assertTrue(assertThrows(ProviderUnreachable.class,
                () -> provider.metadata(ProviderDeadline.after(Duration.ZERO))).timedOut());
        assertEquals(0, fake.hits(FakeProvider.DISCOVERY));
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OidcProvider provider = OidcProvider.builder("http://127.0.0.1:" + port).build();
        ProviderUnreachable failure = assertThrows(ProviderUnreachable.class, () -> provider.metadata(seconds(5)));
        assertEquals("Discovery:ConnectException", failure.reason());
        assertFalse(failure.timedOut());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://idp.example.com", "http://10.0.0.1", "https://user:pw@idp.example.com",
            "https://idp.example.com?a=b", "https://idp.example.com#x", "idp.example.com", "ftp://idp.example.com"})
    void theIssuerMustBeHttpsExceptOnLoopback(String issuer) {
        assertThrows(IllegalArgumentException.class, () -> OidcProvider.builder(issuer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123",
            "https://login.microsoftonline.com/tenant/v2.0", "https://accounts.google.com",
            "http://localhost:8080/realms/x",
            "http://127.0.0.1:9000", "http://[::1]:9000"})
    void issuersThatAreAccepted(String issuer) {
        assertEquals(issuer, OidcProvider.builder(issuer).build().issuer());
    }

    @Test
    void theDefaultHttpRefusesPlainHttpToOtherHosts() {
        assertThrows(IllegalArgumentException.class, () -> OidcHttp.urlConnection()
                .get(URI.create("http://idp.example.com/jwks"), seconds(5)));
    }
}
