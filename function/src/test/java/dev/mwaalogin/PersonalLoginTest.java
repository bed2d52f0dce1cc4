package dev.mwaalogin;

import dev.mwaalogin.aws.AwsClients;
import dev.mwaalogin.aws.Deadline;
import dev.mwaalogin.identity.PersonSessions;
import dev.mwaalogin.request.LoginRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.oidc.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Each person signs in as themselves, with the Airflow role their groups give them; everyone else is refused. */
public class PersonalLoginTest {

    public static final String ADMIN_ARN = "arn:aws:iam::123456789012:role/mwaa-login/Admin-1a2b3c4d";
    static final String USER_ARN = "arn:aws:iam::123456789012:role/mwaa-login/User-1a2b3c4d";
    public static final String VIEWER_ARN = "arn:aws:iam::123456789012:role/mwaa-login/Viewer-1a2b3c4d";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final InMemoryAws aws = new InMemoryAws(clock);
    private final TestContext context = new TestContext();
    private final List<String> metrics = new java.util.ArrayList<>();
    private PersonSessions sessions;

    private LoginService service(String mapping, String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ALLOWED_ENVIRONMENTS", "analytics", "ROLE_MAPPING", mapping, "AIRFLOW_ROLE_ARNS",
                "Admin=" + ADMIN_ARN + ";User=" + USER_ARN + ";Viewer=" + VIEWER_ARN,
                "AIRFLOW_VERSIONS", "demo=2;analytics=3"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        Config config = Config.from(env);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFUNCTION", "not-a-secret"));
        sessions = new PersonSessions(new AwsClients(config.region(), config.endpoints(), config.upstreamTimeout(),
                aws, credentials).sts(), clock, config.upstreamTimeout());
        return LoginService.builder(config).http(aws).credentials(credentials).clock(clock).metrics(metrics::add)
                .build();
    }

    /** A JWT authorizer's caller whose verified e-mail address is {@code email}, in these groups. */
    static LoginRequest jwt(String path, String email, String... groups) {
        Map<String, Object> claims = new HashMap<>(Map.of("email", email, "email_verified", true));
        if (groups.length > 0) {
            claims.put("cognito:groups", List.of(groups));
        }
        return JwtAuthorizerRequests.request(path, claims);
    }

    static LoginRequest iam(String principalArn) {
        return new LoginRequest("GET", "/login", null, Map.of("format", "json"), null, null, null,
                new LoginRequest.Authorizer(null, principalArn), new LoginRequest.Gateway("HnRk2hFmoAMEJdg=", null, null));
    }

    private static String field(LoginResponse response, String name) {
        return JsonReader.text(JsonReader.parse(response.body()), name);
    }

    @Test
    void twoPeopleBecomeTwoAirflowUsersWithTheirOwnRoles() {
        LoginService service = service("admins=Admin;data-*=User;*=Viewer");
        LoginResponse alice = service.answer(jwt("/login", "alice@example.com", "admins", "data-eng"), context.invocation());
        LoginResponse bob = service.answer(jwt("/login", "bob@example.com", "data-eng"), context.invocation());
        assertEquals(200, alice.statusCode(), alice.body());
        assertEquals("alice@example.com", field(alice, "person"));
        assertEquals("Admin", field(alice, "airflowRole"));
        assertEquals("assumed-role/Admin-1a2b3c4d/alice@example.com", field(alice, "airflowIdentity"));
        assertEquals("User", field(bob, "airflowRole"));
        assertEquals("assumed-role/User-1a2b3c4d/bob@example.com", field(bob, "airflowIdentity"));
        assertEquals(List.of(
                new InMemoryAws.Assumed(ADMIN_ARN, "alice@example.com", "alice@example.com", "900"),
                new InMemoryAws.Assumed(USER_ARN, "bob@example.com", "bob@example.com", "900")), aws.assumed);
        assertTrue(context.lines.get(0).startsWith("INFO login status=200 environment=demo person=alice@example.com "
                + "caller=jwt airflowRole=Admin airflowPage=2/configured gatewayRequestId=HnRk2hFmoAMEJdg= "
                + "mwaaRequestId=mwaa-req-1"),
                context.lines.get(0));
    }

