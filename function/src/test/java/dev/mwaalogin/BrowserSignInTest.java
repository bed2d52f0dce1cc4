package dev.mwaalogin;

import dev.mwaalogin.request.LoginRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.oidc.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Browser sign-in end to end inside the function, over an in-memory provider, STS and MWAA: the redirect to the
 * provider, the callback, the session, scripts' bearer tokens, logout, and every way a sign-in must fail closed.
 */
class BrowserSignInTest {

    static final String API = BrowserSignInFixture.API;
    static final String DOMAIN = BrowserSignInFixture.DOMAIN;
    static final String BROWSER = BrowserSignInFixture.BROWSER;
    static final String SESSION_KEY = BrowserSignInFixture.SESSION_KEY;

    private final BrowserSignInFixture fixture = new BrowserSignInFixture();
    private final MutableClock clock = fixture.clock;
    private final InMemoryAws aws = fixture.aws;
    private final InMemoryProvider provider = fixture.provider;
    private final TestContext context = fixture.context;
    private final List<String> metrics = fixture.metrics;

    private LoginService service(String... settings) {
        return fixture.service(settings);
    }

    static LoginRequest get(String path, Map<String, String> query, List<String> cookies, String authorization,
                            String accept) {
        return BrowserSignInFixture.get(path, query, cookies, authorization, accept);
    }

    static List<String> sendBack(LoginResponse response) {
        return BrowserSignInFixture.sendBack(response);
    }

    private static String code(LoginResponse response) {
        return BrowserSignInFixture.code(response);
    }

    private LoginRequest signInAt(LoginService service, String path, Map<String, Object> claims) {
        return fixture.signInAt(service, path, claims);
    }

    @Test
    void aBrowserSignsInLandsInAirflowAsThemselvesAndNeedsNoSecondSignIn() {
        LoginService service = service();
        LoginResponse first = service.answer(get("/login", Map.of(), List.of(), null, BROWSER), context.invocation());
        assertEquals(302, first.statusCode());
        assertTrue(first.headers().get("Location").startsWith(InMemoryProvider.ISSUER + "/authorize?"));
        String flowCookie = first.cookies().get(0);
        assertTrue(flowCookie.startsWith("__Host-mwaa-login-flow=") && flowCookie.contains("; Secure; HttpOnly; "
                + "SameSite=Lax") && flowCookie.contains("Path=/; Max-Age=600"), flowCookie);

        LoginRequest callback = signInAt(service, "/login", Map.of("email", "alice@example.com", "email_verified", true,
                "cognito:groups", List.of("admins")));
        LoginResponse landed = service.answer(callback, context.invocation());
        assertEquals(302, landed.statusCode(), landed.body());
        assertTrue(landed.headers().get("Location").startsWith("https://" + LoginServiceTest.HOST
                + "/aws_mwaa/aws-console-sso?login=true#"), "into Airflow");
        assertEquals(List.of("assumed-role/Admin-1a2b3c4d/alice@example.com"), aws.mintedBy);
        List<String> session = sendBack(landed);
        assertEquals(1, session.size(), landed.cookies().toString());
        assertTrue(session.get(0).startsWith("__Host-mwaa-login-session="));
        assertTrue(landed.cookies().stream().anyMatch(c -> c.startsWith("__Host-mwaa-login-flow=; Path=/; Max-Age=0")));

        int providerCalls = provider.calls.size();
        LoginResponse second = service.answer(get("/login/analytics", Map.of(), session, null, BROWSER), context.invocation());
        assertEquals(302, second.statusCode());
        assertTrue(second.headers().get("Location").contains("/pluginsv2/aws_mwaa/aws-console-sso?login=true#"),
                "the Airflow 3 environment's page");
        assertEquals(providerCalls, provider.calls.size(), "no trip to the provider with a session");
        assertEquals(2, aws.mintedBy.size());
        assertTrue(context.lines.stream().anyMatch(line -> line.contains("code=SignInStarted")));
        assertTrue(context.lines.get(context.lines.size() - 1).contains(" person=alice@example.com caller=session "
                + "airflowRole=Admin "), context.lines.toString());
    }

