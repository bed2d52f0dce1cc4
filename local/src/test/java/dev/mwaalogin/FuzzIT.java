package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mwaalogin.internal.CannedHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Hostile API Gateway events against both entry classes, in both configurations, as JSON deserialised by the
 * Lambda runtime's own serializer and as objects built directly. For every event: nothing escapes the handler;
 * the answer is a well-formed API Gateway response with the four protective headers and a status from the
 * documented set; nothing the caller sent comes back (every generated field carries a per-event marker that cannot
 * occur by chance, and it never appears in the status, headers or body); MWAA is asked only for allow-listed names,
 * exactly once for a login and never otherwise; a {@code Location} is exactly the login URL built from MWAA's
 * canned hostname or from {@code AIRFLOW_BASE_URL}; and the one log line has the documented shape.
 *
 * <p>Tries per run: {@code -Dfuzz.tries} (the build's default is CI's budget; SECURITY.md has the full run).
 */
class FuzzIT {

    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.ZnV6ei10b2tlbi1mb3ItdGVzdHM.Fz-_9aB8cD7eF6";
    static final String HOST = "fuzz0a1b-2c3d-4e5f-6789-abcdef012345-vpce.c7.us-east-1.airflow.on.aws";
    static final String BASE_URL = "https://airflow.example.com";
    static final String MWAA_LOCATION = "https://" + HOST + "/aws_mwaa/aws-console-sso?login=true#" + TOKEN;
    static final String BASE_LOCATION = BASE_URL + "/custom/sso?login=true#" + TOKEN;
    static final Set<String> ALLOWED = Set.of("demo", "analytics");
    static final Set<Integer> STATUSES = Set.of(200, 302, 400, 404, 405);
    static final Map<String, String> PROTECTIVE = Map.of("Cache-Control", "no-store", "Pragma", "no-cache",
            "Referrer-Policy", "no-referrer", "X-Content-Type-Options", "nosniff");

    /** The one line per request: only validated values, so no input can forge or extend it. */
    static final Pattern LOG_LINE = Pattern.compile("(INFO|WARN|ERROR) login status=\\d{3}"
            + "( code=[A-Za-z0-9._/$-]+)?( environment=[a-zA-Z][0-9a-zA-Z_-]{0,79})?( mwaaRequestId=[A-Za-z0-9-]+)?"
            + " durationMs=\\d+");

