package dev.mwaalogin;

import dev.mwaalogin.priming.CannedHttpClient;
import dev.mwaalogin.request.LoginRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

public class LoginServiceTest {

    public static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2lnbmVkLWluLXRva2Vu.abc-_DEF123";
    public static final String HOST = "0a1b2c3d-4e5f-6789-abcd-ef0123456789-vpce.c7.us-east-1.airflow.on.aws";
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /** Every metrics line the services made by {@link #service} wrote, newest last. */
    static final List<String> METRICS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final TestContext context = new TestContext();

    public static CannedHttpClient mwaaAnswers(String hostname, String token) {
        return new CannedHttpClient(200, Map.of("Content-Type", "application/json", "x-amzn-RequestId", "mwaa-req-1"),
                "{\"WebToken\":\"" + token + "\",\"WebServerHostname\":\"" + hostname
                        + "\",\"IamIdentity\":\"assumed-role/mwaa-login/fn\",\"AirflowIdentity\":\"assumed-role/mwaa-login/fn\"}");
    }

    static CannedHttpClient mwaaFails(int status, String errorType) {
        return new CannedHttpClient(status, Map.of("Content-Type", "application/json", "x-amzn-RequestId",
                "mwaa-req-2", "x-amzn-ErrorType", errorType), "{\"message\":\"secret detail " + TOKEN + "\"}");
    }

