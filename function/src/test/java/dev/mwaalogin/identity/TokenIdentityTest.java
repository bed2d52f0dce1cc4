package dev.mwaalogin.identity;

import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mwaalogin.settings.Variables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who a verified token names: one claim, verified e-mail only, required claims first, groups exactly as issued. */
class TokenIdentityTest {

    private static final String COGNITO = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1";
    private static final String OKTA = "https://acme.okta.com/oauth2/default";

    private static TokenIdentity identity(String... settings) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return new TokenIdentity(IdentitySettings.from(new Variables(env)));
    }

    private static Map<String, Object> claims(Object... pairs) {
        Map<String, Object> claims = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            claims.put((String) pairs[i], pairs[i + 1]);
        }
        return claims;
    }

    /** The refusal of a token: its reason (which {@code ProblemTest} turns into the answer) and its cause. */
    private static Failure.Refused refused(TokenIdentity identity, Map<String, Object> claims) {
        return (Failure.Refused) assertThrows(Failed.class, () -> identity.caller(claims, Caller.Source.SESSION))
                .failure();
    }

    @Test
    void aVerifiedEmailIsThePersonLowerCased() {
        Caller caller = identity().caller(claims("email", "Alice@Example.COM", "email_verified", true, "iss", OKTA,
                "groups", List.of("admins")), Caller.Source.BEARER_TOKEN);
        assertEquals("alice@example.com", caller.person());
        assertEquals(List.of("admins"), caller.groups());
        assertEquals(Caller.Source.BEARER_TOKEN, caller.source());
    }

    @Test
    void anUnverifiedEmailNamesNoOneAndNothingElseStandsInForIt() {
        TokenIdentity identity = identity();
        // Mallory set her own e-mail address to Alice's: she is not Alice, and her sub or user name is no fallback.
        for (Map<String, Object> claims : List.of(
                claims("email", "alice@example.com", "email_verified", false, "sub", "mallory", "username", "mallory"),
                claims("email", "alice@example.com", "email_verified", "true", "sub", "mallory"),
                claims("email", "alice@example.com", "sub", "mallory", "cognito:username", "mallory"),
                claims("sub", "mallory", "preferred_username", "alice@example.com"),
                claims("email", " ", "email_verified", true))) {
            assertEquals(Failure.Reason.UNNAMED, refused(identity, claims).reason());
        }
        assertEquals("EmailNotVerified", refused(identity, claims("email", "a@x.com", "email_verified", false))
                .cause());
        assertEquals("NoEmail", refused(identity, claims("sub", "x")).cause());
    }

    @Test
    void entraIdsDomainOwnerFlagMustAgreeWhereItIsThere() {
        TokenIdentity identity = identity();
        assertEquals("EmailDomainNotVerified", refused(identity, claims("email", "alice@example.com",
                "email_verified", true, "xms_edov", false)).cause());
        assertEquals("alice@example.com", identity.caller(claims("email", "alice@example.com", "email_verified", true,
                "xms_edov", true), Caller.Source.SESSION).person());
    }

    @Test
    void anotherConfiguredClaimIsTakenExactlyAsIssued() {
        TokenIdentity identity = identity("IDENTITY_CLAIM", "oid");
        assertEquals("00000000-0000-0000-0000-0000000A11CE", identity.caller(claims("oid",
                "00000000-0000-0000-0000-0000000A11CE", "email", "x@y.z"), Caller.Source.SESSION).person());
        assertEquals(" alice ", identity.caller(claims("oid", " alice "), Caller.Source.SESSION).person(),
                "never trimmed: ' alice ' is not 'alice'");
        assertEquals("NoPersonClaim", refused(identity, claims("email", "alice@example.com", "email_verified", true))
                .cause());
        assertEquals("NoPersonClaim", refused(identity, claims("oid", 42L)).cause());
        assertEquals("PersonTooLong", refused(identity, claims("oid", "x".repeat(257))).cause());
        assertEquals(Failure.Reason.UNNAMED, refused(identity, claims()).reason());
    }

    @Test
    void groupsAreTheOneClaimAsIssuedAndAStringIsOneGroup() {
        TokenIdentity identity = identity();
        Map<String, Object> person = claims("email", "a@example.com", "email_verified", true);
        person.put("groups", List.of("Helpdesk Admins", "Everyone", "airflow-admins ", "AIRFLOW-ADMINS",
                "airflow\u2010admins"));
        person.put("iss", OKTA);
        assertEquals(List.of("Helpdesk Admins", "Everyone", "airflow-admins ", "AIRFLOW-ADMINS",
                "airflow\u2010admins"), identity.caller(person, Caller.Source.SESSION).groups());
        person.put("groups", "viewers,airflow-admins");
        assertEquals(List.of("viewers,airflow-admins"), identity.caller(person, Caller.Source.SESSION).groups());
        person.put("groups", "[Helpdesk Admins Everyone]");
        assertEquals(List.of("[Helpdesk Admins Everyone]"), identity.caller(person, Caller.Source.SESSION).groups());
        person.put("groups", List.of("ok", 5L, true, "", "bell\u0007", "x".repeat(257)));
        assertEquals(List.of("ok"), identity.caller(person, Caller.Source.SESSION).groups(), "no invented group");
        person.remove("groups");
        assertEquals(List.of(), identity.caller(person, Caller.Source.SESSION).groups());
    }

    @Test
    void theGroupsClaimIsCognitosInACognitoPoolsTokensUnlessConfigured() {
        Map<String, Object> token = claims("email", "a@example.com", "email_verified", true, "cognito:groups",
                List.of("Admin"), "groups", List.of("other"));
        token.put("iss", COGNITO);
        assertEquals(List.of("Admin"), identity().caller(token, Caller.Source.SESSION).groups());
        token.put("iss", OKTA);
        assertEquals(List.of("other"), identity().caller(token, Caller.Source.SESSION).groups());
        assertEquals(List.of("Admin"), identity("GROUPS_CLAIM", "cognito:groups").caller(token,
                Caller.Source.SESSION).groups());
    }

    @Test
    void tooManyGroupsOrGroupsLeftOutAreRefusedNotCut() {
        TokenIdentity identity = identity();
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= TokenIdentity.MAX_GROUPS; i++) {
            many.add("g" + i);
        }
        Failure.Refused tooMany = refused(identity, claims("email", "a@example.com", "email_verified", true,
                "groups", many));
        assertEquals(Failure.Reason.TOO_MANY_GROUPS, tooMany.reason());
        Failure.Refused overage = refused(identity, claims("email", "a@example.com", "email_verified", true,
                "_claim_names", Map.of("groups", "src1"), "_claim_sources", Map.of("src1", Map.of("endpoint",
                        "https://graph.microsoft.com/v1.0/users/x/getMemberObjects"))));
        assertEquals(Failure.Reason.GROUPS_NOT_IN_TOKEN, overage.reason());
        assertEquals("GroupsOverage", overage.cause());
        assertEquals("GroupsOverage", refused(identity, claims("email", "a@example.com", "email_verified", true,
                "hasgroups", true)).cause());
        // Entra leaving out groups does not matter when the groups come from another claim.
        assertEquals(List.of("Airflow.Admin"), identity("GROUPS_CLAIM", "roles").caller(claims("email",
                "a@example.com", "email_verified", true, "hasgroups", true, "_claim_names", Map.of("groups", "s"),
                "roles", List.of("Airflow.Admin")), Caller.Source.SESSION).groups());
    }

    @Test
    void requiredClaimsComeBeforeTheGroups() {
        TokenIdentity identity = identity("REQUIRED_CLAIMS", "hd=example.com");
        assertEquals("alice@example.com", identity.caller(claims("email", "alice@example.com", "email_verified", true,
                "hd", "example.com"), Caller.Source.SESSION).person());
        for (Map<String, Object> outsider : List.of(
                claims("email", "eve@gmail.com", "email_verified", true),
                claims("email", "eve@gmail.com", "email_verified", true, "hd", "example.org"),
                claims("email", "eve@gmail.com", "email_verified", true, "hd", List.of("example.com")))) {
            assertEquals(new Failure.Refused(Failure.Reason.NOT_ADMITTED, "RequiredClaims"),
                    refused(identity, outsider));
        }
    }

    @Test
    void anEmailDomainCountsOnlyWhenTheAddressIsVerified() {
        TokenIdentity identity = identity("IDENTITY_CLAIM", "sub", "REQUIRED_CLAIMS", "email_domain=Example.com");
        assertEquals("s-1", identity.caller(claims("sub", "s-1", "email", "alice@EXAMPLE.com", "email_verified",
                true), Caller.Source.SESSION).person());
        assertEquals(Failure.Reason.NOT_ADMITTED, refused(identity, claims("sub", "s-2", "email",
                "mallory@example.com", "email_verified", false)).reason());
        assertEquals(Failure.Reason.NOT_ADMITTED, refused(identity, claims("sub", "s-3", "email",
                "mallory@evil.example.com@x", "email_verified", true)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"admins", "Admins"})
    void aTokenCannotFakeEntrasMarkersIntoAGrant(String group) {
        // A group named like the marker claim is just a group.
        assertEquals(List.of(group), identity().caller(claims("email", "a@example.com", "email_verified", true,
                "groups", List.of(group), "_claim_names", "groups"), Caller.Source.SESSION).groups());
    }
}
