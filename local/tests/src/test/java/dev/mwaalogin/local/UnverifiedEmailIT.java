package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.SignInRig.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Someone who may set their own e-mail address at the provider (a self-service profile, a guest, a federated
 * account) against a function that names people by e-mail, as the template's OIDC and Cognito modes do by default:
 * the real rig of {@link SignInRig} with {@code IDENTITY_CLAIM=email} and {@code REQUIRED_CLAIMS} naming the
 * company's domain. Alice's own sign-in works first; Mallory typing Alice's address, unverified, or having no address
 * at all, is refused with nothing minted, in the browser and with a bearer token alike.
 */
class UnverifiedEmailIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "{\"email\":\"alice@example.com\",\"email_verified\":true,"
            + "\"groups\":[\"airflow-admins\"]}";

    private static SignInRig rig;

    @BeforeAll
    static void start() throws IOException {
        rig = SignInRig.start(5000, Map.of("IDENTITY_CLAIM", "email", "REQUIRED_CLAIMS",
                "email_domain=example.com"));
    }

    @AfterAll
    static void stop() {
        SignInRig.finish(rig, () -> assertTrue(rig.logs.stream().noneMatch(line -> line.contains("mallory")),
                "a refused person was logged"));
    }

    @Test
    void anUnverifiedEmailAddressIsNoOneAndNothingElseStandsInForIt() throws IOException {
        Map<String, String> alice = rig.redeem(rig.signIn("/login", "alice-sub", ALICE));
        assertEquals("assumed-role/Admin-local/alice@example.com", alice.get("airflowIdentity"));
        // The same mailbox written in capitals is the same person: Airflow would find her user anyway.
        assertEquals(alice.get("airflowIdentity"), rig.redeem(rig.signIn("/login", "alice-sub",
                ALICE.replace("alice@example.com", "Alice@Example.COM"))).get("airflowIdentity"));
        long before = rig.minted();
        for (String claims : List.of(
                "{\"email\":\"alice@example.com\",\"email_verified\":false,\"groups\":[\"airflow-admins\"]}",
                "{\"email\":\"alice@example.com\",\"email_verified\":\"true\",\"groups\":[\"airflow-admins\"]}",
                "{\"email\":\"alice@example.com\",\"groups\":[\"airflow-admins\"]}",
                "{\"email\":\"Alice@example.com\",\"email_verified\":true,\"xms_edov\":false,"
                        + "\"groups\":[\"airflow-admins\"]}",
                "{\"preferred_username\":\"alice@example.com\",\"groups\":[\"airflow-admins\"]}")) {
            int logged = rig.logs.size();
            rig.signIn("/login", "mallory", claims).assertErrorPage(403, "NoIdentity", "alice@example.com");
            rig.awaitLogLine(logged, "login status=403 code=NoIdentity/");
        }
        assertEquals(before, rig.minted(), "nothing minted, no role assumed");
    }

    @Test
    void aVerifiedAddressOutsideTheRequiredDomainIsNotAdmitted() throws IOException {
        assertEquals("Admin", rig.redeem(rig.signIn("/login", "alice-sub", ALICE)).get("airflowRole"));
        long before = rig.minted();
        for (String email : List.of("eve@gmail.com", "eve@example.com.evil.example", "eve@sub.example.com")) {
            rig.signIn("/login", "eve", "{\"email\":\"" + email + "\",\"email_verified\":true,"
                    + "\"groups\":[\"airflow-admins\"]}").assertErrorPage(403, "NotAdmitted");
        }
        assertEquals(before, rig.minted(), "nothing minted, no role assumed");
    }

    @Test
    void aScriptsBearerTokenFollowsTheSameRules() throws IOException {
        Response ok = bearer(Map.of("email", "alice@example.com", "email_verified", true, "groups",
                List.of("airflow-admins")));
        assertEquals(200, ok.status(), ok.body());
        JsonNode answer = JSON.readTree(ok.body());
        rig.remember(answer.path("webToken").asText());
        assertEquals("alice@example.com", answer.path("person").asText());
        long before = rig.minted();
        Response refused = bearer(Map.of("email", "alice@example.com", "email_verified", false, "groups",
                List.of("airflow-admins")));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("NoIdentity", JSON.readTree(refused.body()).path("error").path("code").asText());
        assertFalse(refused.body().contains("alice@example.com"));
        assertEquals(before, rig.minted(), "nothing minted, no role assumed");
    }

    private static Response bearer(Map<String, Object> claims) throws IOException {
        String token = rig.provider.server().issueToken(LocalProvider.ISSUER_ID, LocalProvider.CLIENT_ID,
                new DefaultOAuth2TokenCallback(LocalProvider.ISSUER_ID, "mallory-or-alice", "JWT",
                        List.of(LocalProvider.CLIENT_ID), claims, 300)).serialize();
        rig.remember(token);
        return rig.get(rig.api.url() + "/login?format=json", "Authorization", "Bearer " + token);
    }
}
