package dev.mwaalogin;

import static dev.mwaalogin.BrowserSignInFixture.BROWSER;
import static dev.mwaalogin.BrowserSignInFixture.get;
import static dev.mwaalogin.BrowserSignInFixture.sendBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.oidc.CookieSeal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A browser session follows the provider: after the recheck period it is renewed without a prompt, the provider's new
 * groups replace the old, and the provider's "sign in again" or a refusal ends it. Logout tells the provider whose
 * session to end. No one else can end a session by sending the browser to the callback.
 */
class SessionRecheckTest {

    private static final Map<String, Object> ADMIN = Map.of("email", "alice@example.com", "email_verified", true,
            "cognito:groups", List.of("admins"));
    private static final Map<String, Object> NO_LONGER_ADMIN = Map.of("email", "alice@example.com",
            "email_verified", true, "cognito:groups", List.of("everyone"));

    private final BrowserSignInFixture fixture = new BrowserSignInFixture();
    private final LoginService service = fixture.service("SESSION_RECHECK_MINUTES", "15");

    /** Signs Alice in as an admin; returns the session cookie the browser keeps. */
    private List<String> signedInAdmin() {
        LoginResponse landed = service.answer(fixture.signInAt(service, "/login", ADMIN), fixture.context.invocation());
        assertEquals(302, landed.statusCode(), landed.body());
        List<String> session = sendBack(landed);
        assertEquals(1, session.size());
        return session;
    }

    private LoginResponse browse(String path, List<String> cookies) {
        return service.answer(get(path, Map.of(), cookies, null, BROWSER), fixture.context.invocation());
    }

    @Test
    void withinTheRecheckPeriodTheSessionSignsInWithoutTheProvider() {
        List<String> session = signedInAdmin();
        fixture.clock.advance(Duration.ofMinutes(14));
        int calls = fixture.provider.calls.size();
        LoginResponse again = browse("/login", session);
        assertEquals(302, again.statusCode());
        assertTrue(again.headers().get("Location").contains("/aws_mwaa/aws-console-sso?login=true#"));
        assertEquals(calls, fixture.provider.calls.size());
        assertEquals(2, fixture.aws.mintedBy.size());
    }

    @Test
    void afterItTheSessionIsRenewedWithoutAPromptAndTheNewGroupsReplaceTheOld() {
        List<String> session = signedInAdmin();
        fixture.clock.advance(Duration.ofMinutes(15));
        // The positive control: renewed with the same groups, the person lands in Airflow as before.
        LoginResponse recheck = browse("/login/analytics", session);
        assertEquals(302, recheck.statusCode());
        URI authorize = URI.create(recheck.headers().get("Location"));
        assertTrue(authorize.toString().startsWith(InMemoryProvider.ISSUER + "/authorize?"), authorize.toString());
        Map<String, String> query = InMemoryProvider.query(authorize.getRawQuery());
        assertEquals("none", query.get("prompt"), "no prompt: the provider answers at once");
        assertEquals(1, fixture.aws.mintedBy.size(), "nothing minted on a session due for its recheck");
        List<String> flow = sendBack(recheck);
        assertEquals(1, flow.size(), "the flow cookie; the session stays until the provider answers");
        LoginResponse renewed = service.answer(get("/oauth2/callback", Map.of("code", fixture.provider.authorize(
                authorize, ADMIN), "state", query.get("state")), List.of(session.get(0), flow.get(0)), null, BROWSER),
                fixture.context.invocation());
        assertEquals(302, renewed.statusCode(), renewed.body());
        assertTrue(renewed.headers().get("Location").contains("/pluginsv2/aws_mwaa/aws-console-sso"),
                "back to where the person was going");
        assertEquals(2, fixture.aws.mintedBy.size());
        List<String> renewedSession = sendBack(renewed);

        // Then the provider stops putting Alice in the admins group: the next recheck takes her role away.
        fixture.clock.advance(Duration.ofMinutes(16));
        LoginResponse next = browse("/login", renewedSession);
        URI again = URI.create(next.headers().get("Location"));
        String state = InMemoryProvider.query(again.getRawQuery()).get("state");
        LoginResponse demoted = service.answer(get("/oauth2/callback", Map.of("code", fixture.provider.authorize(
                again, NO_LONGER_ADMIN), "state", state), List.of(renewedSession.get(0), sendBack(next).get(0)), null,
                BROWSER), fixture.context.invocation());
        assertEquals(403, demoted.statusCode());
        assertTrue(demoted.body().contains("NoAirflowRole"), demoted.body());
        assertEquals(2, fixture.aws.mintedBy.size(), "nothing minted for the groups she no longer has");
        assertEquals(403, browse("/login", sendBack(demoted)).statusCode(), "the new session holds the new groups");
        assertEquals(2, fixture.aws.assumed.size());
    }

