package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.oidc.MutableClock;
import dev.mwaalogin.request.LoginRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code /} lists the environments a person may open with the role they would get in each, and a rule
 * {@code pattern=Role@environment} makes that role differ by environment, for the list, the login and {@code /api}.
 */
class HomeRouteTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final InMemoryAws aws = new InMemoryAws(clock);
    private final TestContext context = new TestContext();

    private LoginService service(String mapping) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ALLOWED_ENVIRONMENTS", "analytics,reporting", "ROLE_MAPPING", mapping, "AIRFLOW_ROLE_ARNS",
                "Op=arn:aws:iam::123456789012:role/mwaa-login/Op-1a2b3c4d;"
                        + "Viewer=arn:aws:iam::123456789012:role/mwaa-login/Viewer-1a2b3c4d",
                "AIRFLOW_VERSIONS", "demo=2;analytics=3;reporting=2", "AUTH_MODE", "JWT"));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFUNCTION", "not-a-secret"));
        return LoginService.builder(Config.from(env)).http(aws).credentials(credentials).clock(clock)
                .metrics(line -> { }).build();
    }

    private static LoginRequest home(String accept, String email, String... groups) {
        LoginRequest jwt = PersonalLoginTest.jwt("/login", email, groups);
        return new LoginRequest("GET", "/", null, Map.of(), accept, jwt.authorization(), List.of(),
                jwt.authorizer(), jwt.gateway());
    }

    @Test
    void aPersonSeesTheEnvironmentsTheirRulesGiveThemWithTheRoleInEach() {
        LoginService service = service("data-eng=Op@analytics;data-*=Viewer");
        LoginResponse json = service.answer(home("application/json", "dana@example.com", "data-eng"),
                context.invocation());
        assertEquals(200, json.statusCode(), json.body());
        List<Object> environments = JsonReader.array(JsonReader.parse(json.body()), "environments");
        assertEquals(List.of("demo/2/Viewer", "analytics/3/Op", "reporting/2/Viewer"), environments.stream()
                .map(e -> JsonReader.text(e, "environment") + "/" + JsonReader.text(e, "airflowVersion") + "/"
                        + JsonReader.text(e, "airflowRole")).toList());
        assertEquals("dana@example.com", JsonReader.text(JsonReader.parse(json.body()), "person"));

        LoginResponse page = service.answer(home("text/html", "dana@example.com", "data-eng"), context.invocation());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().get("Content-Type").startsWith("text/html"));
        assertTrue(page.headers().get("Content-Security-Policy").startsWith("default-src 'none'"));
        assertEquals("no-store", page.headers().get("Cache-Control"));
        assertEquals("no-referrer", page.headers().get("Referrer-Policy"));
        assertTrue(page.body().contains("<a href=\"/login/analytics\">analytics</a> &middot; Airflow 3 &middot; as "
                + "<strong>Op</strong>"), page.body());
        assertEquals(List.of(), aws.assumed, "listing assumes no role and mints nothing");
    }

    @Test
    void theLoginUsesTheRoleOfItsEnvironment() {
        LoginService service = service("data-eng=Op@analytics;data-*=Viewer");
        LoginResponse analytics = service.answer(PersonalLoginTest.jwt("/login/analytics", "dana@example.com",
                "data-eng"), context.invocation());
        assertEquals("Op", JsonReader.text(JsonReader.parse(analytics.body()), "airflowRole"), analytics.body());
        LoginResponse demo = service.answer(PersonalLoginTest.jwt("/login", "dana@example.com", "data-eng"),
                context.invocation());
        assertEquals("Viewer", JsonReader.text(JsonReader.parse(demo.body()), "airflowRole"), demo.body());
        // A rule for one environment gives nothing anywhere else.
        LoginService only = service("data-eng=Op@analytics");
        assertEquals(403, only.answer(PersonalLoginTest.jwt("/login", "dana@example.com", "data-eng"),
                context.invocation()).statusCode());
        LoginResponse list = only.answer(home("application/json", "dana@example.com", "data-eng"),
                context.invocation());
        assertEquals(1, JsonReader.array(JsonReader.parse(list.body()), "environments").size(), list.body());
        assertEquals(403, only.answer(home("application/json", "erin@example.com", "guests"),
                context.invocation()).statusCode(), "no environment at all: NoAirflowRole");
    }

    @Test
    void aRuleForAnEnvironmentThatIsNotServedFailsInit() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> service("data-eng=Op@elsewhere"));
        assertTrue(wrong.getMessage().startsWith("ROLE_MAPPING ") && wrong.getMessage().contains("elsewhere"),
                wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> service("data-eng=Op@"));
        assertThrows(IllegalArgumentException.class, () -> service("data-eng=Op@9x"));
    }

    @Test
    void aNameThatLooksLikeARuleIsNotOne() {
        // The group pattern may hold '@' (an address); the role's part decides.
        LoginService service = service("alice@example.com=Op@analytics;*=Viewer");
        LoginResponse json = service.answer(home("application/json", "alice@example.com", "alice@example.com"),
                context.invocation());
        assertTrue(json.body().contains("\"environment\":\"analytics\",\"airflowVersion\":\"3\",\"airflowRole\":"
                + "\"Op\""), json.body());
    }
}
