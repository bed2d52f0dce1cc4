package dev.mwaalogin.local;

import static dev.mwaalogin.local.SignInRig.FLOW_COOKIE;
import static dev.mwaalogin.local.SignInRig.SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.SignInRig.Flow;
import dev.mwaalogin.local.SignInRig.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An insider against browser sign-in, through the real pieces over HTTP (the built function under AWS's runtime
 * interface client, the emulator, mock-oauth2-server as the provider, see {@link SignInRig}), as {@code local/run
 * start-api} runs it: the person is the user name typed at the provider ({@code sub}), the groups the {@code groups}
 * claim, mapped by {@code events/env.json}. The insider picks a name shaped like someone else's Airflow user, a case
 * variant of it, groups that look like a mapped one, and keeps a session cookie after signing out or after losing a
 * group. Each case first shows the legitimate sign-in it imitates working, then that the attack gets nothing: a clear
 * refusal with nothing minted (the emulator counts every CreateWebLoginToken and AssumeRole), or at most a login as
 * the insider's own, different Airflow user (read back from the emulator's Airflow page).
 */
class IdentityHostileIT {

    private static final String ADMINS = "{\"groups\":[\"airflow-admins\"]}";

    private static SignInRig rig;
    private long mintedBefore;

    @BeforeAll
    static void start() throws IOException {
        rig = SignInRig.start(5000);
    }

    @AfterAll
    static void stop() {
        SignInRig.finish(rig, () -> { });
    }

    @BeforeEach
    void count() {
        mintedBefore = rig.minted();
    }

    private void assertNothingMintedSince(long before) {
        assertEquals(before, rig.minted(), "nothing minted, no role assumed");
    }

    /** Signs {@code user} in with these claims and returns the Airflow user the login came to. */
    private String airflowUserOf(String user, String claims) throws IOException {
        Map<String, String> landed = rig.redeem(rig.signIn("/login", user, claims));
        assertEquals("Admin", landed.get("airflowRole"), landed.toString());
        return landed.get("airflowIdentity");
    }

    @Test
    void aNameShapedLikeAnothersAirflowUserIsAnotherAirflowUser() throws IOException {
        // The control: Zoë's name needs cleaning, so her Airflow user ends in a hash of her name.
        String zoe = airflowUserOf("zoë ng", ADMINS);
        assertTrue(zoe.matches("assumed-role/Admin-local/zo--ng-[0-9a-f]{16}"), zoe);
        assertEquals(zoe, airflowUserOf("zoë ng", ADMINS), "the same person is the same user");
        // Mallory calls herself exactly that: a name STS would take as it is. She signs in, as a user of her own.
        String forged = zoe.substring(zoe.lastIndexOf('/') + 1);
        String mallory = airflowUserOf(forged, ADMINS);
        assertNotEquals(zoe.toLowerCase(Locale.ROOT), mallory.toLowerCase(Locale.ROOT));
        assertTrue(mallory.startsWith("assumed-role/Admin-local/" + forged.substring(0, 10)), mallory);

        // Two long names with everything that fits in common.
        String shared = "firstname.middlename.lastname.of.someone.";
        String one = airflowUserOf(shared + "one", ADMINS);
        String two = airflowUserOf(shared + "two", ADMINS);
        assertNotEquals(one, two);
        assertEquals(64, one.length(), one);
    }

    @Test
    void aCaseVariantOfANameIsAnotherAirflowUserForAirflowToo() throws IOException {
        // STS keeps "alice" and "Alice" apart; Airflow finds users ignoring case and would make them one.
        String alice = airflowUserOf("alice", ADMINS);
        assertEquals("assumed-role/Admin-local/alice", alice);
        for (String variant : List.of("Alice", "ALICE", "aLiCe")) {
            String other = airflowUserOf(variant, ADMINS);
            assertNotEquals(alice.toLowerCase(Locale.ROOT), other.toLowerCase(Locale.ROOT), variant);
        }
    }

    @Test
    void groupsThatLookLikeAMappedGroupGetNoRole() throws IOException {
        // The control: the mapped group, as an array and as a lone string.
        assertEquals("Admin", rig.redeem(rig.signIn("/login", "carol", ADMINS)).get("airflowRole"));
        assertEquals("Admin", rig.redeem(rig.signIn("/login", "carol", "{\"groups\":\"airflow-admins\"}"))
                .get("airflowRole"));
        long before = rig.minted();
        for (String groups : List.of("[\"Airflow-Admins\"]", "[\"airflow-admins \"]", "[\" airflow-admins\"]",
                "[\"airflow\u2010admins\"]", "[\"airflow\u2011admins\"]", "[\"x airflow-admins\"]",
                "\"x airflow-admins\"", "\"viewers,airflow-admins\"", "\"[viewers airflow-admins]\"",
                "\"airflow-admins viewers\"", "[[\"airflow-admins\"]]", "{\"0\":\"airflow-admins\"}")) {
            Response refused = rig.signIn("/login", "carol", "{\"groups\":" + groups + "}");
            refused.assertSignedInButRefused(403, "NoAirflowRole");
        }
        assertNothingMintedSince(before);
    }

