package dev.mwaalogin.local.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.local.fuzz.FuzzStandIns.Counts;
import dev.mwaalogin.local.fuzz.FuzzStandIns.FuzzContext;
import dev.mwaalogin.api.ApiPaths;
import dev.mwaalogin.internal.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile API Gateway events ({@link FuzzEvent}) against both entry classes in three configurations (MWAA's
 * hostname, {@code AIRFLOW_BASE_URL}, {@code ROLE_MAPPING}), each event twice: as the bytes a stream handler reads,
 * and, when the Lambda runtime can deserialise them, as the runtime's typed event through the typed entry. For every
 * answer: nothing escapes; it is a well-formed proxy response with the four protective headers and a documented
 * status; {@code 400 BadRequest} exactly when the event cannot be read (bytes our reader refuses; a null typed
 * event); nothing the caller sent comes back but the vouched person of a personal login; MWAA is asked only for
 * allow-listed names, once for a login and never otherwise, and STS only for a personal login; a {@code Location}
 * or JSON {@code url} is exactly the expected login URL; and there is one log line of the documented shape, carrying
 * no token, URL, hostname or secret, and no input but validated values.
 *
 * <p>Tries per run: {@code -Dfuzz.tries} (the build's default is CI's budget; SECURITY.md has the full run).
 */
class FuzzEventsIT {

    static final Set<Integer> STATUSES = Set.of(200, 302, 400, 403, 404, 405, 413);
    /** Refusals of a caller with no identity or no mapped role, with ROLE_MAPPING. */
    static final Set<Integer> PERSONAL_STATUSES = Set.of(200, 302, 400, 403, 404, 405, 413);
    /** Without ROLE_MAPPING only /api answers 403 (and nothing 413): it is off, whoever asks. */
    static final Set<String> SHARED_REFUSALS = Set.of("ApiNeedsRoleMapping");
    private static final ApiPaths API_PATHS = ApiPaths.parse(null);
    static final Map<String, String> PROTECTIVE = Map.of("Cache-Control", "no-store", "Pragma", "no-cache",
            "Referrer-Policy", "no-referrer", "X-Content-Type-Options", "nosniff");

    /** The one line per request (LoginLog): only validated or sanitised values, so no input can forge or extend it. */
    static final Pattern LOG_LINE = Pattern.compile("(INFO|WARN|ERROR) (login|api) status=\\d{3}"
            + "( code=[A-Za-z0-9._/$-]+)?( environment=[a-zA-Z][0-9a-zA-Z_-]{0,79})?"
            + "( method=(GET|POST|PUT|PATCH|DELETE))?( rule=(GET|POST|PUT|PATCH|DELETE):/[A-Za-z0-9_.~:+@*/-]*)?"
            + "( airflowStatus=\\d{3})?"
            + "( person=(?<person>[A-Za-z0-9._@+=,/$-]{1,64}))?( caller=(jwt|iam))?"
            + "( airflowRole=(Admin|Op|User|Viewer|Public))?"
            + "( airflowPage=(3|2|configured)/(configured|learned|fallback))?"
            + "( gatewayRequestId=[A-Za-z0-9+/=_-]{1,64})?( stsRequestId=[A-Za-z0-9+/=_-]{1,64})?"
            + "( mwaaRequestId=[A-Za-z0-9+/=_-]{1,64})? durationMs=\\d+");
    /** The log line's values that may carry input: each validated or made safe by LoginLog. */
    private static final Pattern INPUT_VALUES = Pattern.compile(" (environment|person|gatewayRequestId)=\\S*");

    private static final Counts COUNTS = new Counts();
    private static final List<FuzzDeployment> DEPLOYMENTS = List.of(FuzzDeployment.mwaaHostname(),
            FuzzDeployment.baseUrl(), FuzzDeployment.roleMapping());

    @AfterContainer
    static void report() {
        COUNTS.print("FuzzEventsIT (each event through " + DEPLOYMENTS.size() + " configurations)");
    }

    @Provide
    Arbitrary<FuzzEvent> events() {
        return FuzzEvent.arbitrary();
    }

