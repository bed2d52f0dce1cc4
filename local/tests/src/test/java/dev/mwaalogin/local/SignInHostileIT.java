package dev.mwaalogin.local;

import static dev.mwaalogin.local.SignInRig.FLOW_COOKIE;
import static dev.mwaalogin.local.SignInRig.SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.SignInRig.Flow;
import dev.mwaalogin.local.SignInRig.Response;
import dev.mwaalogin.oidc.CookieSeal;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on browser sign-in through the real pieces over HTTP: the built function in AWS's runtime interface
 * client behind the local API, the emulator's Secrets Manager holding the session key, and mock-oauth2-server as
 * the provider. Each refusal must be a clear error page that echoes nothing, mint nothing (the emulator counts every
 * CreateWebLoginToken and AssumeRole) and log nothing secret; each starts from a sign-in that would otherwise work,
 * so it is the attack that is refused. The provider's slowness and outage are in {@link ProviderOutageIT}.
 */
class SignInHostileIT {

    private static final String ADMINS = "{\"groups\":[\"airflow-admins\"]}";

    private static SignInRig rig;
    private long mintedBefore;

    @BeforeAll
    static void start() throws IOException {
        rig = SignInRig.start(5000); // events/env.json's deadline; ProviderOutageIT tests deadlines
    }

    @AfterAll
    static void stop() {
        SignInRig.finish(rig, () -> { });
    }

    @BeforeEach
    void count() {
        mintedBefore = rig.minted();
    }

    private void assertNothingMinted() {
        assertEquals(mintedBefore, rig.minted(), "nothing minted, no role assumed");
    }

    @Test
    void aMissingOrWrongStateOrCodeOrFlowCookieIsRefusedBeforeTheCodeIsSpent() throws IOException {
        Flow flow = rig.start("/login");
        String callback = rig.approve(flow.authorize(), "alice", ADMINS);
        Map<String, String> query = SignInRig.query(URI.create(callback).getRawQuery());
        String code = query.get("code");
        String state = query.get("state");
        String base = "/oauth2/callback?";
        Flow other = rig.start("/login");
        for (Response refused : List.of(
                rig.browse(base + "code=" + code, flow.flowCookie()),
                rig.browse(base + "code=" + code + "&state=forged-" + state, flow.flowCookie()),
                rig.browse(base + "state=" + state, flow.flowCookie()),
                rig.browse(base + "code=&state=" + state, flow.flowCookie()),
                rig.browse(base + "code=" + code + "&state=" + state),
                rig.browse(base + "code=" + code + "&state=" + state, other.flowCookie()))) {
            refused.assertErrorPage(400, "SignInFailed", code, state);
        }
        assertNothingMinted();
        // None of those reached the provider: the code is still good, once.
        Response landed = rig.browse(callback.substring(rig.api.url().length()), flow.flowCookie());
        assertLandedInAirflow(landed, "demo");
        mintedBefore = rig.minted();
        int logged = rig.logs.size();
        rig.browse(callback.substring(rig.api.url().length()), flow.flowCookie())
                .assertErrorPage(400, "SignInFailed", code, state);
        assertNothingMinted();
        // mock-oauth2-server refuses a code used twice (invalid_grant), and the function says why it refused.
        rig.awaitLogLine(logged, "code=SignInFailed/invalid_grant ");
    }

    @Test
    void theProviderSayingNoIsA403() throws IOException {
        Flow flow = rig.start("/login");
        rig.browse("/oauth2/callback?error=access_denied&error_description=nope&state=" + flow.parameter("state"),
                flow.flowCookie()).assertErrorPage(403, "SignInDenied", "nope");
        assertNothingMinted();
    }

    @Test
    void aTamperedExpiredOrOversizedFlowCookieIsRefused() throws IOException {
        Flow flow = rig.start("/login");
        String callback = rig.approve(flow.authorize(), "alice", ADMINS).substring(rig.api.url().length());
        String sealed = flow.flowCookie().substring(FLOW_COOKIE.length() + 1);
        int middle = sealed.length() / 2;
        String tampered = sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A')
                + sealed.substring(middle + 1);
        for (String cookie : List.of(tampered, sealed.substring(0, middle), "A".repeat(5000), "")) {
            rig.browse(callback, FLOW_COOKIE + "=" + cookie).assertErrorPage(400, "SignInFailed");
        }
        assertNothingMinted();
        assertLandedInAirflow(rig.browse(callback, flow.flowCookie()), "demo");

        // Sealed by this test with the session key, as the function seals it: fine until it expires, then refused.
        ForgedFlow fresh = ForgedFlow.create();
        String freshCallback = rig.approve(fresh.authorize(rig), "alice", ADMINS).substring(rig.api.url().length());
        assertLandedInAirflow(rig.browse(freshCallback, fresh.cookie(rig, Instant.now().plusSeconds(60))), "demo");
        ForgedFlow old = ForgedFlow.create();
        String oldCallback = rig.approve(old.authorize(rig), "alice", ADMINS).substring(rig.api.url().length());
        mintedBefore = rig.minted();
        rig.browse(oldCallback, old.cookie(rig, Instant.now().minusSeconds(1))).assertErrorPage(400, "SignInFailed");
        assertNothingMinted();
    }

