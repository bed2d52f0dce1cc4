package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mwaalogin.internal.CannedHttpClient;
import dev.mwaalogin.local.LocalContext;
import dev.mwaalogin.internal.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Hostile API Gateway events against both entry classes, in both configurations, as what a stream handler gets:
 * the event's bytes. Most are JSON events (missing, null and wrongly typed fields, hostile text in every field, both
 * raw UTF-8 and \\u-escaped); the rest are byte-level damage (invalid UTF-8, truncation, deep nesting, non-object
 * roots, lenient or trailing syntax, huge strings, noise). For every event: nothing escapes the handler; the output
 * is a well-formed proxy response (valid UTF-8 JSON with exactly {@code statusCode}, {@code headers},
 * {@code body} and {@code isBase64Encoded: false}), with the four protective headers and a status from the
 * documented set, and 400 {@code BadRequest} exactly when our reader cannot read the event; nothing the caller sent
 * comes back (every generated field carries a per-event marker that cannot occur by chance, and it never appears
 * in the answer); MWAA is asked only for allow-listed names, exactly once for a login and never otherwise; a
 * {@code Location} or JSON {@code url} is exactly the login URL built from MWAA's canned hostname or from
 * {@code AIRFLOW_BASE_URL}; and the one log line has the documented shape.
 *
 * <p>In the same property, each event is also cross-checked against the Lambda runtime's own event model (the
 * typed classes the handlers used to receive): see {@link #crossCheck}.
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
    static final Set<String> PROXY_RESPONSE_FIELDS = Set.of("statusCode", "headers", "body", "isBase64Encoded");
    static final Map<String, String> PROTECTIVE = Map.of("Cache-Control", "no-store", "Pragma", "no-cache",
            "Referrer-Policy", "no-referrer", "X-Content-Type-Options", "nosniff");

    /** The one line per request: only validated values, so no input can forge or extend it. */
    static final Pattern LOG_LINE = Pattern.compile("(INFO|WARN|ERROR) login status=\\d{3}"
            + "( code=[A-Za-z0-9._/$-]+)?( environment=[a-zA-Z][0-9a-zA-Z_-]{0,79})?( mwaaRequestId=[A-Za-z0-9-]+)?"
            + " durationMs=\\d+");

    /** Stands for the event's marker in generated text until the event is built. */
    static final String M = "\u00a7M\u00a7";

    /** Writes events and reads answers. */
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Writes events with every non-ASCII character as a \\u escape, which also keeps lone surrogates intact. */
    private static final ObjectWriter ASCII_JSON = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    /**
     * RFC 8259 and nothing more (Jackson's defaults, no trailing tokens, no size limits but nesting): the judge of
     * whether a text is JSON, against which our own reader is held.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
                            .maxStringLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build())
                    .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** The Lambda runtime's own deserialisation into the typed events, as the handlers used to receive them. */
    private static final PojoSerializer<APIGatewayV2HTTPEvent> HTTP_MODEL =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, FuzzIT.class.getClassLoader());
    private static final PojoSerializer<APIGatewayProxyRequestEvent> REST_MODEL =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, FuzzIT.class.getClassLoader());

    static {
        // Jackson interns field names in a table shared by all parses and copied whenever a parse adds a name; the
        // fuzzer's thousands of random header names made that copy most of the run's time. Interning changes no
        // value read, so both the runtime's mapper and ours go without it.
        JacksonFactory.getInstance().getMapper().getFactory()
                .disable(com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.core.JsonFactory.Feature
                        .CANONICALIZE_FIELD_NAMES);
    }

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
                    credentials), Clock.systemUTC(), config.mwaaTimeout()));
            return new Deployment(name, new HttpApiHandler(service), new RestApiHandler(service), mwaa, location);
        }

        RequestStreamHandler handler(Entry entry) {
            return entry == Entry.HTTP ? http : rest;
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
        new TreeMap<>(COUNTS).forEach((key, count) -> System.out.println("  " + key + ": " + count.sum()));
    }

    // ---- the property ----

    @Property(shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void everyEventGetsACleanBoundedAnswerAndMwaaOnlySeesAllowListedNames(@ForAll("events") Event event) {
        byte[] bytes = event.bytes();
        count("event " + event.entry());
        count("shape " + event.shape());
        Reading reading = crossCheck(event.entry(), bytes);
        if (event.shape().equals("JSON")) {
            // An event of the right shape and types is always compared: the cross-check cannot quietly dwindle.
            assertEquals(Reading.COMPARED, reading, "a well-formed event the cross-check could not compare");
        }
        for (Deployment deployment : DEPLOYMENTS) {
            deployment.mwaa().names.clear();
            FuzzContext context = new FuzzContext();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                deployment.handler(event.entry()).handleRequest(new ByteArrayInputStream(bytes), output, context.lambda);
            } catch (Throwable escaped) {
                throw new AssertionError(deployment.name() + ": an exception escaped the handler: " + escaped, escaped);
            }
            String where = deployment.name() + ", " + event.entry();
            check(event, deployment, answer(output.toByteArray(), where), context, reading != Reading.UNREADABLE);
        }
    }

    private static void check(Event event, Deployment deployment, Answer answer, FuzzContext context,
                              boolean readable) {
        String where = deployment.name() + ", " + event.entry();
        count("status " + answer.status());
        assertTrue(STATUSES.contains(answer.status()), where + ": status " + answer.status() + " " + answer.body());
        PROTECTIVE.forEach((name, value) -> assertEquals(value, answer.headers().get(name), where + ": " + name));
        answer.headers().forEach((name, value) -> assertTrue(value.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
                where + ": header " + name + " is not printable ASCII"));
        assertFalse(answer.base64(), where + ": a base64 answer");

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
        // 400 BadRequest exactly for the events our reader cannot read: never a guess at a half-read event.
        String code = answer.bodyJson() == null ? null : answer.bodyJson().path("error").path("code").asText(null);
        if (readable) {
            assertFalse("BadRequest".equals(code), where + ": a readable event answered as unreadable");
        } else {
            count("unreadable, answered 400 BadRequest");
            assertEquals(400, answer.status(), where + ": an unreadable event");
            assertEquals("BadRequest", code, where + ": an unreadable event");
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

    // ---- the cross-check against the runtime's event model ----

    /**
     * Holds our event reading against the Lambda runtime's: whenever the runtime's serializer can deserialise the
     * event's bytes into {@code APIGatewayV2HTTPEvent} (resp. {@code APIGatewayProxyRequestEvent}), the
     * {@link LoginRequest} our entry class extracts must equal the one derived from the typed event by the same
     * rules ({@link #fromModel}). Also holds our reader to RFC 8259: it reads exactly what a strict JSON parser
     * reads, up to its nesting bound.
     *
     * <p>Where the two legitimately differ, the comparison says so and counts it instead of comparing:
     * <ul>
     *   <li>the runtime's Jackson is lenient (single quotes, unquoted names, NaN, leading zeros, raw control
     *       characters, any escaped character, a UTF-8 BOM, UTF-16/32): such text is not JSON, and we answer 400;
     *   <li>it coerces where a string is expected: a number or boolean becomes its text and a one-element array its
     *       element (also an event wrapped in a one-element array); our reader takes only JSON strings, so the
     *       expected value there is null ({@link #asSent});
     *   <li>in payload 1.0 it wraps a lone string in {@code multiValueQueryStringParameters} into a list; we only
     *       take a JSON array there and otherwise fall back to {@code queryStringParameters}.
     * </ul>
     *
     * @return whether the event was compared, or at least readable by our reader
     */
    static Reading crossCheck(Entry entry, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8); // as ProxyIntegration decodes it
        Object ours = null;
        String problem = null;
        try {
            ours = JsonReader.parse(text);
        } catch (JsonReader.MalformedJson unreadable) {
            problem = unreadable.getMessage();
        }
        boolean readable = problem == null;
        JsonNode strict = strictJson(text);
        if (!readable && problem.startsWith("nested too deeply")) {
            count("cross-check: nested deeper than our reader's bound");
        } else {
            assertEquals(strict != null, readable, "our reader and a strict JSON parser disagree on whether this is "
                    + "JSON: " + (readable ? "we read it" : problem));
        }

        if (!isUtf8(bytes)) {
            // Not JSON (RFC 8259 requires UTF-8), and the two sides decode it differently: the runtime's Jackson
            // accepts overlong forms and encoded surrogates, we decode as Java does, each bad byte a U+FFFD.
            count("cross-check: not UTF-8, not compared");
            return readable ? Reading.NOT_COMPARED : Reading.UNREADABLE;
        }
        Object model;
        try {
            model = (entry == Entry.HTTP ? HTTP_MODEL : REST_MODEL).fromJson(new ByteArrayInputStream(bytes));
        } catch (RuntimeException | StackOverflowError refused) {
            count("cross-check: the runtime's model refuses the event");
            return readable ? Reading.NOT_COMPARED : Reading.UNREADABLE;
        }
        if (!readable) {
            count("cross-check: the runtime's model takes what is not JSON (we answer 400)");
            return Reading.UNREADABLE;
        }
        count("cross-check: compared");
        Accept accept = new Accept();
        LoginRequest actual = entry == Entry.HTTP ? HttpApiHandler.loginRequest(ours)
                : RestApiHandler.loginRequest(ours);
        LoginRequest expected = entry == Entry.HTTP ? fromModel((APIGatewayV2HTTPEvent) model, strict, accept)
                : fromModel((APIGatewayProxyRequestEvent) model, strict, accept);
        if (accept.candidates.size() > 1 && !accept.joinedFromMultiValueHeaders) {
            // Two spellings of Accept with different values: "the" Accept header is a matter of choice. Ours must be
            // one of them; which one we pick is reported, not hidden.
            count("cross-check: Accept under several spellings with different values");
            assertTrue(accept.candidates.contains(actual.accept()), "Accept " + actual.accept() + " is none of "
                    + accept.candidates);
            expected = new LoginRequest(expected.method(), expected.path(), expected.environmentParameter(),
                    expected.format(), actual.accept());
        }
        assertEquals(expected, actual, entry + ": our reader and the runtime's event model disagree");
        return Reading.COMPARED;
    }

    /** What the cross-check made of an event. */
    enum Reading { COMPARED, NOT_COMPARED, UNREADABLE }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** What a strict RFC 8259 parser makes of the text, or null when it is not JSON. */
    private static JsonNode strictJson(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Payload 2.0, read from the typed event. */
    static LoginRequest fromModel(APIGatewayV2HTTPEvent event, JsonNode sent, Accept accept) {
        if (event == null) {
            return LoginRequest.EMPTY;
        }
        var context = event.getRequestContext();
        var http = context == null ? null : context.getHttp();
        String routeKey = asSent(event.getRouteKey(), at(sent, "routeKey"), "routeKey");
        String rawPath = asSent(event.getRawPath(), at(sent, "rawPath"), "rawPath");
        String stage = asSent(context == null ? null : context.getStage(), at(sent, "requestContext", "stage"),
                "requestContext.stage");
        return new LoginRequest(
                asSent(http == null ? null : http.getMethod(), at(sent, "requestContext", "http", "method"),
                        "requestContext.http.method"),
                route(routeKey, rawPath, stage),
                asSent(value(event.getPathParameters(), "environment"), at(sent, "pathParameters", "environment"),
                        "pathParameters.environment"),
                asSent(value(event.getQueryStringParameters(), "format"), at(sent, "queryStringParameters", "format"),
                        "queryStringParameters.format"),
                accept.of(event.getHeaders(), sent));
    }

    /** Payload 2.0's route: the route key's path ("ANY /login" gives /login), else the raw path less its stage. */
    private static String route(String routeKey, String rawPath, String stage) {
        String[] key = routeKey == null || routeKey.equals("$default") ? new String[0] : routeKey.split(" ", 2);
        if (key.length == 2 && !key[0].isEmpty()) {
            return key[1];
        }
        boolean named = stage != null && !stage.equals("$default");
        return named && rawPath != null && rawPath.startsWith("/" + stage + "/")
                ? rawPath.substring(stage.length() + 1) : rawPath;
    }

    /** Payload 1.0, read from the typed event. */
    static LoginRequest fromModel(APIGatewayProxyRequestEvent event, JsonNode sent, Accept accept) {
        if (event == null) {
            return LoginRequest.EMPTY;
        }
        String resource = asSent(event.getResource(), at(sent, "resource"), "resource");
        // All repeated format parameters, joined as payload 2.0 joins them; else the single one.
        List<String> formats = value(event.getMultiValueQueryStringParameters(), "format");
        JsonNode sentFormats = at(sent, "multiValueQueryStringParameters", "format");
        String format;
        if (formats != null && !formats.isEmpty() && sentFormats != null && sentFormats.isArray()) {
            List<String> each = new ArrayList<>();
            for (int i = 0; i < formats.size(); i++) {
                each.add(Objects.requireNonNullElse(asSent(formats.get(i), sentFormats.get(i),
                        "multiValueQueryStringParameters.format[]"), ""));
            }
            format = String.join(",", each);
        } else {
            if (formats != null && !formats.isEmpty()) {
                count("cross-check masked: the runtime made a list of a lone multiValueQueryStringParameters.format");
            }
            format = asSent(value(event.getQueryStringParameters(), "format"), at(sent, "queryStringParameters",
                    "format"), "queryStringParameters.format");
        }
        return new LoginRequest(
                asSent(event.getHttpMethod(), at(sent, "httpMethod"), "httpMethod"),
                // The resource is the matched route; a greedy proxy resource says nothing, the path does.
                resource != null && !resource.contains("{proxy+}") ? resource
                        : asSent(event.getPath(), at(sent, "path"), "path"),
                asSent(value(event.getPathParameters(), "environment"), at(sent, "pathParameters", "environment"),
                        "pathParameters.environment"),
                format,
                restAccept(event, sent, accept));
    }

    /**
     * Payload 1.0's Accept: every value under every spelling in multiValueHeaders, joined as payload 2.0 joins
     * repeated headers, in the order sent; else the single-value header.
     */
    private static String restAccept(APIGatewayProxyRequestEvent event, JsonNode sent, Accept accept) {
        JsonNode sentHeaders = at(sent, "multiValueHeaders");
        Map<String, List<String>> modelHeaders = event.getMultiValueHeaders();
        List<String> each = new ArrayList<>();
        if (sentHeaders != null && sentHeaders.isObject() && modelHeaders != null) {
            sentHeaders.fields().forEachRemaining(field -> {
                List<String> values = modelHeaders.get(field.getKey());
                if (field.getKey().equalsIgnoreCase("accept") && field.getValue().isArray() && values != null) {
                    for (int i = 0; i < values.size(); i++) {
                        each.add(Objects.requireNonNullElse(asSent(values.get(i), field.getValue().get(i),
                                "multiValueHeaders.accept[]"), ""));
                    }
                }
            });
        }
        String single = accept.of(event.getHeaders(), sent);
        if (each.isEmpty()) {
            return single;
        }
        accept.joinedFromMultiValueHeaders = true;
        return String.join(",", each);
    }

    /** The Accept header, looked up case-insensitively; remembers every value when several spellings are sent. */
    static final class Accept {
        final List<String> candidates = new ArrayList<>();
        /** Payload 1.0's repeated values decided it, so the spellings in headers do not matter. */
        boolean joinedFromMultiValueHeaders;

        String of(Map<String, String> headers, JsonNode sent) {
            if (headers != null) {
                headers.forEach((name, value) -> {
                    String text = name.equalsIgnoreCase("accept")
                            ? asSent(value, at(sent, "headers", name), "headers.accept") : null;
                    if (text != null && !candidates.contains(text)) {
                        candidates.add(text);
                    }
                });
            }
            return candidates.isEmpty() ? null : candidates.get(0);
        }
    }

    /**
     * The typed event's value where the event's JSON has a string, else null: the runtime's Jackson turns numbers,
     * booleans and one-element arrays into strings, and our reader deliberately takes nothing but strings.
     */
    private static String asSent(String modelValue, JsonNode sent, String field) {
        if (sent != null && sent.isTextual()) {
            return modelValue;
        }
        if (modelValue != null) {
            count("cross-check masked: the runtime coerced a non-string " + field);
        }
        return null;
    }

    /** The node at a path of object keys, or null when anything on the way is not an object. */
    private static JsonNode at(JsonNode root, String... path) {
        JsonNode node = root;
        for (String key : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(key);
        }
        return node;
    }

    private static <T> T value(Map<String, T> map, String key) {
        return map == null ? null : map.get(key);
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
     * One event to send: a JSON event built from the spec, some fields then given the wrong JSON type, written as
     * raw UTF-8 or all-ASCII, and finally perhaps damaged at the byte level.
     *
     * @param marker a string that cannot occur in an answer by chance; every generated text carries it
     */
    record Event(Entry entry, String marker, Spec spec, List<Retype> retypes, boolean ascii, Damage damage) {
        String fill(String text) {
            return text == null ? null : text.replace(M, marker);
        }

        /** The bytes Lambda would hand the stream handler. */
        byte[] bytes() {
            ObjectNode json = entry == Entry.HTTP ? httpJson(this) : restJson(this);
            retypes.forEach(retype -> retype.applyTo(json, this));
            byte[] written;
            try {
                // Raw UTF-8 turns a lone surrogate into '?', as any client's encoder would; \\u escapes keep it.
                written = ascii ? ASCII_JSON.writeValueAsBytes(json)
                        : JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return damage.apply(written, marker);
        }

        String shape() {
            if (damage.kind() != DamageKind.NONE) {
                return "bytes " + damage.kind();
            }
            return retypes.isEmpty() ? "JSON" : "JSON, retyped";
        }

        @Override
        public String toString() {
            byte[] bytes = bytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            return entry + " " + shape() + " " + retypes + " " + damage + ", " + bytes.length + " bytes: "
                    + (text.length() > 4000 ? text.substring(0, 4000) + "..." : text);
        }
    }

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<String> markers = Arbitraries.strings().withChars("bcdfghjkmnpqrstvwxz").ofLength(12)
                .map(s -> "Qx" + s + "Zj");
        Arbitrary<List<Retype>> retypes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<Retype>of())),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 1023), Arbitraries.of(WRONG_TYPES))
                        .as(Retype::new).list().ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(Arbitraries.of(Entry.class), markers, specs(), retypes,
                        Arbitraries.of(false, false, true), damages())
                .as(Event::new);
    }

    // ---- wrong JSON types ----

    /** Fields of a payload 2.0 event that our reader or the runtime's model cares about. */
    static final List<List<String>> HTTP_FIELDS = List.of(List.of("routeKey"), List.of("rawPath"),
            List.of("requestContext"), List.of("requestContext", "stage"), List.of("requestContext", "http"),
            List.of("requestContext", "http", "method"), List.of("pathParameters"),
            List.of("pathParameters", "environment"), List.of("queryStringParameters"),
            List.of("queryStringParameters", "format"), List.of("headers"), List.of("headers", "accept"),
            List.of("headers", "Accept"), List.of("cookies"), List.of("body"), List.of("isBase64Encoded"),
            List.of("rawQueryString"), List.of("version"));

    /** The same for payload 1.0; "[0]" is the first element of the array named before it. */
    static final List<List<String>> REST_FIELDS = List.of(List.of("resource"), List.of("path"),
            List.of("httpMethod"), List.of("pathParameters"), List.of("pathParameters", "environment"),
            List.of("queryStringParameters"), List.of("queryStringParameters", "format"),
            List.of("multiValueQueryStringParameters"), List.of("multiValueQueryStringParameters", "format"),
            List.of("multiValueQueryStringParameters", "format", "[0]"), List.of("headers"),
            List.of("headers", "Accept"), List.of("headers", "accept"), List.of("multiValueHeaders"),
            List.of("requestContext"), List.of("requestContext", "httpMethod"), List.of("body"),
            List.of("isBase64Encoded"));

    /**
     * JSON values of the wrong type for some field. Several are what the runtime's Jackson coerces into a string
     * (numbers, booleans, one-element arrays) or into an object (a one-element array holding one), which is where
     * the cross-check must tell coercion from disagreement.
     */
    static final List<String> WRONG_TYPES = List.of("0", "-1", "1.5e3", "123456789012345678901234567890", "true",
            "false", "null", "\"\"", "\"" + M + "\"", "[]", "[\"json\"]", "[\"GET\"]", "[\"/login\"]", "[\"demo\"]",
            "[\"analytics\"]", "[\"" + M + "\"]", "[\"a\",\"" + M + "\"]", "[null]", "[5]", "[[\"json\"]]", "{}",
            "{\"k\":\"" + M + "\"}", "{\"format\":\"json\"}", "[{\"method\":\"GET\"}]",
            "[{\"environment\":\"analytics\"}]", "[{\"format\":\"json\"}]", "[{\"accept\":\"application/json\"}]",
            "{\"http\":{\"method\":\"GET\"}}");

    /** Puts a wrong JSON value at one of the entry's fields, making the objects on the way if need be. */
    record Retype(int field, String value) {
        void applyTo(ObjectNode json, Event event) {
            List<List<String>> fields = event.entry() == Entry.HTTP ? HTTP_FIELDS : REST_FIELDS;
            List<String> path = fields.get(field % fields.size());
            JsonNode wrong;
            try {
                wrong = JSON.readTree(event.fill(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean element = path.get(path.size() - 1).equals("[0]");
            ObjectNode parent = json;
            for (String key : path.subList(0, path.size() - (element ? 2 : 1))) {
                parent = parent.get(key) instanceof ObjectNode object ? object : parent.putObject(key);
            }
            if (element) {
                String key = path.get(path.size() - 2);
                ArrayNode array = parent.get(key) instanceof ArrayNode existing ? existing : parent.putArray(key);
                if (array.isEmpty()) {
                    array.add(wrong);
                } else {
                    array.set(0, wrong);
                }
            } else {
                parent.set(path.get(path.size() - 1), wrong);
            }
        }

        @Override
        public String toString() {
            return "(HTTP " + HTTP_FIELDS.get(field % HTTP_FIELDS.size()) + " | REST "
                    + REST_FIELDS.get(field % REST_FIELDS.size()) + ")=" + value;
        }
    }

    // ---- byte-level damage ----

    enum DamageKind { NONE, TRUNCATE, INVALID_UTF8, FLIP, NEST, OPEN_NEST, ROOT, LENIENT, TRAILING, DUPLICATE, BOM,
        UTF16, HUGE, NOISE }

    /** Byte sequences that are not UTF-8: stray, overlong, cut short, a surrogate, beyond U+10FFFF. */
    static final List<byte[]> INVALID_UTF8 = List.of(bytes(0xff), bytes(0xfe), bytes(0x80), bytes(0xbf),
            bytes(0xc0, 0x80), bytes(0xc1, 0xbf), bytes(0xe2, 0x82), bytes(0xe0, 0x80, 0x80), bytes(0xed, 0xa0, 0x80),
            bytes(0xf4, 0x90, 0x80, 0x80), bytes(0xf8, 0x88, 0x80, 0x80, 0x80), bytes(0xc3));

    /** Nesting depths around our reader's bound of 64, and far beyond. */
    static final int[] DEPTHS = {1, 2, 63, 64, 65, 1000, 100_000};

    /** Texts the runtime's lenient Jackson reads and RFC 8259 does not, a few neither reads, and one both read. */
    static final List<String> LENIENT = List.of("x:1,", "'x':'y',", "\"x\":'y',", "\"x\":NaN,", "\"x\":-Infinity,",
            "\"x\":01,", "\"x\":\"a\u0001b\",", "\"x\":\"a\tb\",", "\"x\":\"a\nb\",", "\"x\":\"\\q\",",
            "\"x\":\"\\'\",", "\"x\":1,/*c*/", "//c\n", "#c\n", "\"x\":[1,],", "\"x\":+1,", "\"x\":.5,", "\"x\":1.,",
            "\"x\":0x10,", "\"x\":tru,", "\"x\":\"\\u12\",", "\"x\" 1,", "\"x\":1,,", "rawPath:\"/login\",",
            "'httpMethod':'GET',", "\"\u00a7\":\"\\u00e9\",");

    /** Fields sent twice: put before the event's own (which, coming last, wins) or after it (and then win). */
    static final List<String> DUPLICATES = List.of("\"httpMethod\":\"GET\"", "\"rawPath\":\"/login/analytics\"",
            "\"routeKey\":\"ANY /login/{environment}\"", "\"pathParameters\":{\"environment\":\"analytics\"}",
            "\"headers\":{\"accept\":\"application/json\",\"Accept\":\"text/html\"}",
            "\"headers\":{\"Accept\":\"text/html\",\"ACCEPT\":\"application/json\"}",
            "\"queryStringParameters\":{\"format\":\"json\",\"format\":\"redirect\"}", "\"resource\":\"/login\"",
            "\"path\":\"/login/demo\"", "\"requestContext\":{\"http\":{\"method\":\"GET\"},\"stage\":\"$default\"}",
            "\"multiValueQueryStringParameters\":{\"format\":[\"json\",\"redirect\"]}", "\"resource\":null");

    /**
     * One kind of byte-level damage.
     *
     * @param at   where, or how much (taken modulo what fits)
     * @param pick which variant
     */
    record Damage(DamageKind kind, int at, int pick) {
        byte[] apply(byte[] json, String marker) {
            byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
            switch (kind) {
                case TRUNCATE:
                    return Arrays.copyOf(json, at % json.length);
                case INVALID_UTF8: {
                    // Half the time just after the marker, so inside a string, where a lenient decoder would pass it.
                    int after = indexOf(json, m);
                    int where = at % 2 == 0 && after >= 0 ? after + m.length : at % (json.length + 1);
                    return concat(Arrays.copyOf(json, where), pick(INVALID_UTF8),
                            Arrays.copyOfRange(json, where, json.length));
                }
                case FLIP: {
                    byte[] flipped = json.clone();
                    flipped[at % json.length] = (byte) pick;
                    return flipped;
                }
                case NEST: {
                    int depth = DEPTHS[pick % DEPTHS.length];
                    return at % 2 == 0 ? concat(utf8("[".repeat(depth)), json, utf8("]".repeat(depth)))
                            : concat(utf8("{\"a\":".repeat(depth)), json, utf8("}".repeat(depth)));
                }
                case OPEN_NEST:
                    return utf8(at % 2 == 0 ? "[".repeat(100_000) : "{\"" + marker + "\":".repeat(20_000));
                case ROOT: {
                    List<byte[]> roots = List.of(utf8("null"), utf8("true"), utf8("false"), utf8("0"),
                            utf8("-0.0e-0"), utf8("1e999999"), utf8("\"" + marker + "\""), utf8("\"\""), utf8("[]"),
                            utf8("{}"), utf8(""), utf8(" \n\t\r"), concat(utf8("["), json, utf8("]")),
                            concat(utf8("["), json, utf8(","), json, utf8("]")), utf8("9".repeat(20_000)),
                            concat(utf8("\""), m, utf8("\\")));
                    return pick(roots);
                }
                case LENIENT:
                    return insertAfterBrace(json, utf8(pick(LENIENT)));
                case TRAILING: {
                    List<byte[]> tails = List.of(utf8(" x"), utf8("}"), utf8("]"), utf8(","), json, bytes(0),
                            utf8(" \n\t\r"), utf8("null"), utf8("\u00a0"), utf8("\u2028"), utf8("//"));
                    return concat(json, pick(tails));
                }
                case DUPLICATE: {
                    byte[] field = utf8(pick(DUPLICATES));
                    return at % 2 == 0 ? insertAfterBrace(json, concat(field, utf8(",")))
                            : concat(Arrays.copyOf(json, json.length - 1), utf8(","), field, utf8("}"));
                }
                case BOM:
                    return concat(bytes(0xef, 0xbb, 0xbf), json);
                case UTF16: {
                    String text = new String(json, StandardCharsets.UTF_8);
                    return text.getBytes(List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                            StandardCharsets.UTF_16).get(pick % 3));
                }
                case HUGE: {
                    // 64 KiB to 1 MiB of marker, as a value, a key, or whitespace before the event.
                    String huge = marker.repeat((1 << (16 + pick % 5)) / marker.length());
                    return at % 3 == 0 ? insertAfterBrace(json, utf8("\"pad\":\"" + huge + "\","))
                            : at % 3 == 1 ? insertAfterBrace(json, utf8("\"" + huge + "\":1,"))
                            : concat(utf8(" ".repeat(huge.length())), json);
                }
                case NOISE: {
                    byte[] noise = new byte[at % 256];
                    new Random(((long) at << 8) | pick).nextBytes(noise);
                    return noise;
                }
                default:
                    return json;
            }
        }

        private <T> T pick(List<T> choices) {
            return choices.get(pick % choices.size());
        }

        @Override
        public String toString() {
            return kind == DamageKind.NONE ? "undamaged" : kind + "(" + at + ", " + pick + ")";
        }
    }

    static Arbitrary<Damage> damages() {
        // About a third damaged; HUGE, the one that costs, at 1 %.
        List<DamageKind> cheap = Arrays.stream(DamageKind.values())
                .filter(kind -> kind != DamageKind.NONE && kind != DamageKind.HUGE).toList();
        Arbitrary<DamageKind> kinds = Arbitraries.frequencyOf(Tuple.of(64, Arbitraries.just(DamageKind.NONE)),
                Tuple.of(1, Arbitraries.just(DamageKind.HUGE)), Tuple.of(35, Arbitraries.of(cheap)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 255)).as(Damage::new);
    }

    private static byte[] insertAfterBrace(byte[] json, byte[] inserted) {
        return concat(Arrays.copyOf(json, 1), inserted, Arrays.copyOfRange(json, 1, json.length));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---- generated text ----

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

    // ---- building JSON events, shaped as API Gateway sends them ----

    static ObjectNode httpJson(Event event) {
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
        return json;
    }

    static ObjectNode restJson(Event event) {
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
        return json;
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

    /** A proxy response as the handler wrote it: the parsed fields and the text itself. */
    record Answer(int status, Map<String, String> headers, String body, boolean base64, String written) {
        String everything() {
            return status + " " + headers + " " + body + " " + written;
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

    /** Reads the handler's output strictly: valid UTF-8, JSON, exactly the four proxy response fields and types. */
    static Answer answer(byte[] output, String where) {
        assertTrue(isUtf8(output), where + ": the answer is not UTF-8");
        String text = new String(output, StandardCharsets.UTF_8);
        JsonNode json = strictJson(text);
        assertNotNull(json, where + ": the answer is not JSON: " + output.length + " bytes");
        assertTrue(json.isObject(), where + ": the answer is not a JSON object");
        Set<String> fields = new HashSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(PROXY_RESPONSE_FIELDS, fields, where + ": proxy response fields");
        assertTrue(json.get("statusCode").isInt(), where + ": statusCode is not an int");
        assertTrue(json.get("headers").isObject(), where + ": headers is not an object");
        assertTrue(json.get("body").isTextual(), where + ": body is not a string");
        assertTrue(json.get("isBase64Encoded").isBoolean(), where + ": isBase64Encoded is not a boolean");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            assertTrue(header.getValue().isTextual(), where + ": header " + header.getKey() + " is not a string");
            headers.put(header.getKey(), header.getValue().asText());
        }
        return new Answer(json.get("statusCode").intValue(), headers, json.get("body").asText(),
                json.get("isBase64Encoded").booleanValue(), text);
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

    /** A context that keeps every line its logger receives. */
    static final class FuzzContext {
        final List<String> lines = new ArrayList<>();
        final LocalContext lambda = new LocalContext("fuzz-0000-1111", lines::add);
    }
}
