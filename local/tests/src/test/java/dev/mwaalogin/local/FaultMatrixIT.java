package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.emulator.EmulatorCredentials;
import dev.mwaalogin.local.emulator.FaultControl;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.RuntimeApi;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way MWAA can fail, injected by the emulator, against ONE warm execution environment of the real, built
 * function (AWS's runtime interface client in a child JVM) with a short deadline: the function answers the
 * documented status within the deadline plus 10 %, with a clean JSON body, tries MWAA exactly as often as its retry
 * policy says, and writes one log line that tells an operator what happened and nothing secret.
 *
 * <p>Retry policy under test ({@code MwaaTokens}): the SDK's standard strategy, 3 attempts, whole call bounded by
 * {@code MWAA_TIMEOUT_MS}, every backoff sized to fit that deadline. A hung MWAA gets one attempt: the socket read
 * timeout and the call deadline are both {@code MWAA_TIMEOUT_MS}, so the first attempt uses the whole budget and the
 * deadline aborts it; there is no time left for a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixIT {

    static final int DEADLINE_MS = 2000;
    static final long BOUND_MS = DEADLINE_MS * 110L / 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LOG_MESSAGE = Pattern.compile(
            "login status=(\\d{3})(?: code=(\\S+))?(?: environment=(\\S+))?(?: person=[A-Za-z0-9._@+=,/$-]+ caller=iam)?"
                    + "(?: airflowRole=[A-Za-z]+)?(?: airflowPage=[23]/[a-z]+)?(?: gatewayRequestId=\\S+)?"
                    + "(?: stsRequestId=\\S+)?(?: mwaaRequestId=(\\S+))? durationMs=(\\d+)");
    /** What the emulator puts in its error answers; none of it may reach the caller. */
    private static final List<String> MWAA_TEXT = List.of("injected by the MWAA emulator", "Rate exceeded",
            "User is not authorized", "Environment named", "__type", "Exception");

    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final List<String> report = new ArrayList<>();
    private LocalSetup setup;
    private FunctionProcess function;
    private String event;

    /**
     * One fault and what it must come to.
     *
     * @param hits        how many requests MWAA must see
     * @param answered    whether MWAA answered (so its request id must be in the log line)
     * @param mwaaCode    the cause the log line names after the code
     */
    record Case(String name, Consumer<FaultControl> fault, int status, String code, int hits, boolean answered,
                String mwaaCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("MWAA 404", f -> f.status(404), 404, "EnvironmentNotFound", 1, true,
                        "ResourceNotFoundException"),
                new Case("MWAA 403", f -> f.status(403), 403, "AccessDenied", 1, true, "AccessDeniedException"),
                new Case("MWAA 400", f -> f.status(400), 400, "InvalidRequest", 1, true, "ValidationException"),
                new Case("MWAA 500", f -> f.status(500), 502, "UpstreamError", 3, true, "InternalServerException"),
                new Case("MWAA 503", f -> f.status(503), 502, "UpstreamError", 3, true,
                        "ServiceUnavailableException"),
                new Case("MWAA 429", FaultControl::throttle, 429, "Throttled", 3, true, "ThrottlingException"),
                new Case("hang past the deadline", f -> f.hang(Duration.ofSeconds(30)), 504, "UpstreamTimeout", 1,
                        false, "ApiCallTimeoutException"),
                new Case("connection reset", FaultControl::reset, 502, "UpstreamUnavailable", 3, false,
                        "SdkClientException/SocketException"),
                new Case("malformed (truncated) JSON", FaultControl::malformedJson, 502, "UpstreamUnavailable", 1,
                        true, "SdkClientException/JsonEOFException"),
                new Case("slow answer inside the deadline", f -> f.latency(Duration.ofMillis(DEADLINE_MS * 65L / 100)),
                        200, null, 1, true, null));
    }

    @BeforeAll
    void startOneWarmFunction() throws IOException {
        setup = LocalSetup.create(new LocalSetup.Options(new String[] {"--project", EventsIT.ROOT.toString(),
            "--function", "LoginFunction"}, Set.of()));
        setup.environment.put("MWAA_TIMEOUT_MS", Integer.toString(DEADLINE_MS));
        event = Files.readString(EventsIT.ROOT.resolve("events/http-json.json"));
        function = setup.startFunction(logs::add);
        function.awaitInit();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, JSON.readTree(function.invoke(event).body()).path("statusCode").asInt(), "warm-up");
        }
        setup.emulator.resetHits();
    }

    @AfterAll
    void stop() {
        System.out.println("Fault matrix, MWAA_TIMEOUT_MS=" + DEADLINE_MS + " (bound " + BOUND_MS + " ms):");
        report.forEach(System.out::println);
        if (function != null) {
            function.close();
        }
        if (setup != null) {
            setup.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyFaultGetsItsDocumentedAnswerInTimeWithOneCleanLogLine(Case c) throws Exception {
        FaultControl faults = setup.emulator.faults("demo");
        setup.emulator.resetHits();
        c.fault().accept(faults);
        int logsBefore = logs.size();
        long started = System.nanoTime();
        RuntimeApi.Result result;
        try {
            result = function.invoke(event);
        } finally {
            faults.clear();
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        long hits = setup.emulator.hits("demo");
        JsonNode response = JSON.readTree(result.body());
        int status = response.path("statusCode").asInt();
        List<String> lines = linesOfThisInvocation(logsBefore);
        report.add(String.format("  %-34s -> %d %-20s in %4d ms (wall %4d ms), MWAA hits %d, log: %s", c.name(),
                status, c.code() == null ? "" : c.code(), result.duration().toMillis(), wallMs, hits,
                lines.size() == 1 ? message(lines.get(0)) : lines.size() + " lines"));

        assertEquals(c.status(), status, c + ": " + result.body());
        assertTrue(result.duration().toMillis() <= BOUND_MS, c + ": took " + result.duration().toMillis() + " ms");
        assertEquals(c.hits(), hits, c + ": MWAA attempts");
        assertTrue(function.isAlive(), "the execution environment survives");

        JsonNode headers = response.path("headers");
        assertEquals("no-store", headers.path("Cache-Control").asText());
        assertEquals("application/json", headers.path("Content-Type").asText());
        String body = response.path("body").asText();
        JsonNode json = JSON.readTree(body);
        String token = null;
        if (c.status() == 200) {
            token = json.path("webToken").asText();
            assertEquals(214, token.length(), "a token from the emulator");
        } else {
            assertEquals(Set.of("error"), fieldNames(json), body);
            JsonNode error = json.path("error");
            assertEquals(Set.of("code", "message", "requestId"), fieldNames(error), body);
            assertEquals(c.code(), error.path("code").asText(), body);
            assertTrue(UUID.matcher(error.path("requestId").asText()).matches(), "Lambda's request id: " + body);
            assertFalse(headers.has("Location"), body);
            for (String text : MWAA_TEXT) {
                assertFalse(body.contains(text), c + ": the body quotes MWAA's answer (" + text + "): " + body);
            }
            assertFalse(body.contains("\tat ") || body.contains("java.") || body.contains("software.amazon"),
                    c + ": a stack trace or class name in the body: " + body);
            assertFalse(body.contains("login=true#") || body.contains("webToken"), body);
            assertEquals(c.status() == 429 ? "2" : null, headers.has("Retry-After")
                    ? headers.path("Retry-After").asText() : null, "Retry-After");
            if (c.status() == 403) {
                assertTrue(error.path("message").asText().contains("needs airflow:CreateWebLoginToken on "
                        + "arn:aws:airflow:us-east-1:123456789012:role/demo/Viewer."), body);
            }
        }

        assertEquals(1, lines.size(), c + ": one log line per request, got " + lines);
        JsonNode line = JSON.readTree(lines.get(0));
        assertEquals(c.status() >= 500 ? "ERROR" : c.status() == 403 ? "WARN" : "INFO", line.path("level").asText());
        Matcher message = LOG_MESSAGE.matcher(line.path("message").asText());
        assertTrue(message.matches(), "the log line's shape: " + line.path("message").asText());
        assertEquals(Integer.toString(c.status()), message.group(1));
        assertEquals(c.code() == null ? null : c.code() + "/MWAA/" + c.mwaaCode(), message.group(2), "code and cause");
        assertEquals("demo", message.group(3), "environment");
        if (c.answered()) {
            assertNotNull(message.group(4), c + ": MWAA answered, so its request id belongs in the log: " + line);
            assertTrue(UUID.matcher(message.group(4)).matches(), line.toString());
        } else {
            assertNull(message.group(4), "no MWAA request id without an answer: " + line);
        }
        String all = String.join("\n", lines);
        assertFalse(all.contains(EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY), "the secret key in a log line");
        assertFalse(all.contains("login=true#"), "a login URL in a log line");
        if (token != null) {
            assertFalse(all.contains(token), "the token in a log line");
        }
    }

    /**
     * The lines the function wrote for the last invocation: its one {@code login} line arrives through a pipe a
     * moment after the answer, and anything else it wrote (a warning, a stack trace) would arrive with it.
     */
    private List<String> linesOfThisInvocation(int from) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline
                && logs.subList(from, logs.size()).stream().noneMatch(l -> l.contains("login status="))) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        // The metrics line (embedded metric format, {"_aws":...}) is not a log line; LoginMetricsTest checks it.
        List<String> lines = new ArrayList<>(logs.subList(from, logs.size()));
        lines.removeIf(line -> line.startsWith("{\"_aws\""));
        return lines;
    }

    private static String message(String line) {
        try {
            return JSON.readTree(line).path("message").asText().replaceAll(" mwaaRequestId=[0-9a-f-]+",
                    " mwaaRequestId=<uuid>");
        } catch (IOException e) {
            return "not JSON: " + line.length() + " chars";
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