    @Test
    void aTamperedExpiredOrOversizedSessionIsNoSessionAndSendsTheBrowserToSignInAgain() throws IOException {
        Flow flow = rig.start("/login");
        Response landed = rig.browse(rig.approve(flow.authorize(), "alice", ADMINS).substring(rig.api.url()
                .length()), flow.flowCookie());
        String session = landed.cookies().get(SESSION_COOKIE);
        rig.remember(session.substring(SESSION_COOKIE.length() + 1));
        assertLandedInAirflow(rig.browse("/login", session), "demo");
        mintedBefore = rig.minted();
        String value = session.substring(SESSION_COOKIE.length() + 1);
        String last = value.endsWith("A") ? "B" : "A";
        for (String cookie : List.of(value.substring(0, value.length() - 1) + last, "x".repeat(5000),
                forgedSession(Instant.now().minusSeconds(1)))) {
            Response response = rig.browse("/login", SESSION_COOKIE + "=" + cookie);
            assertEquals(302, response.status(), response.body());
            assertTrue(response.location().startsWith(rig.provider.issuer() + "/authorize?"), "signs in again");
        }
        assertNothingMinted();
        // The expiry is what refused the last one: the same, still valid, is a session.
        assertLandedInAirflow(rig.browse("/login", SESSION_COOKIE + "=" + forgedSession(Instant.now()
                .plusSeconds(60))), "demo");
    }

    @Test
    void aTokenFromAnotherIssuerOrForAnotherAudienceIsRefused() throws IOException {
        // The provider's login page takes claims as typed, so its ID token can name another issuer or audience.
        String admins = "\"groups\":[\"airflow-admins\"]";
        Map<String, String> reasons = Map.of(
                "{\"iss\":\"" + rig.provider.issuer("other") + "\"," + admins + "}", "WRONG_ISSUER",
                "{\"aud\":\"someone-else\"," + admins + "}", "WRONG_AUDIENCE");
        for (Map.Entry<String, String> claims : reasons.entrySet()) {
            Flow flow = rig.start("/login");
            String callback = rig.approve(flow.authorize(), "alice", claims.getKey());
            int logged = rig.logs.size();
            rig.browse(callback.substring(rig.api.url().length()), flow.flowCookie())
                    .assertErrorPage(400, "SignInFailed");
            rig.awaitLogLine(logged, "code=SignInFailed/" + claims.getValue() + " ");
        }
        assertNothingMinted();
    }

    @Test
    void aForgedReturnTargetIsIgnored() throws IOException {
        String evil = URLEncoder.encode("https://evil.example/steal", StandardCharsets.UTF_8);
        String forged = "redirect_uri=" + evil + "&return_to=" + evil + "&next=" + evil + "&post_login=" + evil;
        Response start = rig.browse("/login?" + forged);
        assertEquals(302, start.status());
        Map<String, String> authorize = SignInRig.query(URI.create(start.location()).getRawQuery());
        assertEquals(rig.api.url() + "/oauth2/callback", authorize.get("redirect_uri"));
        String flow = start.cookies().get(FLOW_COOKIE);
        rig.remember(flow.substring(FLOW_COOKIE.length() + 1));
        String callback = rig.approve(URI.create(start.location()), "alice", ADMINS);
        assertLandedInAirflow(rig.browse(callback.substring(rig.api.url().length()) + "&" + forged, flow), "demo");
        mintedBefore = rig.minted();
        rig.browse("/login/evil.example").assertErrorPage(400, "InvalidEnvironmentName", "evil");
        rig.browse("/login/elsewhere").assertErrorPage(404, "EnvironmentNotFound", "elsewhere");
        assertNothingMinted();
    }

    /** A session as the function seals one: its person and groups, checked just now, lasting until it expires. */
    private String forgedSession(Instant expires) {
        String sealed = seal("session", Map.of("person", "alice", "groups", "airflow-admins", "checked",
                Long.toString(Instant.now().getEpochSecond()), "until", Long.toString(expires.getEpochSecond())),
                expires);
        rig.remember(sealed);
        return sealed;
    }

    static String seal(String purpose, Map<String, String> payload, Instant expires) {
        return CookieSeal.create(purpose, List.of(rig.setup.signIn.sessionKey().getBytes(StandardCharsets.UTF_8)))
                .seal(payload, expires);
    }

    /** A 302 into the emulator's Airflow page for {@code environment} with a token, which is remembered. */
    private static void assertLandedInAirflow(Response response, String environment) {
        assertEquals(302, response.status(), response.body());
        String airflow = rig.setup.emulator.endpoint().toString().replaceAll("/$", "") + "/aws_mwaa/aws-console-sso"
                + "?login=true#";
        assertTrue(response.location().startsWith(airflow), "into " + environment + "'s Airflow page");
        rig.remember(response.location().substring(airflow.length()));
        response.cookies().values().forEach(cookie -> rig.remember(cookie.substring(cookie.indexOf('=') + 1)));
    }

    /** An authorization request this test makes itself, with a flow cookie sealed the way the function seals it. */
    record ForgedFlow(String state, String nonce, String verifier) {

        static ForgedFlow create() {
            return new ForgedFlow(Pkce.random(), Pkce.random(), Pkce.random() + Pkce.random());
        }

        URI authorize(SignInRig rig) {
            return URI.create(rig.provider.issuer() + "/authorize?response_type=code&client_id="
                    + LocalProvider.CLIENT_ID + "&redirect_uri=" + URLEncoder.encode(rig.api.url()
                    + "/oauth2/callback", StandardCharsets.UTF_8) + "&scope=openid&state=" + state + "&nonce="
                    + nonce + "&code_challenge=" + Pkce.challenge(verifier) + "&code_challenge_method=S256");
        }

        String cookie(SignInRig rig, Instant expires) {
            String sealed = seal("flow", Map.of("state", state, "nonce", nonce, "verifier", verifier,
                    "environment", "demo"), expires);
            rig.remember(sealed);
            return FLOW_COOKIE + "=" + sealed;
        }
    }

    /** PKCE (RFC 7636) done here, not with the function's code: the provider checks it independently. */
    private static final class Pkce {
        private static final SecureRandom RANDOM = new SecureRandom();

        static String random() {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        static String challenge(String verifier) {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
