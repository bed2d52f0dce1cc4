package dev.mwaalogin.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The code-for-token call, against a token endpoint served over loopback HTTP. */
class TokenExchangeTest {

    private static final URI REDIRECT =
            URI.create("https://abc.execute-api.us-east-1.amazonaws.com/prod/oauth2/callback");
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    private FakeProvider fake;
    private OidcProvider provider;

    @BeforeEach
    void start() throws IOException {
        fake = FakeProvider.start();
        provider = fake.provider().build();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static ProviderDeadline seconds(int seconds) {
        return ProviderDeadline.after(Duration.ofSeconds(seconds));
    }

    private String exchange(TokenExchange exchange) {
        return exchange.exchange("code-123", REDIRECT, VERIFIER, seconds(5));
    }

    private String publicClient() {
        return exchange(TokenExchange.forPublicClient(provider, "client-abc"));
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void aPublicClientSendsItsIdAndTheVerifierWithoutAuthorization() {
        fake.answer(FakeProvider.TOKEN, 200, "{\"id_token\":\"" + ID_TOKEN + "\",\"access_token\":\"a\","
                + "\"token_type\":\"Bearer\",\"expires_in\":3600}");
        assertEquals(ID_TOKEN, publicClient());
        assertEquals(1, fake.tokenRequests().size());
        FakeProvider.Received request = fake.tokenRequests().get(0);
        assertEquals("POST", request.method());
        assertEquals("application/x-www-form-urlencoded", request.contentType());
        assertNull(request.authorization());
        assertEquals(Map.of("grant_type", "authorization_code", "code", "code-123", "redirect_uri",
                REDIRECT.toString(), "code_verifier", VERIFIER, "client_id", "client-abc"), form(request.body()));
    }

    @Test
    void aClientWithASecretUsesBasicAuthenticationWithFormEncodedParts() {
        fake.answer(FakeProvider.TOKEN, 200, "{\"id_token\":\"" + ID_TOKEN + "\"}");
        assertEquals(ID_TOKEN, exchange(TokenExchange.withClientSecret(provider, "client abc", "s3cr:t/+=")));
        String authorization = fake.tokenRequests().get(0).authorization();
        assertTrue(authorization.startsWith("Basic "));
        assertEquals("client%20abc:s3cr%3At%2F%2B%3D", new String(Base64.getDecoder().decode(
                authorization.substring(6)), StandardCharsets.UTF_8));
        assertEquals("client abc", form(fake.tokenRequests().get(0).body()).get("client_id"));
    }

    @Test
    void aReplayedOrExpiredCodeIsRejected() {
        fake.answer(FakeProvider.TOKEN, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"code used\"}");
        assertEquals("invalid_grant", assertThrows(CodeRejected.class, this::publicClient).reason());
    }

    @ParameterizedTest
    @CsvSource({"401,invalid_client,Token:HTTP401", "400,invalid_client,Token:invalid_client",
            "400,unauthorized_client,Token:unauthorized_client",
            "400,invalid_request,Token:invalid_request", "400,made_up_error,Token:HTTP400",
            "403,invalid_client,Token:HTTP403"})
    void otherRefusalsAreTheClientsConfigurationNotTheUsers(int status, String error, String reason) {
        fake.answer(FakeProvider.TOKEN, status, "{\"error\":\"" + error + "\"}");
        assertEquals(reason, assertThrows(ProviderBadAnswer.class, this::publicClient).reason());
    }

    @Test
    void unusableAnswersAreBadAnswers() {
        fake.answer(FakeProvider.TOKEN, 200, "<html>ok</html>");
        assertEquals("Token:NotJson", assertThrows(ProviderBadAnswer.class, this::publicClient).reason());
        fake.answer(FakeProvider.TOKEN, 200, "{\"access_token\":\"a\"}");
        assertEquals("Token:NoIdToken", assertThrows(ProviderBadAnswer.class, this::publicClient).reason());
        fake.answer(FakeProvider.TOKEN, 200, "{\"id_token\":42}");
        assertEquals("Token:NoIdToken", assertThrows(ProviderBadAnswer.class, this::publicClient).reason());
        fake.answer(FakeProvider.TOKEN, 200, "{\"id_token\":\"" + "a".repeat(OidcHttp.MAX_BODY_BYTES) + "\"}");
        assertEquals("Token:TooLarge", assertThrows(ProviderBadAnswer.class, this::publicClient).reason());
        fake.answer(FakeProvider.TOKEN, 302, "");
        assertEquals("Token:HTTP302", assertThrows(ProviderBadAnswer.class, this::publicClient).reason());
    }

    @Test
    void aFailingOrSlowTokenEndpointIsUnreachable() {
        fake.answer(FakeProvider.TOKEN, 502, "{}");
        ProviderUnreachable failing = assertThrows(ProviderUnreachable.class, this::publicClient);
        assertEquals("Token:HTTP502", failing.reason());
        assertFalse(failing.timedOut());
        fake.hang(FakeProvider.TOKEN);
        TokenExchange exchange = TokenExchange.forPublicClient(provider, "client-abc");
        ProviderUnreachable slow = assertThrows(ProviderUnreachable.class,
                () -> exchange.exchange("code-123", REDIRECT, VERIFIER, ProviderDeadline.after(Duration.ofMillis(300))));
        assertTrue(slow.timedOut());
        assertEquals(2, fake.tokenRequests().size(), "a POST that timed out is not sent again");
    }

    @Test
    void aConnectionDroppedAfterThePostIsNotSentAgain() {
        // HttpURLConnection resends a POST whose connection dropped unless told not to; the code would then be spent.
        fake.handle(FakeProvider.TOKEN, exchange -> { });
        ProviderUnreachable dropped = assertThrows(ProviderUnreachable.class, this::publicClient);
        assertFalse(dropped.timedOut());
        assertEquals(1, fake.tokenRequests().size());
    }

    @Test
    void aCodeNoProviderWouldIssueIsRejectedWithoutACall() {
        TokenExchange exchange = TokenExchange.forPublicClient(provider, "client-abc");
        for (String code : new String[] {null, "", "a\nb", "x".repeat(4097), "caf\u00e9"}) {
            assertEquals("MalformedCode", assertThrows(CodeRejected.class,
                    () -> exchange.exchange(code, REDIRECT, VERIFIER, seconds(5))).reason());
        }
        assertEquals(0, fake.hits(FakeProvider.TOKEN) + fake.hits(FakeProvider.DISCOVERY));
    }

    @Test
    void theVerifierMustBeAPkceVerifier() {
        TokenExchange exchange = TokenExchange.forPublicClient(provider, "client-abc");
        assertThrows(IllegalArgumentException.class,
                () -> exchange.exchange("code-123", REDIRECT, "short", seconds(5)));
    }
}