    public static LoginService service(SdkHttpClient http, String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ALLOWED_ENVIRONMENTS", "analytics", "AIRFLOW_ROLE", "Viewer",
                // Known versions: these tests count MWAA calls, and GetEnvironment is AirflowLoginPathsTest's.
                "AIRFLOW_VERSIONS", "demo=2;analytics=2"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return LoginService.builder(Config.from(env)).http(http)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "not-a-secret")))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).metrics(METRICS::add).build();
    }

    /** A request with the parts a plain login reads. */
    static LoginRequest request(String method, String path, String environmentParameter, String format,
                                String accept) {
        return new LoginRequest(method, path, environmentParameter, format == null ? Map.of()
                : Map.of("format", format), accept, null, null, null, null);
    }

    /** An HTTP client made of one function: the SDK's interface has a second method, close, with nothing to do. */
    public static SdkHttpClient httpClient(java.util.function.Function<software.amazon.awssdk.http.HttpExecuteRequest,
            software.amazon.awssdk.http.ExecutableHttpRequest> prepare) {
        return new SdkHttpClient() {
            @Override
            public software.amazon.awssdk.http.ExecutableHttpRequest prepareRequest(
                    software.amazon.awssdk.http.HttpExecuteRequest request) {
                return prepare.apply(request);
            }

            @Override
            public void close() {
            }
        };
    }

    private static LoginRequest get(String path, String format, String accept) {
        return request("GET", path, null, format, accept);
    }

    private void assertProtected(LoginResponse response) {
        assertEquals("no-store", response.headers().get("Cache-Control"));
        assertEquals("no-cache", response.headers().get("Pragma"));
        assertEquals("no-referrer", response.headers().get("Referrer-Policy"));
        assertEquals("nosniff", response.headers().get("X-Content-Type-Options"));
        for (String line : context.lines) {
            assertFalse(line.contains(TOKEN), line);
            assertFalse(line.contains("secret detail"), line);
        }
        assertEquals(1, context.lines.size(), "one log line per request: " + context.lines);
    }

    private void assertError(LoginResponse response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().get("Content-Type"));
        assertTrue(response.body().startsWith("{\"error\":{\"code\":\"" + code + "\",\"message\":\""), response.body());
        assertTrue(response.body().endsWith(",\"requestId\":\"" + context.requestId + "\"}}"), response.body());
        assertFalse(response.body().contains(TOKEN));
        assertNull(response.headers().get("Location"));
        assertProtected(response);
    }

    @Test
    void aBrowserIsRedirectedIntoAirflow() {
        CannedHttpClient mwaa = mwaaAnswers(HOST, TOKEN);
        LoginResponse response = service(mwaa).answer(get("/login", null, BROWSER), context.invocation());
        assertEquals(302, response.statusCode());
        assertEquals("https://" + HOST + "/aws_mwaa/aws-console-sso?login=true#" + TOKEN,
                response.headers().get("Location"));
        assertEquals("", response.body());
        assertEquals(1, mwaa.calls());
        assertProtected(response);
        assertEquals("INFO login status=302 environment=demo airflowRole=Viewer airflowPage=2/configured "
                + "mwaaRequestId=mwaa-req-1",
                context.lines.get(0).replaceAll(" durationMs=\\d+", ""));
    }

    @Test
    void scriptsGetJson() {
        LoginResponse response = service(mwaaAnswers(HOST, TOKEN)).answer(get("/login", "json", "*/*"), context.invocation());
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().get("Content-Type"));
        String url = "https://" + HOST + "/aws_mwaa/aws-console-sso?login=true#" + TOKEN;
        assertEquals("{\"url\":\"" + url + "\",\"hostname\":\"" + HOST + "\",\"environment\":\"demo\",\"webToken\":\""
                + TOKEN + "\",\"expiresAt\":\"2026-11-26T10:01:00Z\",\"iamIdentity\":\"assumed-role/mwaa-login/fn\","
                + "\"airflowIdentity\":\"assumed-role/mwaa-login/fn\",\"airflowRole\":\"Viewer\"}", response.body());
        assertNull(response.headers().get("Location"));
        assertProtected(response);
    }

    @ParameterizedTest(name = "format={0} accept={1} default={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "-        | -                 | redirect | 302",
        "-        | */*               | json     | 200",
        "-        | application/json  | redirect | 200",
        "-        | " + BROWSER + "    | json     | 302",
        "json     | " + BROWSER + "    | redirect | 200",
        "JSON     | -                 | redirect | 200",
        "redirect | application/json  | json     | 302",
        "''       | application/json  | redirect | 200",
    })
    void theAnswerFollowsFormatThenAcceptThenTheDefault(String format, String accept, String mode, int status) {
        LoginResponse response = service(mwaaAnswers(HOST, TOKEN), "DEFAULT_RESPONSE", mode)
                .answer(get("/login", format, accept), context.invocation());
        assertEquals(status, response.statusCode());
    }

    @Test
    void aNamedEnvironmentComesFromThePathParameter() {
        LoginResponse response = service(mwaaAnswers(HOST, TOKEN))
                .answer(request("GET", "/login/{environment}", "analytics", "json", null), context.invocation());
        assertTrue(response.body().contains("\"environment\":\"analytics\""), response.body());
    }

    @Test
    void aNamedEnvironmentComesFromTheRawPathWithoutARoute() {
        LoginResponse response = service(mwaaAnswers(HOST, TOKEN)).answer(get("/login/analytics", "json", null),
                context.invocation());
        assertTrue(response.body().contains("\"environment\":\"analytics\""), response.body());
    }

    @Test
    void theBaseUrlAndLoginPathReplaceMwaasHost() {
        LoginResponse response = service(mwaaAnswers(HOST, TOKEN), "AIRFLOW_BASE_URL", "https://airflow.example.com/",
                "AIRFLOW_LOGIN_PATH", "/auth/sso").answer(get("/login", null, null), context.invocation());
        assertEquals("https://airflow.example.com/auth/sso?login=true#" + TOKEN, response.headers().get("Location"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"analytics2", "Demo", "not-allowed"})
    void environmentsOutsideTheAllowListAre404WithoutCallingMwaa(String name) {
        CannedHttpClient mwaa = mwaaAnswers(HOST, TOKEN);
        assertError(service(mwaa).answer(request("GET", "/login/{environment}", name, null, null), context.invocation()),
                404, "EnvironmentNotFound");
        assertEquals(0, mwaa.calls());
        assertTrue(context.lines.get(0).contains("environment=" + name), context.lines.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1demo", "demo.prod", "de mo", "%2e%2e", "..", "-x", "d%0d%0aX-Injected:%201",
        "%zz", "a%2Fb", "{environment}"})
    void badNamesAre400WithoutCallingMwaaOrLoggingThem(String segment) {
        CannedHttpClient mwaa = mwaaAnswers(HOST, TOKEN);
        LoginResponse response = service(mwaa).answer(get("/login/" + segment, null, null), context.invocation());
        assertError(response, 400, "InvalidEnvironmentName");
        assertEquals(0, mwaa.calls());
        assertFalse(context.lines.get(0).contains("environment="), context.lines.get(0));
    }

    @Test
    void anOverlongNameIs400() {
        CannedHttpClient mwaa = mwaaAnswers(HOST, TOKEN);
        assertError(service(mwaa, "ALLOWED_ENVIRONMENTS", "a".repeat(80), "AIRFLOW_VERSIONS", "").answer(
                request("GET", "/login/{environment}", "a".repeat(81), null, null), context.invocation()),
                400, "InvalidEnvironmentName");
        assertEquals(0, mwaa.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "POST", "OPTIONS", "PUT", "DELETE", "get", ""})
    void onlyGetMints(String method) {
        CannedHttpClient mwaa = mwaaAnswers(HOST, TOKEN);
        LoginResponse response = service(mwaa).answer(request(method, "/login", null, null, null), context.invocation());
        assertError(response, 405, "MethodNotAllowed");
        assertEquals("GET", response.headers().get("Allow"));
        assertEquals(0, mwaa.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login/", "/login/a/b", "/logins", "/LOGIN", "/login/demo/", "", "/x/login", "/api",
        "/api/"})
    void otherPathsAre404(String path) {
        CannedHttpClient mwaa = mwaaAnswers(HOST, TOKEN);
        assertError(service(mwaa).answer(get(path, null, null), context.invocation()), 404, "NotFound");
        assertEquals(0, mwaa.calls());
    }

    @Test
    void theRootIsTheHomePageAndMintsNothing() {
        CannedHttpClient mwaa = mwaaAnswers(HOST, TOKEN);
        LoginResponse response = service(mwaa).answer(get("/", null, null), context.invocation());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("<a href=\"/login/demo\">demo</a>"), response.body());
        assertEquals(0, mwaa.calls());
    }

    @Test
    void aMissingPathOrMethodIsStillAnAnswer() {
        assertError(service(mwaaAnswers(HOST, TOKEN)).answer(request(null, null, null, null, null), context.invocation()), 404, "NotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json,json", "html", "json "})
    void anUnknownFormatIs400(String format) {
        CannedHttpClient mwaa = mwaaAnswers(HOST, TOKEN);
        assertError(service(mwaa).answer(get("/login", format, null), context.invocation()), 400, "InvalidFormat");
        assertEquals(0, mwaa.calls());
    }

    @Test
    void errorsArePagesForBrowsers() {
        LoginResponse response = service(mwaaAnswers(HOST, TOKEN)).answer(get("/login/nope", null, BROWSER), context.invocation());
        assertEquals(404, response.statusCode());
        assertEquals("text/html; charset=utf-8", response.headers().get("Content-Type"));
        assertTrue(response.headers().get("Content-Security-Policy").startsWith("default-src 'none'"));
        assertTrue(response.body().contains("This endpoint does not serve that environment."), response.body());
        assertTrue(response.body().contains(context.requestId));
        assertFalse(response.body().contains("nope"), "never echo input");
    }

    @Test
    void aCallerThatAskedForJsonGetsJsonErrorsWhateverItsAcceptSays() {
        LoginResponse response = service(mwaaAnswers(HOST, TOKEN)).answer(get("/login/nope", "json", BROWSER),
                context.invocation());
        assertError(response, 404, "EnvironmentNotFound");
        assertTrue(response.headers().get("Content-Type").startsWith("application/json"), response.headers()
                .toString());
    }

    @ParameterizedTest(name = "MWAA {0} {1} -> {2} {3}")
    @CsvSource({
        "404, ResourceNotFoundException, 404, EnvironmentNotFound, 1",
        "403, AccessDeniedException,     403, AccessDenied,        1",
        "400, ValidationException,       400, InvalidRequest,      1",
        "429, ThrottlingException,       429, Throttled,           3",
        "500, InternalServerException,   502, UpstreamError,       3",
        "503, ServiceUnavailableException, 502, UpstreamError,     3",
        "403, InvalidSignatureException, 502, UpstreamError,       1",
    })
    void mwaaErrorsBecomeClearAnswers(int mwaaStatus, String type, int status, String code, int attempts) {
        CannedHttpClient mwaa = mwaaFails(mwaaStatus, type);
        LoginResponse response = service(mwaa).answer(get("/login", null, null), context.invocation());
        assertError(response, status, code);
        assertEquals(attempts, mwaa.calls(), "attempts");
        assertEquals(status == 429 ? "2" : null, response.headers().get("Retry-After"));
        String line = context.lines.get(0);
        assertTrue(line.contains("code=" + code + "/MWAA/" + type), line);
        assertTrue(line.contains("mwaaRequestId=mwaa-req-2"), line);
        assertTrue(line.startsWith(status >= 500 ? "ERROR" : status == 403 ? "WARN" : "INFO"), line);
    }

    @Test
    void accessDeniedNamesTheMissingGrant() {
        LoginResponse response = service(mwaaFails(403, "AccessDeniedException"))
                .answer(request("GET", "/login/{environment}", "analytics", null, null), context.invocation());
        assertTrue(response.body().contains("needs airflow:CreateWebLoginToken on "
                + "arn:aws:airflow:us-east-1:123456789012:role/analytics/Viewer."), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"WebToken\":", "not json", "[]"})
    void aMalformedAnswerIs502(String body) {
        CannedHttpClient mwaa = new CannedHttpClient(200, Map.of("Content-Type", "application/json"), body);
        assertError(service(mwaa).answer(get("/login", null, null), context.invocation()), 502, "UpstreamUnavailable");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "evil.example/path | " + TOKEN,
        "user@evil.example | " + TOKEN,
        "evil.example:443 | " + TOKEN,
        "'' | " + TOKEN,
        "-bad.example | " + TOKEN,
        HOST + " | token with space",
        HOST + " | token\\u0022onload",
        HOST + " | tok#en",
        HOST + " | ''",
    })
    void anAnswerThatCannotBeTrustedIntoAUrlIs502(String hostname, String token) {
        LoginResponse response = service(mwaaAnswers(hostname, token)).answer(get("/login", null, null), context.invocation());
        assertError(response, 502, "UpstreamUnavailable");
        assertTrue(context.lines.get(0).contains("code=UpstreamUnavailable/MWAA/UnusableAnswer"), context.lines.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example.com", "airflow.on.aws", "xairflow.on.aws", "a.airflow.on.aws.evil.com",
        "a.airflow.amazonaws.com.evil.example", "a.airflow.amazonaws.co"})
    void aHostnameOutsideAwssAirflowDomainsIs502UnlessABaseUrlIsConfigured(String hostname) {
        LoginResponse response = service(mwaaAnswers(hostname, TOKEN)).answer(get("/login", null, null), context.invocation());
        assertError(response, 502, "UpstreamUnavailable");
        assertTrue(context.lines.get(0).contains("code=UpstreamUnavailable/MWAA/HostnameOutsideAirflowDomains"),
                context.lines.get(0));
        assertFalse(context.lines.get(0).contains(hostname), "logged without the value");
        LoginResponse behindBaseUrl = service(mwaaAnswers(hostname, TOKEN), "AIRFLOW_BASE_URL",
                "https://airflow.example.com").answer(get("/login", null, null), context.invocation());
        assertEquals(302, behindBaseUrl.statusCode(), "the base URL, not MWAA's hostname, is where callers go");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0a1b.c7.us-east-1.airflow.on.aws", "abc-vpce.c2.eu-west-1.airflow.amazonaws.com",
        "abc.c2.cn-north-1.airflow.amazonaws.com.cn", "ABC.C2.US-EAST-1.AIRFLOW.AMAZONAWS.COM"})
    void everyPartitionsAirflowDomainIsAccepted(String hostname) {
        assertEquals(302, service(mwaaAnswers(hostname, TOKEN)).answer(get("/login", null, null), context.invocation())
                .statusCode());
    }

    @Test
    void noTimeLeftIs504WithoutCallingMwaaAndIsNotMwaasTimeout() {
        CannedHttpClient mwaa = mwaaAnswers(HOST, TOKEN);
        context.remainingMillis = 350;
        assertError(service(mwaa).answer(get("/login", null, null), context.invocation()), 504, "NoTimeLeft");
        assertEquals(0, mwaa.calls());
        assertTrue(context.lines.get(0).contains("code=NoTimeLeft/MWAA "), context.lines.get(0));
    }

    @Test
    void aRefusalNeedsNoTimeLeft() {
        // Lambda's time ran out, but nothing has to be called to refuse a bad name: the refusal, not a time-out.
        context.remainingMillis = 350;
        assertError(service(mwaaAnswers(HOST, TOKEN)).answer(get("/login/1demo", null, null), context.invocation()),
                400, "InvalidEnvironmentName");
    }

    @Test
    void lambdasOwnTimeoutShortensTheDeadline() {
        // Never answers; the SDK's deadline interrupts the sleep.
        SdkHttpClient hanging = httpClient(request -> new software.amazon.awssdk.http.ExecutableHttpRequest() {
            @Override
            public software.amazon.awssdk.http.HttpExecuteResponse call() throws java.io.IOException {
                try {
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("aborted");
                }
                throw new java.io.IOException("never answers");
            }

            @Override
            public void abort() {
            }
        });
        context.remainingMillis = 1300;
        long started = System.nanoTime();
        assertError(service(hanging, "MWAA_TIMEOUT_MS", "20000").answer(get("/login", null, null), context.invocation()), 504,
                "UpstreamTimeout");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis >= 900 && millis < 1300, "answered after " + millis + " ms");
    }

    @Test
    void anyExceptionFromTheHttpLayerIsAClean502() {
        SdkHttpClient broken = httpClient(request -> {
            throw new IllegalStateException("boom " + TOKEN);
        });
        assertError(service(broken).answer(get("/login", null, null), context.invocation()), 502, "UpstreamUnavailable");
    }

    @Test
    void evenAnErrorIsAClean500() {
        SdkHttpClient broken = httpClient(request -> {
            throw new StackOverflowError();
        });
        assertError(service(broken).answer(get("/login", null, null), context.invocation()), 500, "InternalError");
    }

    @Test
    void worksWithoutAContext() {
        LoginResponse response = service(mwaaAnswers(HOST, TOKEN)).answer(get("/login/nope", null, null), Invocation.withoutContext());
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("\"requestId\":\"unknown\""));
    }

    @Test
    void responsesNeverPrintTheirSecrets() {
        LoginResponse response = service(mwaaAnswers(HOST, TOKEN)).answer(get("/login", "json", null), context.invocation());
        assertFalse(response.toString().contains(TOKEN), response.toString());
    }
}
