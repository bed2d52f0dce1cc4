package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.EmbeddedMetrics.DataPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each request writes one metrics line, which CloudWatch's embedded metric format rules accept. */
class LoginMetricsTest {

    private final TestContext context = new TestContext();

    @BeforeEach
    void clear() {
        LoginServiceTest.METRICS.clear();
    }

    private static List<DataPoint> onlyLine() {
        assertEquals(1, LoginServiceTest.METRICS.size(), LoginServiceTest.METRICS.toString());
        return EmbeddedMetrics.read(LoginServiceTest.METRICS.get(0));
    }

    @Test
    void aSignInCountsByEnvironmentAndRoleAndByCode() {
        LoginServiceTest.service(LoginServiceTest.mwaaAnswers(LoginServiceTest.HOST, LoginServiceTest.TOKEN))
                .answer(LoginServiceTest.request("GET", "/login", null, null, null), context.invocation());
        List<DataPoint> points = onlyLine();
        assertEquals(1.0, EmbeddedMetrics.value(points, "SignIns", Map.of("Environment", "demo",
                "AirflowRole", "Viewer")));
        assertEquals(1.0, EmbeddedMetrics.value(points, "SignIns", Map.of("Code", "OK")));
        double latency = EmbeddedMetrics.value(points, "Latency", Map.of("Code", "OK"));
        assertTrue(latency >= 0 && latency < 60_000, "latency " + latency);
        assertTrue(points.stream().allMatch(point -> point.namespace().equals(LoginMetrics.NAMESPACE)));
        assertEquals("Milliseconds", points.stream().filter(p -> p.metric().equals("Latency")).findFirst()
                .orElseThrow().unit());
    }

    @Test
    void aRefusalCountsByItsCodeAndNamesNoInput() {
        LoginServiceTest.service(LoginServiceTest.mwaaAnswers(LoginServiceTest.HOST, LoginServiceTest.TOKEN))
                .answer(LoginServiceTest.request("GET", "/login/{environment}", "no-such-env\"<x>", null, null),
                        context.invocation());
        List<DataPoint> points = onlyLine();
        assertEquals(1.0, EmbeddedMetrics.value(points, "Refusals", Map.of("Code", "InvalidEnvironmentName")));
        // Refused before any role was decided: no environment or role to name.
        assertEquals(1.0, EmbeddedMetrics.value(points, "Refusals", Map.of("Environment", "none",
                "AirflowRole", "none")));
        assertFalse(LoginServiceTest.METRICS.get(0).contains("no-such-env"), "never a value the caller sent");
    }

    @Test
    void mwaaFailuresCountAsMwaaErrorsByCode() {
        LoginServiceTest.service(LoginServiceTest.mwaaFails(429, "ThrottlingException"))
                .answer(LoginServiceTest.request("GET", "/login", null, null, null), context.invocation());
        assertEquals(1.0, EmbeddedMetrics.value(onlyLine(), "MwaaErrors", Map.of("Code", "Throttled")));
    }

    @Test
    void theLineIsPlainJsonOnOneLine() {
        LoginServiceTest.service(LoginServiceTest.mwaaAnswers(LoginServiceTest.HOST, LoginServiceTest.TOKEN))
                .answer(LoginServiceTest.request("GET", "/login", null, "json", null), context.invocation());
        String line = LoginServiceTest.METRICS.get(0);
        assertTrue(line.startsWith("{\"_aws\":{") && !line.contains("\n"), line);
        assertFalse(line.contains(LoginServiceTest.TOKEN) || line.contains(LoginServiceTest.HOST), line);
    }
}