    @Test
    void theRoleComesFromTheGroupsInTheSessionAndNoRoleIsRefusedButSignedIn() {
        LoginService service = service();
        LoginResponse denied = service.answer(signInAt(service, "/login", Map.of("email", "carol@example.com", "email_verified", true,
                "cognito:groups", List.of("guests"))), context.invocation());
        assertEquals(403, denied.statusCode());
        assertTrue(denied.body().contains("NoAirflowRole"), denied.body());
        assertEquals(List.of(), aws.mintedBy);
        assertEquals(1, sendBack(denied).size(), "signed in, so no loop back to the provider");
        LoginResponse again = service.answer(get("/login", Map.of(), sendBack(denied), null, BROWSER), context.invocation());
        assertEquals(403, again.statusCode());
    }

    @Test
    void scriptsSendABearerTokenAndGetJson() {
        LoginService service = service();
        String token = provider.token(Map.of("email", "bob@example.com", "email_verified", true, "cognito:groups", List.of("data-eng")));
        LoginResponse response = service.answer(get("/login", Map.of("format", "json"), List.of(), "Bearer " + token,
                null), context.invocation());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("User", JsonReader.text(JsonReader.parse(response.body()), "airflowRole"));
        assertEquals("bob@example.com", JsonReader.text(JsonReader.parse(response.body()), "person"));
        assertTrue(context.lines.get(0).contains(" caller=bearer-token "), context.lines.get(0));
    }