    /** Stands for the event's marker in generated text until the event is built. */
    static final String M = "\u00a7M\u00a7";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClassLoader LOADER = FuzzIT.class.getClassLoader();
    private static final PojoSerializer<APIGatewayV2HTTPEvent> HTTP_IN =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LOADER);
    private static final PojoSerializer<APIGatewayProxyRequestEvent> REST_IN =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, LOADER);
    private static final PojoSerializer<APIGatewayV2HTTPResponse> HTTP_OUT =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, LOADER);
    private static final PojoSerializer<APIGatewayProxyResponseEvent> REST_OUT =
            LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, LOADER);

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final AtomicLong STARTED = new AtomicLong();

    /** One configuration of the function: its handlers, what MWAA was asked, and where a login may lead. */
    record Deployment(String name, HttpApiHandler http, RestApiHandler rest, RecordingMwaa mwaa, String location) {
        static Deployment of(String name, String location, String... settings) {
            Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1",
                    "ALLOWED_ENVIRONMENTS", "analytics", "AIRFLOW_ROLE", "Viewer"));
            for (int i = 0; i < settings.length; i += 2) {
                env.put(settings[i], settings[i + 1]);
            }
            Config config = Config.from(env);
            RecordingMwaa mwaa = new RecordingMwaa();
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFUZZ", "fuzz-secret"));
            LoginService service = new LoginService(config, new MwaaTokens(MwaaTokens.client(config, mwaa,
                    credentials), Clock.systemUTC()));
            return new Deployment(name, new HttpApiHandler(service), new RestApiHandler(service), mwaa, location);
        }
    }

    private static final List<Deployment> DEPLOYMENTS = List.of(
            Deployment.of("MWAA hostname", MWAA_LOCATION),
            Deployment.of("AIRFLOW_BASE_URL", BASE_LOCATION, "AIRFLOW_BASE_URL", BASE_URL + "/",
                    "AIRFLOW_LOGIN_PATH", "/custom/sso", "DEFAULT_RESPONSE", "json"));

    @BeforeContainer
    static void start() {
        STARTED.set(System.nanoTime());
    }

    @AfterContainer
    static void report() {
        long millis = (System.nanoTime() - STARTED.get()) / 1_000_000;
        long events = COUNTS.entrySet().stream().filter(e -> e.getKey().startsWith("event "))
                .mapToLong(e -> e.getValue().sum()).sum();
        System.out.println("FuzzIT: " + events + " events (each through both configurations) in " + millis + " ms");
        new java.util.TreeMap<>(COUNTS).forEach((key, count) -> System.out.println("  " + key + ": " + count.sum()));
    }

    // ---- the property ----

    @Property(shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void everyEventGetsACleanBoundedAnswerAndMwaaOnlySeesAllowListedNames(@ForAll("events") Event event) {
        count("event " + event.entry() + " as " + (event.asJson() ? "JSON" : "object"));
        for (Deployment deployment : DEPLOYMENTS) {
            deployment.mwaa().names.clear();
            FuzzContext context = new FuzzContext();
            Answer answer;
            try {
                answer = event.entry() == Entry.HTTP
                        ? http(deployment.http().handleRequest(httpEvent(event), context))
                        : rest(deployment.rest().handleRequest(restEvent(event), context));
            } catch (Throwable escaped) {
                throw new AssertionError(deployment.name() + ": an exception escaped the handler: " + escaped, escaped);
            }
            check(event, deployment, answer, context);
        }
    }

    private static void check(Event event, Deployment deployment, Answer answer, FuzzContext context) {
        String where = deployment.name() + ", " + event.entry();
        count("status " + answer.status());
        assertTrue(STATUSES.contains(answer.status()), where + ": status " + answer.status() + " " + answer.body());
        PROTECTIVE.forEach((name, value) -> assertEquals(value, answer.headers().get(name), where + ": " + name));
        answer.headers().forEach((name, value) -> {
            assertNotNull(value, where + ": header " + name);
            assertTrue(value.chars().allMatch(c -> c >= 0x20 && c < 0x7f), where + ": header " + name + " is not "
                    + "printable ASCII");
        });
        assertFalse(answer.base64(), where + ": a base64 answer");
        assertNotNull(answer.body(), where);

        String marker = event.marker();
        assertFalse(answer.everything().contains(marker), where + ": the answer echoes the request: " + answer);

        List<String> asked = deployment.mwaa().names;
        asked.forEach(name -> assertTrue(ALLOWED.contains(name), where + ": MWAA was asked for " + name));
        boolean login = answer.status() == 200 || answer.status() == 302;
        assertEquals(login ? 1 : 0, asked.size(), where + ": MWAA calls for a " + answer.status());
        String location = answer.headers().get("Location");
        if (answer.status() == 302) {
            count("login redirect");
            assertEquals(deployment.location(), location, where + ": Location");
            assertEquals("", answer.body());
        } else {
            assertNull(location, where + ": a Location with " + answer.status());
            assertTrue(answer.headers().getOrDefault("Content-Type", "").startsWith(
                    answer.body().startsWith("<!doctype html>") ? "text/html" : "application/json"), where);
            JsonNode body = answer.bodyJson();
            if (answer.status() == 200) {
                count("login json");
                assertEquals(deployment.location(), body.path("url").asText(), where + ": url");
                assertEquals(asked.get(0), body.path("environment").asText(), where);
            } else if (body != null) {
                assertTrue(body.path("error").path("code").isTextual(), where + ": " + answer.body());
            }
            if (answer.status() == 405) {
                assertEquals("GET", answer.headers().get("Allow"), where);
            }
        }
        if (!login) {
            assertFalse(answer.everything().contains(TOKEN), where + ": a token in a refusal");
        }

        assertEquals(1, context.lines.size(), where + ": one log line per request: " + context.lines.size());
        String line = context.lines.get(0);
        assertTrue(LOG_LINE.matcher(line).matches(), where + ": log line shape: " + line.length() + " chars");
        assertFalse(line.contains(TOKEN) || line.contains("login=true#") || line.contains(HOST), where);
        // The only input a log line may carry is a name that passed the environment-name pattern.
        if (line.contains(marker)) {
            assertTrue(line.matches(".* environment=[A-Za-z0-9_-]*" + marker + "[A-Za-z0-9_-]* .*"), where);
            count("log names a valid, refused environment");
        }
    }

    // ---- events ----

    enum Entry { HTTP, REST }

    /** A generated request: the fields both payload versions share, kept as text with marker placeholders. */
    static final class Spec {
        String method;
        String routeKey;
        String rawPath;
        String resource;
        String stage;
        Map<String, String> pathParameters;
        List<Map.Entry<String, String>> query;
        Map<String, String> headers;
        List<String> cookies;
        String body;
        boolean base64;
        boolean context = true;
        boolean http = true;
    }

    /**
     * One event to send.
     *
     * @param marker a string that cannot occur in an answer by chance; every generated text carries it
     */
    record Event(Entry entry, boolean asJson, String marker, Spec spec) {
        String fill(String text) {
            return text == null ? null : text.replace(M, marker);
        }

        @Override
        public String toString() {
            try {
                return entry + (asJson ? " JSON " : " object ") + (entry == Entry.HTTP ? httpJson(this)
                        : restJson(this));
            } catch (RuntimeException e) {
                return entry + " " + e;
            }
        }
    }

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<String> markers = Arbitraries.strings().withChars("bcdfghjkmnpqrstvwxz").ofLength(12)
                .map(s -> "Qx" + s + "Zj");
        return Combinators.combine(Arbitraries.of(Entry.class), Arbitraries.of(true, false), markers, specs())
                .as(Event::new);
    }

    /** Pieces of hostile text; {@link #M} is the marker. */
    static final List<String> FRAGMENTS = List.of(M, M, M, "demo", "analytics", "Demo", "..", "../", "/", "%2e%2e%2f",
            "%2F", "%", "%zz", "%00", "%0d%0a", "\r\n", "\n", "\r", "\u0000", "\t", " ", "+", "%20", "{environment}",
            "login", "/login", "\u00e9", "\u202e", "\u200b", "\ud835\udd4f", "\ud800", "\udfff", "<script>", "\"", "'",
            "\\", "json", "redirect", "*/*", "text/html", "application/json", ";q=0.5", ",", "%64emo", "d\u0435mo",
            "\uff24\uff25\uff2d\uff2f", "$default", "?", "#", "&", "=", "${jndi:ldap://x}", "\u001b[31m", "%u0000");

    static Arbitrary<String> hostile() {
        Arbitrary<String> joined = Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join("", parts));
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(24).map(s -> s + M);
        Arbitrary<String> huge = joined.map(s -> (s + M).repeat(8192 / (s.length() + M.length()) + 1));
        return Arbitraries.frequencyOf(Tuple.of(12, joined), Tuple.of(4, any), Tuple.of(1, huge));
    }

    static Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("demo", "analytics")),
                Tuple.of(4, Arbitraries.of("Demo", "DEMO", "demo ", " demo", "demo\u0000", "demo%00", "..", "../demo",
                        "%2e%2e%2fdemo", "demo/../analytics", "de%6do", "%64emo", "analytics%2F..", "d\u0435mo",
                        "\uff44\uff45\uff4d\uff4f", "demo\r\nX-Injected: 1", "a".repeat(81), "", "{environment}",
                        "%zz", "+demo", "demo+", "demo%20", "demo#", "demo?format=json", "1demo", "-demo")),
                Tuple.of(4, hostile()),
                Tuple.of(3, Arbitraries.of("Zq" + M, M + "-x", "demo" + M, "analytics_" + M)),
                Tuple.of(1, Arbitraries.just(null)));
    }

    static Arbitrary<String> formats() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("json", "redirect")),
                Tuple.of(4, Arbitraries.of("", "JSON", "Json", "REDIRECT", "xml", "json,json", "json ", " json",
                        "json\r\n", "html", "json&format=redirect", "j%73on")),
                Tuple.of(3, hostile()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    static Arbitrary<String> accepts() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("*/*", "application/json", "text/html", browser)),
                Tuple.of(5, Arbitraries.of("", "application/json;q=0", "text/html;q=0.9, application/json;q=0.91",
                        "application/json;q=abc", "application/json;q=1.0001", "application/json;q=NaN",
                        "application/json;q=1e400", "application/json;q=-1", ",,,,", ";;;", "application/*",
                        "text/*;q=1, application/*;q=1", "APPLICATION/JSON", "application/json;Q=0.5",
                        "a/b,".repeat(100) + "application/json", "x".repeat(5000), "application/json\r\n",
                        "text/html;level=1;q=0.1, application/json;q=0.2")),
                Tuple.of(3, hostile()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    static Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(24, Arbitraries.just("GET")),
                Tuple.of(5, Arbitraries.of("HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT",
                        "get", "Get", " GET", "GET ", "", "G\r\nET")),
                Tuple.of(2, hostile()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("host", "x-forwarded-for", "cookie", "authorization", "referer",
                        "x-amzn-trace-id", "content-type", "user-agent", "accept", "Accept", "ACCEPT", "accept ")),
                Tuple.of(2, hostile()));
        Arbitrary<Map<String, String>> others = Arbitraries.maps(names, hostile().injectNull(0.05)).ofMaxSize(6);
        return Combinators.combine(Arbitraries.of("accept", "Accept", "ACCEPT", "aCcEpT"), accepts(), others,
                Arbitraries.of(0, 1, 2, 3))
                .as((acceptName, accept, rest, shape) -> {
                    if (shape == 0) {
                        return null;
                    }
                    Map<String, String> headers = new LinkedHashMap<>();
                    if (shape != 1) {
                        headers.put(acceptName, accept);
                    }
                    rest.forEach(headers::putIfAbsent);
                    return headers;
                });
    }

    static Arbitrary<List<Map.Entry<String, String>>> queries() {
        Arbitrary<String> keys = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("format")),
                Tuple.of(3, Arbitraries.of("Format", "FORMAT", "environment", "format[]", "", "format ")),
                Tuple.of(2, hostile()));
        Arbitrary<Map.Entry<String, String>> entry = Combinators.combine(keys, formats())
                .as(java.util.AbstractMap.SimpleEntry::new);
        return entry.list().ofMaxSize(4).injectNull(0.1);
    }

    static Arbitrary<Spec> specs() {
        Arbitrary<String> stages = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("$default", "prod", "login")),
                Tuple.of(1, hostile()), Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> routeKeys = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("ANY /login", "ANY /login/{environment}", "$default")),
                Tuple.of(2, Arbitraries.of("GET /login", "POST /login", "ANY /{proxy+}", "ANY", "ANY /login/x/y",
                        "ANY  /login")),
                Tuple.of(1, hostile()), Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> resources = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("/login", "/login/{environment}", "/{proxy+}", "/login/{proxy+}")),
                Tuple.of(1, hostile()), Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> bodies = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.just("")), Tuple.of(3, hostile()));
        Arbitrary<List<String>> cookies = hostile().list().ofMaxSize(3).injectNull(0.5);
        return Builders.withBuilder(Spec::new)
                .use(methods()).in((s, v) -> set(s, () -> s.method = v))
                .use(routeKeys).in((s, v) -> set(s, () -> s.routeKey = v))
                .use(resources).in((s, v) -> set(s, () -> s.resource = v))
                .use(stages).in((s, v) -> set(s, () -> s.stage = v))
                .use(Combinators.combine(Arbitraries.of(0, 1, 2, 3, 4, 5, 6), names(), hostile())
                        .as((shape, name, junk) -> new String[] {Integer.toString(shape), name, junk}))
                .in((s, v) -> set(s, () -> path(s, Integer.parseInt(v[0]), v[1], v[2])))
                .use(queries()).in((s, v) -> set(s, () -> s.query = v))
                .use(headers()).in((s, v) -> set(s, () -> s.headers = v))
                .use(cookies).in((s, v) -> set(s, () -> s.cookies = v))
                .use(bodies).in((s, v) -> set(s, () -> s.body = v))
                .use(Arbitraries.of(0, 1, 2, 3, 4, 5)).in((s, v) -> set(s, () -> {
                    s.base64 = v == 1 || v == 2;
                    s.context = v != 3;
                    s.http = v != 4;
                }))
                .build();
    }

    private static Spec set(Spec spec, Runnable change) {
        change.run();
        return spec;
    }

    /** The path, route and path parameter, shaped like what API Gateway sends, or not at all. */
    private static void path(Spec spec, int shape, String name, String junk) {
        switch (shape) {
            case 0: // the default environment's route
                spec.rawPath = "/login";
                spec.pathParameters = null;
                break;
            case 1: // a named environment, extracted by API Gateway
                spec.rawPath = "/login/" + name;
                spec.pathParameters = new HashMap<>();
                spec.pathParameters.put("environment", name);
                break;
            case 2: // a raw path without a route
                spec.rawPath = "/login/" + name;
                spec.pathParameters = null;
                break;
            case 3: // a stage in front
                spec.rawPath = "/" + junk + "/login/" + name;
                spec.pathParameters = null;
                break;
            case 4: // parameters that are not ours
                spec.rawPath = junk;
                spec.pathParameters = new HashMap<>();
                spec.pathParameters.put(junk, name);
                spec.pathParameters.put("proxy", junk);
                break;
            case 5: // a null environment parameter
                spec.rawPath = "/login/" + junk;
                spec.pathParameters = new HashMap<>();
                spec.pathParameters.put("environment", null);
                break;
            default: // nothing
                spec.rawPath = null;
                spec.pathParameters = null;
        }
    }

    // ---- building events, as JSON through the runtime's serializer or as objects ----

    static APIGatewayV2HTTPEvent httpEvent(Event event) {
        if (event.asJson()) {
            return HTTP_IN.fromJson(httpJson(event));
        }
        Spec s = event.spec();
        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder builder = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(event.fill(s.routeKey))
                .withRawPath(event.fill(s.rawPath))
                .withRawQueryString(rawQuery(event))
                .withQueryStringParameters(joinedQuery(event))
                .withHeaders(fill(event, s.headers))
                .withPathParameters(fill(event, s.pathParameters))
                .withCookies(s.cookies == null ? null : s.cookies.stream().map(event::fill).toList())
                .withBody(body(event))
                .withIsBase64Encoded(s.base64);
        if (s.context) {
            APIGatewayV2HTTPEvent.RequestContext.RequestContextBuilder context =
                    APIGatewayV2HTTPEvent.RequestContext.builder().withStage(event.fill(s.stage))
                            .withRequestId(event.fill(M));
            if (s.http) {
                context.withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(event.fill(s.method))
                        .withPath(event.fill(s.rawPath)).withSourceIp(event.fill(M)).build());
            }
            builder.withRequestContext(context.build());
        }
        return builder.build();
    }

    static String httpJson(Event event) {
        Spec s = event.spec();
        ObjectNode json = JSON.createObjectNode();
        json.put("version", "2.0");
        putIfPresent(json, "routeKey", event.fill(s.routeKey));
        putIfPresent(json, "rawPath", event.fill(s.rawPath));
        json.put("rawQueryString", rawQuery(event));
        json.set("queryStringParameters", JSON.valueToTree(joinedQuery(event)));
        json.set("headers", JSON.valueToTree(fill(event, s.headers)));
        json.set("pathParameters", JSON.valueToTree(fill(event, s.pathParameters)));
        if (s.cookies != null) {
            ArrayNode cookies = json.putArray("cookies");
            s.cookies.forEach(c -> cookies.add(event.fill(c)));
        }
        putIfPresent(json, "body", body(event));
        json.put("isBase64Encoded", s.base64);
        if (s.context) {
            ObjectNode context = json.putObject("requestContext");
            putIfPresent(context, "stage", event.fill(s.stage));
            context.put("requestId", event.fill(M));
            if (s.http) {
                ObjectNode http = context.putObject("http");
                putIfPresent(http, "method", event.fill(s.method));
                putIfPresent(http, "path", event.fill(s.rawPath));
                http.put("sourceIp", event.fill(M));
            }
        }
        return json.toString();
    }

    static APIGatewayProxyRequestEvent restEvent(Event event) {
        if (event.asJson()) {
            return REST_IN.fromJson(restJson(event));
        }
        Spec s = event.spec();
        APIGatewayProxyRequestEvent rest = new APIGatewayProxyRequestEvent()
                .withHttpMethod(event.fill(s.method))
                .withResource(event.fill(s.resource))
                .withPath(event.fill(s.rawPath))
                .withPathParameters(fill(event, s.pathParameters))
                .withQueryStringParameters(lastQuery(event))
                .withMultiValueQueryStringParameters(multiQuery(event))
                .withHeaders(fill(event, s.headers))
                .withMultiValueHeaders(multiHeaders(event))
                .withBody(body(event))
                .withIsBase64Encoded(s.base64);
        if (s.context) {
            rest.setRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                    .withStage(event.fill(s.stage)).withRequestId(event.fill(M))
                    .withHttpMethod(s.http ? event.fill(s.method) : null).withPath(event.fill(s.rawPath)));
        }
        return rest;
    }

    static String restJson(Event event) {
        Spec s = event.spec();
        ObjectNode json = JSON.createObjectNode();
        putIfPresent(json, "resource", event.fill(s.resource));
        putIfPresent(json, "path", event.fill(s.rawPath));
        putIfPresent(json, "httpMethod", event.fill(s.method));
        json.set("headers", JSON.valueToTree(fill(event, s.headers)));
        json.set("multiValueHeaders", JSON.valueToTree(multiHeaders(event)));
        json.set("queryStringParameters", JSON.valueToTree(lastQuery(event)));
        json.set("multiValueQueryStringParameters", JSON.valueToTree(multiQuery(event)));
        json.set("pathParameters", JSON.valueToTree(fill(event, s.pathParameters)));
        putIfPresent(json, "body", body(event));
        json.put("isBase64Encoded", s.base64);
        if (s.context) {
            ObjectNode context = json.putObject("requestContext");
            putIfPresent(context, "stage", event.fill(s.stage));
            context.put("requestId", event.fill(M));
            if (s.http) {
                putIfPresent(context, "httpMethod", event.fill(s.method));
            }
            putIfPresent(context, "path", event.fill(s.rawPath));
        }
        return json.toString();
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static Map<String, String> fill(Event event, Map<String, String> map) {
        if (map == null) {
            return null;
        }
        Map<String, String> filled = new LinkedHashMap<>();
        map.forEach((key, value) -> filled.put(event.fill(key), event.fill(value)));
        return filled;
    }

    private static String body(Event event) {
        String body = event.fill(event.spec().body);
        return body != null && event.spec().base64
                ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body;
    }

    /** Payload 2.0: repeated parameters joined by commas. */
    private static Map<String, String> joinedQuery(Event event) {
        if (event.spec().query == null) {
            return null;
        }
        Map<String, String> joined = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : event.spec().query) {
            String value = event.fill(e.getValue()) == null ? "" : event.fill(e.getValue());
            joined.merge(event.fill(e.getKey()), value, (a, b) -> a + "," + b);
        }
        return joined;
    }

    private static String rawQuery(Event event) {
        if (event.spec().query == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : event.spec().query) {
            parts.add(event.fill(e.getKey()) + "=" + (e.getValue() == null ? "" : event.fill(e.getValue())));
        }
        return String.join("&", parts);
    }

    /** Payload 1.0: the last of repeated parameters. */
    private static Map<String, String> lastQuery(Event event) {
        if (event.spec().query == null) {
            return null;
        }
        Map<String, String> last = new LinkedHashMap<>();
        event.spec().query.forEach(e -> last.put(event.fill(e.getKey()), event.fill(e.getValue())));
        return last;
    }

    private static Map<String, List<String>> multiQuery(Event event) {
        if (event.spec().query == null) {
            return null;
        }
        Map<String, List<String>> multi = new LinkedHashMap<>();
        event.spec().query.forEach(e -> multi.computeIfAbsent(event.fill(e.getKey()), k -> new ArrayList<>())
                .add(event.fill(e.getValue())));
        return multi;
    }

    private static Map<String, List<String>> multiHeaders(Event event) {
        Map<String, String> headers = fill(event, event.spec().headers);
        if (headers == null) {
            return null;
        }
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, value == null ? null : List.of(value.split(",", -1))));
        return multi;
    }

    // ---- answers ----

    /** An answer in either payload version, after a round trip through the runtime's serializer. */
    record Answer(int status, Map<String, String> headers, String body, boolean base64, String serialised) {
        String everything() {
            return status + " " + headers + " " + body + " " + serialised;
        }

        JsonNode bodyJson() {
            if (!headers.getOrDefault("Content-Type", "").startsWith("application/json")) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("a JSON answer that does not parse: " + body.length() + " chars", e);
            }
        }
    }

    static Answer http(APIGatewayV2HTTPResponse response) {
        String serialised = serialise(HTTP_OUT, response);
        JsonNode json = parse(serialised);
        assertEquals(response.getStatusCode(), json.path("statusCode").asInt(), "serialised statusCode");
        assertEquals(response.getBody(), json.path("body").asText(), "serialised body");
        return new Answer(response.getStatusCode(), response.getHeaders(), response.getBody(),
                response.getIsBase64Encoded(), serialised);
    }

    static Answer rest(APIGatewayProxyResponseEvent response) {
        String serialised = serialise(REST_OUT, response);
        JsonNode json = parse(serialised);
        assertEquals(response.getStatusCode(), json.path("statusCode").asInt(), "serialised statusCode");
        assertEquals(response.getBody(), json.path("body").asText(), "serialised body");
        return new Answer(response.getStatusCode(), response.getHeaders(), response.getBody(),
                Boolean.TRUE.equals(response.getIsBase64Encoded()), serialised);
    }

    private static <T> String serialise(PojoSerializer<T> serializer, T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the runtime serialised an answer that is not JSON", e);
        }
    }

    private static void count(String key) {
        COUNTS.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    // ---- MWAA and Lambda stand-ins ----

    /** Answers every CreateWebLoginToken with the same login and records the environment name it was asked for. */
    static final class RecordingMwaa implements SdkHttpClient {
        final List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final CannedHttpClient canned = new CannedHttpClient(200, Map.of("Content-Type", "application/json",
                "x-amzn-RequestId", "fuzz-mwaa-request"), "{\"WebToken\":\"" + TOKEN + "\",\"WebServerHostname\":\""
                + HOST + "\",\"IamIdentity\":\"assumed-role/fuzz/fn\",\"AirflowIdentity\":\"assumed-role/fuzz/fn\"}");

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String path = request.httpRequest().encodedPath();
            if (!path.startsWith("/webtoken/")) {
                fail("MWAA was called at " + path);
            }
            names.add(URLDecoder.decode(path.substring("/webtoken/".length()).replace("+", "%2B"),
                    StandardCharsets.UTF_8));
            return canned.prepareRequest(request);
        }

        @Override
        public void close() {
        }
    }

    /** A Lambda context whose logger keeps every line. */
    static final class FuzzContext implements Context {
        final List<String> lines = new ArrayList<>();
        private final LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                lines.add(message);
            }

            @Override
            public void log(byte[] message) {
                lines.add(new String(message, StandardCharsets.UTF_8));
            }

            @Override
            public void log(String message, LogLevel level) {
                lines.add(level + " " + message);
            }
        };

        @Override
        public String getAwsRequestId() {
            return "fuzz-0000-1111";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/fuzz";
        }

        @Override
        public String getLogStreamName() {
            return "fuzz";
        }

        @Override
        public String getFunctionName() {
            return "fuzz";
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:fuzz:live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1769;
        }

        @Override
        public LambdaLogger getLogger() {
            return logger;
        }
    }
}
