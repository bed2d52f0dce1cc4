package dev.mwaalogin;

import dev.mwaalogin.request.LoginRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mwaalogin.internal.JsonReader;
import dev.mwaalogin.oidc.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Browser sign-in inside the function over an in-memory provider, STS and MWAA, for the unit tests of sign-in: the
 * service as the template configures it, requests as a browser sends them, and the provider's part of a sign-in.
 */
final class BrowserSignInFixture {

    static final String API = "abcdef1234";
    static final String DOMAIN = API + ".execute-api.us-east-1.amazonaws.com";
    static final String BROWSER = LoginServiceTest.BROWSER;
    static final String SESSION_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef";

    final MutableClock clock = new MutableClock(
            Instant.parse("2026-11-29T10:00:00Z"));
    final InMemoryAws aws = new InMemoryAws(clock);
    final InMemoryProvider provider = new InMemoryProvider(clock);
    final TestContext context = new TestContext();
    final List<String> metrics = new ArrayList<>();

    LoginService service(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                "ALLOWED_ENVIRONMENTS", "analytics", "ROLE_MAPPING", "admins=Admin;data-*=User",
                "AIRFLOW_ROLE_ARNS", "Admin=" + PersonalLoginTest.ADMIN_ARN + ";User=" + PersonalLoginTest.USER_ARN,
                "AIRFLOW_VERSIONS", "demo=2;analytics=3", "SIGN_IN_SECRET", "mwaa-login/sign-in", "GROUPS_CLAIM",
                "cognito:groups"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        // As the template writes it: the provider's settings in the secret, beside the generated session key.
        aws.secrets.put("mwaa-login/sign-in", "{\"issuer\":\"" + InMemoryProvider.ISSUER + "\",\"clientId\":\""
                + InMemoryProvider.CLIENT_ID + "\",\"sessionHours\":\"8\",\"sessionKey\":\"" + SESSION_KEY + "\"}");
        return LoginService.builder(Config.from(env)).http(aws)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFUNCTION", "not-a-secret")))
                .clock(clock).providerHttp(provider).metrics(metrics::add).build();
    }

    static LoginRequest get(String path, Map<String, String> query, List<String> cookies, String authorization,
                            String accept) {
        return new LoginRequest("GET", path, null, query, accept, authorization, cookies,
                LoginRequest.Authorizer.NONE, new LoginRequest.Gateway("gw-1", DOMAIN, API));
    }

    /** The {@code name=value} part of each Set-Cookie, as a browser would send it back. */
    static List<String> sendBack(LoginResponse response) {
        List<String> cookies = new ArrayList<>();
        for (String set : response.cookies()) {
            String pair = set.substring(0, set.indexOf(';'));
            if (!pair.endsWith("=")) {
                cookies.add(pair);
            }
        }
        return cookies;
    }

    static String code(LoginResponse response) {
        return JsonReader.text(JsonReader.parse(response.body()), "error", "code");
    }

    /** Starts a sign-in at /login/{env} and returns the callback request the provider would send the browser to. */
    LoginRequest signInAt(LoginService service, String path, Map<String, Object> claims) {
        LoginResponse start = service.answer(get(path, Map.of(), List.of(), null, BROWSER), context.invocation());
        assertEquals(302, start.statusCode(), start.body());
        URI authorize = URI.create(start.headers().get("Location"));
        Map<String, String> query = InMemoryProvider.query(authorize.getRawQuery());
        assertEquals("https://" + DOMAIN + "/oauth2/callback", query.get("redirect_uri"));
        String code = provider.authorize(authorize, claims);
        return get("/oauth2/callback", Map.of("code", code, "state", query.get("state")), sendBack(start), null,
                BROWSER);
    }
}