    @Test
    void aScriptWithoutTokenOrSessionIs401AndIsNotSentToTheProvider() {
        LoginResponse response = service().answer(get("/login", Map.of("format", "json"), List.of(), null, null),
                context.invocation());
        assertEquals(401, response.statusCode());
        assertEquals("SignInRequired", code(response));
        assertEquals("Bearer", response.headers().get("WWW-Authenticate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"other-issuer", "other-audience", "garbage", "Basic dXNlcjpwYXNz", "none"})
    void aBearerTokenThatDoesNotVerifyIs401(String kind) {
        LoginService service = service();
        Map<String, Object> claims = Map.of("email", "mallory@example.com", "cognito:groups", List.of("admins"));
        String authorization = switch (kind) {
            case "other-issuer" -> "Bearer " + provider.sign(claims, null, "https://evil.example.com",
                    InMemoryProvider.CLIENT_ID);
            case "other-audience" -> "Bearer " + provider.sign(claims, null, InMemoryProvider.ISSUER, "other-app");
            case "none" -> "Bearer eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("{\"iss\":\"" + InMemoryProvider.ISSUER + "\",\"aud\":\""
                            + InMemoryProvider.CLIENT_ID + "\",\"sub\":\"x\",\"email\":\"mallory@example.com\","
                            + "\"exp\":4102444800,\"iat\":1764400000}").getBytes()) + ".";
            case "garbage" -> "Bearer not.a.token";
            default -> kind;
        };
        LoginResponse response = service.answer(get("/login", Map.of("format", "json"), List.of(), authorization,
                null), context.invocation());
        assertEquals(401, response.statusCode(), kind);
        assertEquals("InvalidToken", code(response));
        assertEquals(List.of(), aws.mintedBy);
        assertFalse(String.join("\n", context.lines).contains("mallory"), "no claim of a refused token is logged");
    }

    @Test
    void aWrongOrMissingStateOrCodeOrFlowCookieIsRefusedAndMintsNothing() {
        LoginService service = service();
        LoginRequest good = signInAt(service, "/login", Map.of("email", "alice@example.com", "email_verified", true,
                "cognito:groups", List.of("admins")));
        List<LoginRequest> bad = List.of(
                get("/oauth2/callback", Map.of("code", good.query().get("code"), "state", "forged"), good.cookies(),
                        null, BROWSER),
                get("/oauth2/callback", Map.of("code", good.query().get("code")), good.cookies(), null, BROWSER),
                get("/oauth2/callback", Map.of("state", good.query().get("state")), good.cookies(), null, BROWSER),
                get("/oauth2/callback", good.query(), List.of(), null, BROWSER),
                get("/oauth2/callback", good.query(), List.of("__Host-mwaa-login-flow=" + "A".repeat(200)), null,
                        BROWSER));
        for (LoginRequest request : bad) {
            LoginResponse response = service.answer(request, context.invocation());
            assertEquals(400, response.statusCode(), request.query() + " " + request.cookies());
            assertTrue(response.body().contains("SignInFailed"));
            assertTrue(response.cookies().isEmpty() || sendBack(response).isEmpty(), "no session");
        }
        assertEquals(List.of(), aws.mintedBy);
        // The good one still works once, and only once: a replayed code is spent.
        assertEquals(302, service.answer(good, context.invocation()).statusCode());
        LoginResponse replayed = service.answer(good, context.invocation());
        assertEquals(400, replayed.statusCode());
        assertEquals(1, aws.mintedBy.size());
    }

    @Test
    void theProviderSayingNoIsA403() {
        LoginService service = service();
        LoginRequest good = signInAt(service, "/login", Map.of("email", "alice@example.com", "email_verified", true));
        LoginResponse response = service.answer(get("/oauth2/callback", Map.of("error", "access_denied", "state",
                good.query().get("state")), good.cookies(), null, BROWSER), context.invocation());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("SignInDenied"));
    }

    @Test
    void aTamperedOrExpiredSessionIsNoSessionAndSendsTheBrowserToSignInAgain() {
        LoginService service = service();
        List<String> session = sendBack(service.answer(signInAt(service, "/login", Map.of("email",
                "alice@example.com", "email_verified", true, "cognito:groups", List.of("admins"))), context.invocation()));
        String value = session.get(0);
        char last = value.charAt(value.length() - 1);
        String tampered = value.substring(0, value.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String cookie : List.of(tampered, "__Host-mwaa-login-session=" + "x".repeat(5000),
                "__Host-mwaa-login-session=")) {
            LoginResponse response = service.answer(get("/login", Map.of(), List.of(cookie), null, BROWSER), context.invocation());
            assertEquals(302, response.statusCode());
            assertTrue(response.headers().get("Location").startsWith(InMemoryProvider.ISSUER), cookie.length() + "");
        }
        clock.advance(Duration.ofHours(8).plusSeconds(1));
        LoginResponse expired = service.answer(get("/login", Map.of(), session, null, BROWSER), context.invocation());
        assertTrue(expired.headers().get("Location").startsWith(InMemoryProvider.ISSUER), "8 hours later");
        assertEquals(1, aws.mintedBy.size());
    }

    @Test
    void logoutDropsTheSessionAndSignsOutAtTheProvider() {
        LoginService service = service();
        List<String> session = sendBack(service.answer(signInAt(service, "/login", Map.of("email",
                "alice@example.com", "email_verified", true, "cognito:groups", List.of("admins"))), context.invocation()));
        LoginResponse out = service.answer(get("/logout", Map.of(), session, null, BROWSER), context.invocation());
        assertEquals(302, out.statusCode());
        assertTrue(out.headers().get("Location").startsWith(InMemoryProvider.ISSUER + "/logout?client_id="
                + InMemoryProvider.CLIENT_ID + "&post_logout_redirect_uri=https%3A%2F%2F" + DOMAIN + "%2Flogin"),
                out.headers().get("Location"));
        assertTrue(out.cookies().contains("__Host-mwaa-login-session=; Path=/; Max-Age=0; Secure; HttpOnly; "
                + "SameSite=Lax"));
        provider.endSession = false;
        LoginResponse page = service(/* a fresh provider cache */).answer(get("/logout", Map.of(), session, null,
                BROWSER), context.invocation());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Signed out"));
    }

    @Test
    void aProviderThatIsDownOrSilentIsA502OrA504AndNothingIsMinted() {
        LoginService service = service();
        provider.down = true;
        LoginResponse down = service.answer(get("/login", Map.of(), List.of(), null, BROWSER), context.invocation());
        assertEquals(502, down.statusCode());
        assertTrue(down.body().contains("ProviderUnavailable"), down.body());
        provider.down = false;
        LoginRequest callback = signInAt(service, "/login", Map.of("email", "alice@example.com", "email_verified", true,
                "cognito:groups", List.of("admins")));
        provider.timeout = true;
        LoginResponse slow = service.answer(callback, context.invocation());
        assertEquals(504, slow.statusCode(), slow.body());
        assertEquals(List.of(), aws.mintedBy);
    }

    @Test
    void aDomainApiGatewayDoesNotVouchForIsNeverACallbackTarget() {
        LoginService service = service();
        LoginRequest elsewhere = new LoginRequest("GET", "/login", null, Map.of(), BROWSER, null, List.of(),
                LoginRequest.Authorizer.NONE, new LoginRequest.Gateway("gw-1", "evil.example.com", API));
        LoginResponse response = service.answer(elsewhere, context.invocation());
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("PublicBaseUrl"), response.body());
        LoginResponse configured = service("PUBLIC_BASE_URL", "https://airflow-login.example.com/").answer(elsewhere,
                context.invocation());
        assertTrue(InMemoryProvider.query(URI.create(configured.headers().get("Location")).getRawQuery())
                .get("redirect_uri").equals("https://airflow-login.example.com/oauth2/callback"));
    }