    @Test
    void aPersonWhoseGroupsMapToNothingIsRefusedAndNothingIsCalled() {
        LoginService service = service("admins=Admin;data-*=User");
        LoginResponse response = service.answer(jwt("/login", "carol@example.com", "guests"), context.invocation());
        assertEquals(403, response.statusCode());
        assertEquals("NoAirflowRole", JsonReader.text(JsonReader.parse(response.body()), "error", "code"));
        assertEquals(List.of(), aws.assumed);
        assertEquals(List.of(), aws.mintedBy);
        assertEquals(1, context.lines.size());
        assertTrue(context.lines.get(0).startsWith("WARN login status=403 code=NoAirflowRole environment=demo "
                + "person=carol@example.com caller=jwt"), context.lines.get(0));
    }

    @Test
    void aRequestWithoutAnIdentityIsRefusedEvenWithAMappingForEveryone() {
        // A hand-made event sent with `lambda invoke` carries no authorizer context.
        LoginResponse response = service("*=Viewer").answer(LoginServiceTest.request("GET", "/login", null, "json",
                null), context.invocation());
        assertEquals(403, response.statusCode());
        assertEquals("NoIdentity", JsonReader.text(JsonReader.parse(response.body()), "error", "code"));
        assertEquals(List.of(), aws.assumed);
        assertEquals(List.of(), aws.mintedBy);
    }

    @Test
    void anIamIdentityCenterUserIsTheirSessionNameInTheGroupOfTheirPermissionSet() {
        LoginService service = service("AWSReservedSSO_DataEngineers_*=User");
        LoginResponse response = service.answer(iam("arn:aws:sts::123456789012:assumed-role/"
                + "AWSReservedSSO_DataEngineers_0a1b2c3d4e5f6789/dave@example.com"), context.invocation());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("assumed-role/User-1a2b3c4d/dave@example.com", field(response, "airflowIdentity"));
        assertTrue(context.lines.get(0).contains(" person=dave@example.com caller=iam airflowRole=User "),
                context.lines.get(0));
    }

    @Test
    void aLongPersonStillFitsMwaasSixtyFourCharacters() {
        LoginService service = service("*=Viewer");
        String person = "a.very.long.first.name.and.a.longer.last.name@subsidiary.example.com";
        LoginResponse response = service.answer(jwt("/login", person), context.invocation());
        String airflowUser = field(response, "airflowIdentity");
        assertEquals(64, airflowUser.length(), airflowUser);
        assertTrue(airflowUser.startsWith("assumed-role/Viewer-1a2b3c4d/a.very.long."), airflowUser);
        assertEquals(person, field(response, "person"));
        assertEquals(airflowUser, service.answer(jwt("/login", person), context.invocation()).body()
                .replaceAll(".*\"airflowIdentity\":\"([^\"]*)\".*", "$1"), "the same person is the same user");
    }

    @Test
    void aSessionIsReusedUntilShortlyBeforeItExpires() {
        LoginService service = service("*=Viewer");
        LoginRequest alice = jwt("/login", "alice@example.com");
        service.answer(alice, context.invocation());
        service.answer(jwt("/login/analytics", "alice@example.com"), context.invocation());
        assertEquals(1, aws.assumed.size(), "one session for two logins");
        clock.advance(PersonSessions.SESSION_LENGTH.minus(PersonSessions.RENEW_BEFORE).minusSeconds(1));
        service.answer(alice, context.invocation());
        assertEquals(1, aws.assumed.size(), "still fresh enough");
        clock.advance(Duration.ofSeconds(2));
        service.answer(alice, context.invocation());
        assertEquals(2, aws.assumed.size(), "renewed before it expires");
        service.answer(jwt("/login", "bob@example.com"), context.invocation());
        assertEquals(3, aws.assumed.size(), "another person, another session");
        assertEquals(List.of("assumed-role/Viewer-1a2b3c4d/alice@example.com",
                "assumed-role/Viewer-1a2b3c4d/alice@example.com", "assumed-role/Viewer-1a2b3c4d/alice@example.com",
                "assumed-role/Viewer-1a2b3c4d/alice@example.com", "assumed-role/Viewer-1a2b3c4d/bob@example.com"),
                aws.mintedBy);
    }