    @Test
    void theProviderAskingForASignInEndsTheSession() {
        List<String> session = signedInAdmin();
        fixture.clock.advance(Duration.ofMinutes(20));
        LoginResponse recheck = browse("/login", session);
        String state = InMemoryProvider.query(URI.create(recheck.headers().get("Location")).getRawQuery())
                .get("state");
        LoginResponse ended = service.answer(get("/oauth2/callback", Map.of("error", "login_required", "state",
                state), List.of(session.get(0), sendBack(recheck).get(0)), null, BROWSER), fixture.context.invocation());
        assertEquals(302, ended.statusCode());
        URI interactive = URI.create(ended.headers().get("Location"));
        assertTrue(interactive.toString().startsWith(InMemoryProvider.ISSUER + "/authorize?"));
        assertNull(InMemoryProvider.query(interactive.getRawQuery()).get("prompt"), "a sign-in with a prompt");
        assertTrue(ended.cookies().contains("__Host-mwaa-login-session=; Path=/; Max-Age=0; Secure; HttpOnly; "
                + "SameSite=Lax"), ended.cookies().toString());
        assertEquals(1, fixture.aws.mintedBy.size());
        assertTrue(fixture.context.lines.get(fixture.context.lines.size() - 1).contains("code=SessionEnded"));
    }