    @Property(shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void everyEventGetsACleanBoundedAnswerAndAwsOnlySeesAllowedCalls(@ForAll("events") FuzzEvent event) {
        byte[] bytes = event.bytes();
        COUNTS.add("event " + event.entry());
        COUNTS.add("shape " + event.shape());
        boolean readable = readable(bytes);
        RuntimeModel.Reading typed = RuntimeModel.read(event.entry(), bytes);
        COUNTS.add(typed.accepted() ? "runtime deserialises the event" : "runtime refuses the event");
        for (FuzzDeployment deployment : DEPLOYMENTS) {
            String where = deployment.name() + ", " + event.entry();
            deployment.aws().clear();
            FuzzContext context = new FuzzContext();
            check(event, deployment, deployment.send(event.entry(), bytes, context, where), context, readable, where,
                    COUNTS);
            if (typed.accepted()) {
                where += ", typed";
                deployment.aws().clear();
                context = new FuzzContext();
                check(event, deployment, deployment.send(event.entry(), typed.event(), context, where), context,
                        typed.event() != null, where, COUNTS);
            }
        }
    }

    /** Whether the function's reader takes the bytes, as its stream handlers decode them. */
    static boolean readable(byte[] bytes) {
        try {
            JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
            return true;
        } catch (JsonReader.MalformedJson unreadable) {
            return false;
        }
    }

    /** The properties every answer has, whatever the event. */
    static void check(FuzzEvent event, FuzzDeployment deployment, ProxyAnswer answer, FuzzContext context,
                      boolean readable, String where, Counts counts) {
        counts.add("status " + answer.status());
        Set<Integer> statuses = deployment.personal() ? PERSONAL_STATUSES : STATUSES;
        assertTrue(statuses.contains(answer.status()), where + ": status " + answer.status() + " " + answer.body());
        PROTECTIVE.forEach((name, value) -> assertEquals(value, answer.headers().get(name), where + ": " + name));
        answer.headers().forEach((name, value) -> assertTrue(value.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
                where + ": header " + name + " is not printable ASCII"));
        assertFalse(answer.base64(), where + ": a base64 answer");

        String seen = deployment.personal() ? answer.everythingButPerson() : answer.everything();
        assertFalse(seen.contains(event.marker()), where + ": the answer echoes the request: " + answer);
        for (String secret : List.of(FuzzStandIns.STS_SECRET, FuzzStandIns.STS_SESSION_TOKEN,
                FuzzDeployment.FUNCTION_SECRET)) {
            assertFalse(answer.everything().contains(secret), where + ": a secret in the answer");
        }

        List<String> asked = deployment.aws().names;
        asked.forEach(name -> assertTrue(FuzzDeployment.ALLOWED.contains(name), where + ": MWAA asked for " + name));
        // Airflow's REST API is reached only as a person, in an allowed environment, for a call API_PATHS allows.
        boolean api = !deployment.aws().invoked.isEmpty();
        if (api) {
            counts.add("api call forwarded");
            assertTrue(deployment.personal(), where + ": InvokeRestApi without ROLE_MAPPING");
            assertEquals(1, deployment.aws().invoked.size(), where + ": InvokeRestApi calls");
            Map.Entry<String, String> call = deployment.aws().invoked.get(0);
            assertTrue(FuzzDeployment.ALLOWED.contains(call.getKey()), where + ": InvokeRestApi for " + call.getKey());
            String path = JsonReader.text(JsonReader.parse(call.getValue()), "Path");
            String method = JsonReader.text(JsonReader.parse(call.getValue()), "Method");
            assertTrue(path.length() >= 2 && path.length() <= 64, where + ": Path of " + path.length());
            assertTrue(API_PATHS.allowing(method, List.of(path.substring(1).split("/", -1))).isPresent(),
                    where + ": a call API_PATHS does not allow reached MWAA: " + method);
            assertEquals(200, answer.status(), where + ": Airflow's own status");
            assertEquals("{\"dags\":[],\"total_entries\":0}", answer.body(), where + ": Airflow's answer as is");
        }
        boolean home = answer.status() == 200 && !api && (answer.body().contains("\"environments\":[")
                || answer.body().contains("<title>Your Airflow environments</title>"));
        if (home) {
            counts.add("home page");
        }
        boolean login = (answer.status() == 200 || answer.status() == 302) && !api && !home;
        deployment.aws().described.forEach(name -> assertTrue(FuzzDeployment.ALLOWED.contains(name)
                && (login || home), where + ": GetEnvironment for " + name + " with a " + answer.status()));
        assertEquals(login ? 1 : 0, asked.size(), where + ": MWAA calls for a " + answer.status());
        assertEquals((login || api) && deployment.personal() ? 1 : 0, deployment.aws().assumed.size(),
                where + ": STS calls for a " + answer.status());
        if (!deployment.personal() && (answer.status() == 403 || answer.status() == 413)) {
            assertTrue(SHARED_REFUSALS.contains(answer.errorCode()), where + ": " + answer.body());
        }
        String location = answer.headers().get("Location");
        if (answer.status() == 302) {
            counts.add("login redirect");
            assertEquals(deployment.location(), location, where + ": Location");
            assertEquals("", answer.body());
        } else {
            assertNull(location, where + ": a Location with " + answer.status());
            assertTrue(answer.headers().getOrDefault("Content-Type", "").startsWith(
                    answer.body().startsWith("<!doctype html>") ? "text/html" : "application/json"), where);
            if (home && answer.body().startsWith("<!doctype html>")) {
                assertTrue(answer.headers().getOrDefault("Content-Security-Policy", "").startsWith(
                        "default-src 'none'"), where + ": the home page's policy");
            }
            JsonNode body = answer.bodyJson();
            if (login && answer.status() == 200) {
                counts.add("login json");
                assertEquals(deployment.location(), body.path("url").asText(), where + ": url");
                assertEquals(asked.get(0), body.path("environment").asText(), where);
                assertEquals(deployment.personal(), body.hasNonNull("person"), where + ": person");
            } else if (home && body != null) {
                // Only allowed environments, with the Airflow role the deployment gives.
                body.path("environments").forEach(entry -> assertTrue(FuzzDeployment.ALLOWED.contains(entry.path(
                        "environment").asText()) && entry.path("airflowRole").isTextual(), where + ": " + entry));
            } else if (body != null && !api) {
                assertTrue(body.path("error").path("code").isTextual(), where + ": " + answer.body());
            }
            if (answer.status() == 405) {
                assertTrue(Set.of("GET", "GET, POST, PUT, PATCH, DELETE").contains(answer.headers().get("Allow")),
                        where);
            }
        }
        // 400 BadRequest exactly for the events that cannot be read: never a guess at a half-read event.
        if (readable) {
            assertFalse("BadRequest".equals(answer.errorCode()), where + ": a readable event answered as unreadable");
        } else {
            counts.add("unreadable, answered 400 BadRequest");
            assertEquals(400, answer.status(), where + ": an unreadable event");
            assertEquals("BadRequest", answer.errorCode(), where + ": an unreadable event");
        }
        if (!login) {
            assertFalse(answer.everything().contains(FuzzStandIns.TOKEN), where + ": a token in a refusal");
        }
        checkLog(event, context, where, counts);
    }

    private static void checkLog(FuzzEvent event, FuzzContext context, String where, Counts counts) {
        assertEquals(1, context.lines.size(), where + ": one log line per request: " + context.lines.size());
        String line = context.lines.get(0);
        assertTrue(LOG_LINE.matcher(line).matches(), where + ": log line shape: " + line.length() + " chars");
        for (String secret : List.of(FuzzStandIns.TOKEN, "login=true#", FuzzStandIns.HOST, FuzzStandIns.STS_SECRET,
                FuzzStandIns.STS_SESSION_TOKEN, FuzzDeployment.FUNCTION_SECRET)) {
            assertFalse(line.contains(secret), where + ": the log line holds a token, URL, hostname or secret");
        }
        // Input reaches the line only as a validated environment name, a sanitised person or API Gateway's request id.
        if (line.contains(event.marker())) {
            counts.add("log line carries input in a validated or sanitised value");
            assertFalse(INPUT_VALUES.matcher(line).replaceAll("").contains(event.marker()), where + ": " + line);
        }
    }
}