    @Test
    void theCacheIsBounded() {
        service("*=Viewer");
        Deadline deadline = Invocation.withoutContext().deadline(Duration.ofSeconds(5));
        for (int i = 0; i <= PersonSessions.MAX_ENTRIES; i++) {
            sessions.credentials(VIEWER_ARN, "p" + i + "@example.com", deadline);
        }
        assertEquals(PersonSessions.MAX_ENTRIES, sessions.size());
        // The least recently used went first: the first person needs a new session, the last does not.
        int before = aws.assumed.size();
        sessions.credentials(VIEWER_ARN, "p" + PersonSessions.MAX_ENTRIES + "@example.com", deadline);
        assertEquals(before, aws.assumed.size());
        sessions.credentials(VIEWER_ARN, "p0@example.com", deadline);
        assertEquals(before + 1, aws.assumed.size());
    }

    @ParameterizedTest(name = "STS {0} {1} -> {2} {3}")
    @CsvSource({
        "403, AccessDenied,          403, AccessDenied,        1",
        "400, Throttling,            429, Throttled,           3",
        "400, ValidationError,       502, UpstreamError,       1",
        "500, InternalFailure,       502, UpstreamError,       3",
        "503, ServiceUnavailable,    502, UpstreamError,       3",
    })
    void stsFailuresBecomeClearAnswersAndMwaaIsNeverCalled(int stsStatus, String code, int status, String problem,
                                                           int attempts) {
        aws.stsFailure = InMemoryAws.stsError(stsStatus, code);
        LoginResponse response = service("*=Viewer").answer(jwt("/login", "alice@example.com"),
                context.invocation());
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(problem, JsonReader.text(JsonReader.parse(response.body()), "error", "code"));
        assertEquals(status == 429 ? "2" : null, response.headers().get("Retry-After"));
        assertEquals(List.of(), aws.mintedBy);
        assertEquals(attempts, aws.stsCalls, "attempts");
        assertFalse(response.body().contains("secret detail"), response.body());
        String line = context.lines.get(0);
        assertTrue(line.contains("code=" + problem + "/STS/" + code), line);
        assertTrue(line.contains("stsRequestId=sts-req-1"), line);
    }

    @Test
    void withoutAMappingNothingChangesAndTheCallerIsOnlyNamedInTheLog() {
        LoginService service = LoginServiceTest.service(LoginServiceTest.mwaaAnswers(LoginServiceTest.HOST,
                LoginServiceTest.TOKEN));
        LoginResponse response = service.answer(jwt("/login", "alice@example.com"), context.invocation());
        assertEquals(200, response.statusCode());
        assertNull(field(response, "person"));
        assertEquals("assumed-role/mwaa-login/fn", field(response, "airflowIdentity"));
        assertTrue(context.lines.get(0).contains(" person=alice@example.com caller=jwt "), context.lines.get(0));
    }

    @Test
    void jwtGroupsAreReadFromTheVerifiedTokenNotSplitFromTheAuthorizersString() {
        LoginService service = service("Helpdesk Admins=Admin;Admins=Admin;Everyone=Viewer", "AUTH_MODE", "JWT");
        // API Gateway hands the function "[Helpdesk Admins Everyone]", which reads as the group "Admins" too.
        LoginResponse response = service.answer(jwt("/login", "alice@example.com", "Helpdesk Admins", "Everyone"),
                context.invocation());
        assertEquals("Admin", field(response, "airflowRole"), "the group with a space is one group");
        LoginResponse viewer = service.answer(jwt("/login", "bob@example.com", "Helpdesk", "Admins Everyone"),
                context.invocation());
        assertEquals(403, viewer.statusCode(), "neither 'Helpdesk' nor 'Admins Everyone' is mapped: "
                + viewer.body());
        assertEquals(1, aws.mintedBy.size());
    }