    @Test
    void aRefusalOfTheRenewedTokenEndsTheSession() {
        List<String> session = signedInAdmin();
        fixture.clock.advance(Duration.ofMinutes(20));
        LoginResponse recheck = browse("/login", session);
        URI authorize = URI.create(recheck.headers().get("Location"));
        String state = InMemoryProvider.query(authorize.getRawQuery()).get("state");
        // The provider no longer vouches for the address.
        LoginResponse refused = service.answer(get("/oauth2/callback", Map.of("code", fixture.provider.authorize(
                authorize, Map.of("email", "alice@example.com", "email_verified", false, "cognito:groups",
                        List.of("admins"))), "state", state), List.of(session.get(0), sendBack(recheck).get(0)), null,
                BROWSER), fixture.context.invocation());
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("NoIdentity"), refused.body());
        assertTrue(refused.cookies().stream().anyMatch(c -> c.startsWith("__Host-mwaa-login-session=; ")));
        // access_denied at the provider likewise.
        LoginResponse recheck2 = browse("/login", session);
        String state2 = InMemoryProvider.query(URI.create(recheck2.headers().get("Location")).getRawQuery())
                .get("state");
        LoginResponse denied = service.answer(get("/oauth2/callback", Map.of("error", "access_denied", "state",
                state2), List.of(session.get(0), sendBack(recheck2).get(0)), null, BROWSER), fixture.context.invocation());
        assertEquals(403, denied.statusCode());
        assertTrue(denied.cookies().stream().anyMatch(c -> c.startsWith("__Host-mwaa-login-session=; ")));
        assertEquals(1, fixture.aws.mintedBy.size());
    }

    @Test
    void anErrorWithoutTheFlowsStateChangesNothing() {
        List<String> session = signedInAdmin();
        fixture.clock.advance(Duration.ofMinutes(20));
        LoginResponse recheck = browse("/login", session);
        List<String> both = List.of(session.get(0), sendBack(recheck).get(0));
        // Someone else's link to the callback: no state, or a wrong one. The session must not end.
        for (Map<String, String> query : List.of(Map.of("error", "login_required"), Map.of("error", "access_denied",
                "state", "forged"))) {
            LoginResponse response = service.answer(get("/oauth2/callback", query, both, null, BROWSER),
                    fixture.context.invocation());
            assertEquals(400, response.statusCode(), query.toString());
            assertTrue(response.body().contains("SignInFailed"));
            assertTrue(response.cookies().isEmpty(), "no cookie touched: " + response.cookies());
        }
    }

    @Test
    void aScriptWithASessionDueForItsRecheckIsAskedToSignIn() {
        List<String> session = signedInAdmin();
        fixture.clock.advance(Duration.ofMinutes(15));
        LoginResponse json = service.answer(get("/login", Map.of("format", "json"), session, null, null),
                fixture.context.invocation());
        assertEquals(401, json.statusCode());
        assertEquals("SignInRequired", BrowserSignInFixture.code(json));
        assertEquals(1, fixture.aws.mintedBy.size());
    }

    @Test
    void aRenewalDoesNotMakeTheSessionLastLongerThanSessionHours() {
        List<String> session = signedInAdmin();
        fixture.clock.advance(Duration.ofHours(7).plusMinutes(50));
        LoginResponse recheck = browse("/login", session);
        URI authorize = URI.create(recheck.headers().get("Location"));
        LoginResponse renewed = service.answer(get("/oauth2/callback", Map.of("code", fixture.provider.authorize(
                authorize, ADMIN), "state", InMemoryProvider.query(authorize.getRawQuery()).get("state")),
                List.of(session.get(0), sendBack(recheck).get(0)), null, BROWSER), fixture.context.invocation());
        String cookie = renewed.cookies().stream().filter(c -> c.startsWith("__Host-mwaa-login-session=")).findFirst()
                .orElseThrow();
        assertTrue(cookie.contains("Max-Age=600;"), "what is left of the 8 hours: " + cookie);
        fixture.clock.advance(Duration.ofMinutes(11));
        LoginResponse after = browse("/login", sendBack(renewed));
        assertNull(InMemoryProvider.query(URI.create(after.headers().get("Location")).getRawQuery()).get("prompt"),
                "ended: a sign-in with a prompt");
    }

    @Test
    void aSessionSealedBeforeRechecksExistedIsNoSession() {
        String old = CookieSeal.create("session", List.of(BrowserSignInFixture.SESSION_KEY.getBytes(
                StandardCharsets.UTF_8))).seal(Map.of("person", "alice@example.com", "groups", "admins"),
                fixture.clock.instant().plusSeconds(3600));
        service.answer(get("/login", Map.of(), List.of(), null, BROWSER), fixture.context.invocation()); // reads the secret
        LoginResponse response = browse("/login", List.of("__Host-mwaa-login-session=" + old));
        assertEquals(302, response.statusCode());
        assertNull(InMemoryProvider.query(URI.create(response.headers().get("Location")).getRawQuery())
                .get("prompt"));
        assertEquals(0, fixture.aws.mintedBy.size());
    }

    @Test
    void aSessionWithTooManyGroupsToAlsoHoldItsIdTokenKeepsTheGroupsAndSignsOutWithoutAHint() {
        List<String> groups = new java.util.ArrayList<>(List.of("admins"));
        for (int i = 10; i < 70; i++) {
            groups.add("group-with-a-name-" + i);
        }
        LoginResponse landed = service.answer(fixture.signInAt(service, "/login", Map.of("email",
                "alice@example.com", "email_verified", true, "cognito:groups", groups)), fixture.context.invocation());
        assertEquals(302, landed.statusCode(), landed.body());
        List<String> session = sendBack(landed);
        assertTrue(session.get(0).length() <= CookieSeal.MAX_SEALED_CHARS + 40, "fits a cookie");
        assertEquals(302, browse("/login", session).statusCode(), "the session signs in");
        assertEquals(2, fixture.aws.mintedBy.size());
        Map<String, String> query = InMemoryProvider.query(URI.create(browse("/logout", session).headers()
                .get("Location")).getRawQuery());
        assertNull(query.get("id_token_hint"), "the ID token did not fit beside the groups");
    }

    @Test
    void logoutClearsBothCookiesAndTellsTheProviderWhoseSessionToEnd() {
        List<String> session = signedInAdmin();
        LoginResponse out = browse("/logout", session);
        assertEquals(302, out.statusCode());
        Map<String, String> query = InMemoryProvider.query(URI.create(out.headers().get("Location")).getRawQuery());
        String hint = query.get("id_token_hint");
        assertTrue(hint != null && hint.split("\\.").length == 3, "the session's ID token: " + query.keySet());
        assertEquals(InMemoryProvider.CLIENT_ID, query.get("client_id"));
        assertTrue(out.cookies().contains("__Host-mwaa-login-session=; Path=/; Max-Age=0; Secure; HttpOnly; "
                + "SameSite=Lax"));
        assertTrue(out.cookies().contains("__Host-mwaa-login-flow=; Path=/; Max-Age=0; Secure; HttpOnly; "
                + "SameSite=Lax"));
        assertFalse(String.join("\n", fixture.context.lines).contains(hint), "the hint is a token: never logged");
        // Without a session there is no hint, and still a sign-out.
        Map<String, String> bare = InMemoryProvider.query(URI.create(browse("/logout", List.of()).headers()
                .get("Location")).getRawQuery());
        assertNull(bare.get("id_token_hint"));
    }
}
