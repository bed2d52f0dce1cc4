package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.oidc.MutableClock;
import dev.mwaalogin.request.LoginRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code /api/{environment}/{path+}} forwards one Airflow REST call with InvokeRestApi, signed with the person's own
 * session, only when the call is vouched for, mapped and allow-listed; Airflow's answer comes back as it is and
 * MWAA's failures as clear answers.
 */
class ApiForwardingTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final InMemoryAws aws = new InMemoryAws(clock);
    private final TestContext context = new TestContext();

    private LoginService service(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ALLOWED_ENVIRONMENTS", "analytics", "ROLE_MAPPING", "admins=Op;*=Viewer", "AIRFLOW_ROLE_ARNS",
                "Op=arn:aws:iam::123456789012:role/mwaa-login/Op-1a2b3c4d;"
                        + "Viewer=arn:aws:iam::123456789012:role/mwaa-login/Viewer-1a2b3c4d",
                "AIRFLOW_VERSIONS", "demo=2;analytics=3", "AUTH_MODE", "JWT"));
        for (int i = 0; i < settings.length; i += 2) {
            if (settings[i + 1] == null) {
                env.remove(settings[i]);
            } else {
                env.put(settings[i], settings[i + 1]);
            }
        }
        Config config = Config.from(env);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFUNCTION", "not-a-secret"));
        return LoginService.builder(config).http(aws).credentials(credentials).clock(clock).metrics(line -> { })
                .build();
    }

    /** A JWT authorizer's call to {@code /api/{environment}/{path}}, as API Gateway's route hands it over. */
    static LoginRequest call(String method, String environment, String path, Map<String, String> query, String body,
                             String email, String... groups) {
        Map<String, Object> claims = new HashMap<>(Map.of("email", email, "email_verified", true));
        claims.put("cognito:groups", List.of(groups));
        LoginRequest jwt = JwtAuthorizerRequests.request("/login", claims);
        return new LoginRequest(method, "/api/{environment}/{proxy+}", environment, query, null,
                jwt.authorization(), List.of(), jwt.authorizer(), jwt.gateway(), path,
                new LoginRequest.Body(body, false));
    }

    private static String code(LoginResponse response) {
        return JsonReader.text(JsonReader.parse(response.body()), "error", "code");
    }

    @Test
    void anOpTriggersARunAsThemselvesAndAirflowsAnswerComesBackAsItIs() {
        aws.restApiAnswer = InMemoryAws.restApiAnswer(200, "{\"RestApiStatusCode\":200,\"RestApiResponse\":"
                + "{\"dag_run_id\":\"manual__1\",\"state\":\"queued\",\"n\":1.5e3,\"ok\":true,\"none\":null,"
                + "\"list\":[1,\"\\u00e9\"]}}", null);
        LoginResponse response = service().answer(call("POST", "demo", "dags/example_etl/dagRuns",
                Map.of("x", "1"), "{\"conf\":{\"day\":\"2026-01-31\"}}", "alice@example.com", "admins"),
                context.invocation());
        assertEquals(200, response.statusCode(), response.body());
        Object answer = JsonReader.parse(response.body());
        assertEquals("manual__1", JsonReader.text(answer, "dag_run_id"));
        assertEquals("application/json", response.headers().get("Content-Type"));
        assertEquals("no-store", response.headers().get("Cache-Control"));
        assertEquals("no-referrer", response.headers().get("Referrer-Policy"));
        assertEquals(1, aws.restCalls.size());
        InMemoryAws.RestCall sent = aws.restCalls.get(0);
        assertEquals("assumed-role/Op-1a2b3c4d/alice@example.com", sent.identity());
        assertEquals("demo", sent.environment());
        Object input = JsonReader.parse(sent.body());
        assertEquals("/dags/example_etl/dagRuns", JsonReader.text(input, "Path"));
        assertEquals("POST", JsonReader.text(input, "Method"));
        assertEquals("2026-01-31", JsonReader.text(input, "Body", "conf", "day"));
        assertEquals("1", JsonReader.text(input, "QueryParameters", "x"));
        String line = context.lines.get(0);
        assertTrue(line.startsWith("INFO api status=200 environment=demo method=POST rule=POST:/dags/*/dagRuns "
                + "airflowStatus=200 person=alice@example.com caller=jwt airflowRole=Op"), line);
        assertTrue(line.contains("mwaaRequestId=mwaa-req-2"), line);
        assertFalse(line.contains("2026-01-31") || line.contains("manual__1"), "no body is logged: " + line);
    }

    @Test
    void airflowsOwnRefusalIsPassedThrough() {
        aws.restApiAnswer = InMemoryAws.restApiAnswer(400, "{\"RestApiStatusCode\":403,\"RestApiResponse\":"
                + "{\"title\":\"Forbidden\",\"status\":403}}", "RestApiClientException");
        LoginResponse response = service().answer(call("POST", "demo", "dags/example_etl/dagRuns", Map.of(), "{}",
                "bob@example.com", "everyone"), context.invocation());
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("Forbidden", JsonReader.text(JsonReader.parse(response.body()), "title"));
        assertEquals("assumed-role/Viewer-1a2b3c4d/bob@example.com", aws.restCalls.get(0).identity());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "RestApiServerException|400|{\"RestApiStatusCode\":503,\"RestApiResponse\":{}}|502|AirflowError",
        "ThrottlingException|429|{\"message\":\"slow down\"}|429|Throttled",
        "AccessDeniedException|403|{\"Message\":\"denied\"}|403|AccessDenied",
        "ValidationException|400|{\"message\":\"bad\"}|400|InvalidRequest",
        "ResourceNotFoundException|404|{\"message\":\"none\"}|404|EnvironmentNotFound",
        "InternalServerException|500|{\"message\":\"oops\"}|502|UpstreamError"})
    void everyMwaaFailureIsAClearAnswer(String type, int status, String body, int expected, String code) {
        aws.restApiAnswer = InMemoryAws.restApiAnswer(status, body, type);
        LoginResponse response = service().answer(call("GET", "analytics", "dags", Map.of(), null,
                "alice@example.com", "admins"), context.invocation());
        assertEquals(expected, response.statusCode(), response.body());
        assertEquals(code, code(response));
        String message = JsonReader.text(JsonReader.parse(response.body()), "error", "message");
        assertFalse(message.contains("slow down") || message.contains("denied") || message.contains("oops"),
                "MWAA's own text is not echoed: " + message);
        if (code.equals("AirflowError")) {
            assertTrue(message.contains("HTTP 503"), message);
        }
        if (code.equals("AccessDenied")) {
            assertTrue(message.contains("airflow:InvokeRestApi on arn:aws:airflow:us-east-1:123456789012:"
                    + "role/analytics/Op"), message);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "DELETE|dags/example_etl|403|ApiCallNotAllowed",
        "POST|variables|403|ApiCallNotAllowed",
        "PATCH|dags/example_etl/dagRuns/r1|403|ApiCallNotAllowed",
        "OPTIONS|dags|405|MethodNotAllowed",
        "GET|dags/../variables|400|InvalidApiPath",
        "GET|dags//x|400|InvalidApiPath",
        "GET|dags/%2e%2e|400|InvalidApiPath",
        "GET|dags/example_etl/dagRuns/manual__2026-01-31T00:00:00+00:00/taskInstances|400|InvalidApiPath"})
    void callsTheAllowListOrMwaaWouldRefuseAreRefusedWithNothingCalled(String method, String path, int status,
                                                                       String code) {
        LoginService service = service();
        // The control: the same person may read.
        assertEquals(200, service.answer(call("GET", "demo", "dags", Map.of(), null, "alice@example.com", "admins"),
                context.invocation()).statusCode());
        int sent = aws.restCalls.size();
        LoginResponse response = service.answer(call(method, "demo", path, Map.of(), null, "alice@example.com",
                "admins"), context.invocation());
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, code(response));
        assertEquals(sent, aws.restCalls.size(), "nothing called");
    }

    @Test
    void oversizeAndMalformedBodiesAreRefusedWithNothingCalled() {
        LoginService service = service();
        assertEquals(200, service.answer(call("POST", "demo", "dags/x/dagRuns", Map.of(), "{\"conf\":{}}",
                "alice@example.com", "admins"), context.invocation()).statusCode(), "the control");
        int sent = aws.restCalls.size();
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("{\"conf\":", "InvalidBody");
        bodies.put("[1,2]", "InvalidBody");
        bodies.put("\"text\"", "InvalidBody");
        bodies.put("{\"a\":1} {\"b\":2}", "InvalidBody");
        bodies.put("{\"conf\":\"" + "x".repeat(300 * 1024) + "\"}", "BodyTooLarge");
        bodies.forEach((body, expected) -> {
            LoginResponse response = service.answer(call("POST", "demo", "dags/x/dagRuns", Map.of(), body,
                    "alice@example.com", "admins"), context.invocation());
            assertEquals(expected, code(response), response.body());
        });
        assertEquals(sent, aws.restCalls.size(), "nothing called");
    }

    @Test
    void withoutARoleMappingThereIsNoOneToCallAirflowAs() {
        LoginService service = service("ROLE_MAPPING", null, "AIRFLOW_ROLE_ARNS", null, "AIRFLOW_ROLE", "Op");
        LoginResponse response = service.answer(call("GET", "demo", "dags", Map.of(), null, "alice@example.com",
                "admins"), context.invocation());
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("ApiNeedsRoleMapping", code(response));
        assertEquals(List.of(), aws.restCalls);
    }

    @Test
    void aPersonWithoutARoleOrAnIdentityIsRefusedWithNothingCalled() {
        LoginService service = service("ROLE_MAPPING", "admins=Op");
        assertEquals("NoAirflowRole", code(service.answer(call("GET", "demo", "dags", Map.of(), null,
                "carol@example.com", "guests"), context.invocation())));
        LoginResponse anonymous = service.answer(new LoginRequest("GET", "/api/{environment}/{proxy+}", "demo",
                Map.of(), null, null, List.of(), null, null, "dags", null), context.invocation());
        assertEquals("NoIdentity", code(anonymous));
        assertEquals("EnvironmentNotFound", code(service.answer(call("GET", "elsewhere", "dags", Map.of(), null,
                "alice@example.com", "admins"), context.invocation())));
        assertEquals(List.of(), aws.restCalls);
        assertEquals(List.of(), aws.assumed);
    }
}