    @Test
    void aJwtWhoseHeaderTokenIsNotTheAuthorizersNamesNoOne() {
        LoginService service = service("*=Viewer", "AUTH_MODE", "JWT");
        Map<String, Object> alice = JwtAuthorizerRequests.claims(Map.of("email", "alice@example.com",
                "email_verified", true));
        Map<String, Object> mallory = new HashMap<>(alice);
        mallory.put("sub", "mallory");
        // The authorizer verified Mallory's token; the header carries one naming Alice.
        LoginResponse response = service.answer(JwtAuthorizerRequests.request("/login",
                JwtAuthorizerRequests.authorization(alice), JwtAuthorizerRequests.flattened(mallory)), context.invocation());
        assertEquals(403, response.statusCode());
        assertEquals("NoIdentity", JsonReader.text(JsonReader.parse(response.body()), "error", "code"));
        assertTrue(context.lines.get(0).contains("code=NoIdentity/NotTheAuthorizersToken "), context.lines.get(0));
        assertEquals(List.of(), aws.assumed);
    }

    @Test
    void eachModeReadsOnlyItsOwnAuthorizer() {
        String role = "arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com";
        // An IAM role named Admin must not match the identity provider's rule for its group Admin, and a JWT's
        // claims must not be taken by a function for signed requests.
        LoginResponse jwtMode = service("Admin=Admin", "AUTH_MODE", "JWT").answer(iam(role), context.invocation());
        assertEquals(403, jwtMode.statusCode());
        assertEquals("NoIdentity", JsonReader.text(JsonReader.parse(jwtMode.body()), "error", "code"));
        LoginResponse iamMode = service("admins=Admin", "AUTH_MODE", "AWS_IAM").answer(jwt("/login",
                "alice@example.com", "admins"), context.invocation());
        assertEquals(403, iamMode.statusCode());
        assertEquals(List.of(), aws.assumed);
        // Each in its own mode: signed in.
        assertEquals(200, service("Admin=Admin", "AUTH_MODE", "AWS_IAM").answer(iam(role), context.invocation()).statusCode());
        assertEquals(200, service("admins=Admin", "AUTH_MODE", "JWT").answer(jwt("/login", "alice@example.com",
                "admins"), context.invocation()).statusCode());
    }

    @Test
    void anUntrustedRoleSessionIsNotThePersonItNamesItself() {
        LoginService service = service("Deployer=Viewer;AWSReservedSSO_Admins_*=Admin");
        LoginResponse deployer = service.answer(iam("arn:aws:sts::123456789012:assumed-role/Deployer/alice"),
                context.invocation());
        assertEquals(200, deployer.statusCode(), deployer.body());
        assertEquals("Deployer/alice", field(deployer, "person"));
        String airflowUser = field(deployer, "airflowIdentity");
        assertTrue(airflowUser.matches("assumed-role/Viewer-1a2b3c4d/Deployer-alice-[0-9a-f]{16}"), airflowUser);
        LoginResponse alice = service.answer(iam("arn:aws:sts::123456789012:assumed-role/"
                + "AWSReservedSSO_Admins_0123456789abcdef/alice"), context.invocation());
        assertEquals("assumed-role/Admin-1a2b3c4d/alice", field(alice, "airflowIdentity"));
        assertEquals(aws.assumed.get(1).sessionName(), aws.assumed.get(1).sourceIdentity());
    }

    @Test
    void withTheSharedIdentityAnUnnamedJwtCallerStillSignsInButIsNotNamed() {
        LoginService service = LoginServiceTest.service(LoginServiceTest.mwaaAnswers(LoginServiceTest.HOST,
                LoginServiceTest.TOKEN));
        LoginResponse response = service.answer(JwtAuthorizerRequests.request("/login", Map.of("email",
                "alice@example.com", "email_verified", false)), context.invocation());
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(context.lines.get(0).contains("person="), context.lines.get(0));
    }

    @Test
    void noCredentialEverReachesTheLogOrTheAnswer() {
        LoginService service = service("*=Viewer");
        LoginResponse response = service.answer(jwt("/login", "alice@example.com"), context.invocation());
        for (String text : List.of(response.body(), String.join("\n", context.lines))) {
            assertFalse(text.contains("secret-1") || text.contains("session-1") || text.contains("ASIAINMEMORY"),
                    text);
        }
    }
}