    @Test
    void theGatewaysAuthorizerContextIsIgnoredInBrowserModes() {
        // No authorizer runs in these modes; an identity in the event proves nothing and must not sign anyone in.
        LoginRequest forged = new LoginRequest("GET", "/login", null, Map.of("format", "json"), null, null,
                List.of(), new LoginRequest.Authorizer(Map.of("email", "alice@example.com", "cognito:groups",
                "[admins]"), "arn:aws:sts::123456789012:assumed-role/x/alice"), new LoginRequest.Gateway("gw-1",
                DOMAIN, API));
        assertEquals(401, service().answer(forged, context.invocation()).statusCode());
        assertEquals(List.of(), aws.mintedBy);
    }

    @Test
    void nothingSecretReachesTheLogOrTheMetrics() {
        LoginService service = service();
        LoginResponse landed = service.answer(signInAt(service, "/login", Map.of("email", "alice@example.com", "email_verified", true,
                "cognito:groups", List.of("admins"))), context.invocation());
        String everything = String.join("\n", context.lines) + String.join("\n", metrics);
        for (String cookie : sendBack(landed)) {
            assertFalse(everything.contains(cookie.substring(cookie.indexOf('=') + 1)));
        }
        assertFalse(everything.contains(SESSION_KEY) || everything.contains("eyJ"), everything);
    }

    @Test
    void settingsThatTheSecretGetsWrongAreA502ThatNamesTheFieldNotItsValue() {
        LoginService service = service();
        aws.secrets.put("mwaa-login/sign-in", "{\"issuer\":\"http://idp.example.com/t\",\"clientId\":\"c\","
                + "\"sessionKey\":\"" + SESSION_KEY + "\"}");
        LoginResponse response = service.answer(get("/login", Map.of(), List.of(), null, BROWSER), context.invocation());
        assertEquals(502, response.statusCode());
        assertTrue(response.body().contains("SignInUnavailable"));
        assertTrue(context.lines.get(0).contains("code=SignInUnavailable/Settings/issuer"), context.lines.get(0));
        assertFalse(context.lines.get(0).contains("idp.example.com"), context.lines.get(0));
        LoginService fresh = service();
        aws.secrets.put("mwaa-login/sign-in", "{\"issuer\":\"" + InMemoryProvider.ISSUER + "\",\"clientId\":\"c\","
                + "\"sessionKey\":\"too-short\"}");
        assertEquals(502, fresh.answer(get("/login", Map.of(), List.of(), null, BROWSER), context.invocation()).statusCode());
    }

    @Test
    void aSecretThatCannotBeReadIsA502AndTheNextRequestTriesAgain() {
        LoginService service = service();
        aws.secrets.clear();
        LoginResponse response = service.answer(get("/login", Map.of(), List.of(), null, BROWSER), context.invocation());
        assertEquals(502, response.statusCode());
        assertTrue(context.lines.get(0).contains("code=SignInUnavailable/SECRETS/ResourceNotFoundException"),
                context.lines.get(0));
        // Secrets Manager's own request id, under its own name: not MWAA's.
        assertTrue(context.lines.get(0).contains(" secretsManagerRequestId=sm-1 "), context.lines.get(0));
        assertFalse(context.lines.get(0).contains("mwaaRequestId"), context.lines.get(0));
        aws.secrets.put("mwaa-login/sign-in", "{\"issuer\":\"" + InMemoryProvider.ISSUER + "\",\"clientId\":\""
                + InMemoryProvider.CLIENT_ID + "\",\"sessionKey\":\"" + SESSION_KEY + "\"}");
        assertEquals(302, service.answer(get("/login", Map.of(), List.of(), null, BROWSER), context.invocation()).statusCode());
    }
}