    @Test
    void anErrorWithoutTheStateOfTheFlowEndsNothing() throws IOException {
        Response landed = rig.signIn("/login", "dave", ADMINS);
        String session = landed.cookies().get(SESSION_COOKIE);
        rig.redeem(landed);
        Flow flow = rig.start("/login");
        long before = rig.minted();
        // The control: the provider's own answer, with the flow's state, is a refusal that ends the session.
        Response denied = rig.browse("/oauth2/callback?error=access_denied&state=" + flow.parameter("state"),
                flow.flowCookie(), session);
        denied.assertErrorPage(403, "SignInDenied");
        assertTrue(denied.cookies().get(SESSION_COOKIE).endsWith("="), "the session is cleared");
        // The attack: a link without the state (or with another) from someone else's page.
        Flow next = rig.start("/login");
        for (String query : List.of("error=login_required", "error=access_denied&state=forged",
                "error=login_required&state=" + flow.parameter("state"))) {
            Response refused = rig.browse("/oauth2/callback?" + query, next.flowCookie(), session);
            refused.assertErrorPage(400, "SignInFailed");
            assertFalse(refused.cookies().containsKey(SESSION_COOKIE), "the session is untouched: " + query);
        }
        assertNothingMintedSince(before);
        assertEquals("assumed-role/Admin-local/dave", rig.redeem(rig.browse("/login", session)).get(
                "airflowIdentity"), "and still signs in");
    }

    @Test
    void aSessionKeptAfterLosingTheGroupLosesTheRoleAtItsRecheck() throws IOException {
        Response landed = rig.signIn("/login", "erin", ADMINS);
        String session = landed.cookies().get(SESSION_COOKIE);
        rig.redeem(landed);
        // The control: past the recheck period, renewed without a prompt, erin is still an admin.
        Recheck control = recheck(aged(session));
        String renewed = rig.approve(control.authorize(), "erin", ADMINS);
        assertEquals("Admin", rig.redeem(rig.browse(renewed.substring(rig.api.url().length()),
                control.flowCookie(), control.session())).get("airflowRole"));
        // Then an administrator takes erin out of airflow-admins. Her old cookie, replayed later, is renewed too.
        Recheck replay = recheck(aged(session));
        long before = rig.minted();
        String demoted = rig.approve(replay.authorize(), "erin", "{\"groups\":[\"everyone\"]}");
        Response refused = rig.browse(demoted.substring(rig.api.url().length()), replay.flowCookie(),
                replay.session());
        refused.assertSignedInButRefused(403, "NoAirflowRole");
        assertNothingMintedSince(before);
        // Within the recheck period the cookie is trusted as sealed; the next request is refused with the new groups.
        String newSession = refused.cookies().get(SESSION_COOKIE);
        rig.remember(newSession.substring(SESSION_COOKIE.length() + 1));
        rig.browse("/login", newSession).assertErrorPage(403, "NoAirflowRole");
        assertNothingMintedSince(before);
    }

    @Test
    void aSessionReplayedAfterLogoutEndsAtItsRecheck() throws IOException {
        Response landed = rig.signIn("/login", "frank", ADMINS);
        String session = landed.cookies().get(SESSION_COOKIE);
        rig.redeem(landed);
        Response out = rig.browse("/logout", session);
        assertEquals(302, out.status());
        Map<String, String> logout = SignInRig.query(URI.create(out.location()).getRawQuery());
        assertTrue(out.location().startsWith(rig.provider.issuer() + "/endsession?"), "the provider signs out too");
        assertTrue(logout.get("id_token_hint") != null && logout.get("id_token_hint").split("\\.").length == 3,
                "with the session's ID token as the hint: " + logout.keySet());
        rig.remember(logout.get("id_token_hint"));
        assertTrue(out.cookies().get(SESSION_COOKIE).endsWith("=") && out.cookies().get(FLOW_COOKIE).endsWith("="),
                "both cookies cleared");
        // A copy of the cookie is replayed past the recheck period; the provider has no session for frank any more
        // and answers the silent request with login_required (mock-oauth2-server has no prompt=none, so this test
        // gives the answer a provider gives).
        Recheck replay = recheck(aged(session));
        long before = rig.minted();
        Response ended = rig.browse("/oauth2/callback?error=login_required&state=" + replay.state(),
                replay.flowCookie(), replay.session());
        assertEquals(302, ended.status(), ended.body());
        assertTrue(ended.location().startsWith(rig.provider.issuer() + "/authorize?"), "a sign-in, with a prompt");
        assertNull(SignInRig.query(URI.create(ended.location()).getRawQuery()).get("prompt"));
        assertTrue(ended.cookies().get(SESSION_COOKIE).endsWith("="), "the replayed session is cleared");
        assertNothingMintedSince(before);
        rig.remember(ended.cookies().get(FLOW_COOKIE).substring(FLOW_COOKIE.length() + 1));
    }

    /** A sent-back session cookie made older: its last check 16 minutes ago, as the same cookie would be then. */
    private static String aged(String sessionCookie) {
        Map<String, String> session = new LinkedHashMap<>(rig.open("session", sessionCookie.substring(
                SESSION_COOKIE.length() + 1)));
        session.put("checked", Long.toString(Instant.now().minus(Duration.ofMinutes(16)).getEpochSecond()));
        return SESSION_COOKIE + "=" + rig.seal("session", session, Instant.ofEpochSecond(Long.parseLong(
                session.get("until"))));
    }

    /** A session due for its recheck, sent to /login: the 302 to the provider without a prompt, and its cookies. */
    private record Recheck(URI authorize, String flowCookie, String session) {
        String state() {
            return SignInRig.query(authorize.getRawQuery()).get("state");
        }
    }

    private static Recheck recheck(String session) throws IOException {
        long before = rig.minted();
        Response response = rig.browse("/login", session);
        assertEquals(302, response.status(), response.body());
        URI authorize = URI.create(response.location());
        assertTrue(authorize.toString().startsWith(rig.provider.issuer() + "/authorize?"), authorize.toString());
        assertEquals("none", SignInRig.query(authorize.getRawQuery()).get("prompt"));
        assertEquals(before, rig.minted(), "nothing minted before the provider vouched again");
        String flow = response.cookies().get(FLOW_COOKIE);
        rig.remember(flow.substring(FLOW_COOKIE.length() + 1));
        return new Recheck(authorize, flow, session);
    }
}
