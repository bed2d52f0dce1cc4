package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The unsigned {@code /_emulator/} control endpoints, as a person with curl would use them. */
class AdminEndpointIT {

    private MwaaEmulator emu;
    private PlainHttp http;

    @BeforeEach
    void start() {
        emu = MwaaEmulator.builder().environment("demo").environment("v2", "airflow.example.test", "2.9.2")
                .requestLog(null).build().start();
        http = new PlainHttp(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private int login() throws Exception {
        return http.createWebLoginToken("demo", Duration.ofSeconds(10)).statusCode();
    }

    @Test
    void putArmsAFaultForTheGivenNumberOfRequests() throws Exception {
        HttpResponse<String> put = http.send("PUT", "/_emulator/faults/demo",
                "{\"kind\":\"status\",\"status\":503,\"times\":2}");
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(Map.of("kind", "status", "status", 503L, "errorType", "ServiceUnavailableException",
                "remaining", 2L), MiniJson.parseFlatObject(put.body()));
        assertEquals(503, login());
        assertEquals(1L, MiniJson.parseFlatObject(http.send("GET", "/_emulator/faults/demo", null).body())
                .get("remaining"));
        assertEquals(503, login());
        assertEquals(200, login());
        assertEquals(404, http.send("GET", "/_emulator/faults/demo", null).statusCode());
    }

    @Test
    void deleteClearsAFault() throws Exception {
        http.send("PUT", "/_emulator/faults/demo", "{\"kind\":\"throttle\"}");
        assertEquals(429, login());
        assertEquals(204, http.send("DELETE", "/_emulator/faults/demo", null).statusCode());
        assertEquals(200, login());

        http.send("PUT", "/_emulator/faults/demo", "{\"kind\":\"latency\",\"millis\":1}");
        assertEquals(204, http.send("DELETE", "/_emulator/faults", null).statusCode());
        assertTrue(emu.faults("demo").current().isEmpty());
    }

    @Test
    void everyKindIsAccepted() throws Exception {
        for (String spec : new String[] {"{\"kind\":\"latency\",\"millis\":5}", "{\"kind\":\"hang\",\"millis\":5}",
                "{\"kind\":\"reset\"}", "{\"kind\":\"malformed-json\"}", "{\"kind\":\"throttle\",\"times\":1}",
                "{\"kind\":\"status\",\"status\":502,\"errorType\":\"BadGateway\"}"}) {
            assertEquals(200, http.send("PUT", "/_emulator/faults/demo", spec).statusCode(), spec);
        }
    }

    @Test
    void serviceTargetsTakeTheirServicesErrors() throws Exception {
        HttpResponse<String> put = http.send("PUT", "/_emulator/faults/_sts", "{\"kind\":\"throttle\",\"times\":1}");
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(Map.of("kind", "status", "status", 400L, "errorType", "Throttling", "remaining", 1L),
                MiniJson.parseFlatObject(put.body()));
        assertEquals(new Fault.ErrorStatus(400, "Throttling"), emu.faults(MwaaEmulator.STS).current().orElseThrow());
        assertEquals(400, http.send("PUT", "/_emulator/faults/_sts", "{\"kind\":\"status\",\"status\":404}")
                .statusCode(), "STS has no 404 of its own");
        assertEquals(200, http.send("PUT", "/_emulator/faults/_secretsmanager", "{\"kind\":\"status\",\"status\":404}")
                .statusCode());
        assertEquals(200, http.send("PUT", "/_emulator/faults/_getenvironment", "{\"kind\":\"reset\"}").statusCode());
        assertEquals(204, http.send("DELETE", "/_emulator/faults", null).statusCode());
        assertTrue(emu.faults(MwaaEmulator.SECRETS_MANAGER).current().isEmpty());
        assertEquals(404, http.send("PUT", "/_emulator/faults/_nothing", "{\"kind\":\"reset\"}").statusCode());
    }

    @Test
    void badRequestsAreExplained() throws Exception {
        assertEquals(400, http.send("PUT", "/_emulator/faults/demo", "not json").statusCode());
        assertEquals(400, http.send("PUT", "/_emulator/faults/demo", "{\"kind\":\"explode\"}").statusCode());
        assertEquals(400, http.send("PUT", "/_emulator/faults/demo", "{\"kind\":\"status\",\"status\":418}")
                .statusCode());
        assertEquals(404, http.send("PUT", "/_emulator/faults/nope", "{\"kind\":\"reset\"}").statusCode());
        assertEquals(404, http.send("GET", "/_emulator/nothing", null).statusCode());
    }

    @Test
    void hitsAreReadableAndResettable() throws Exception {
        login();
        login();
        assertEquals(Map.of("demo", 2L), MiniJson.parseFlatObject(http.send("GET", "/_emulator/hits", null).body()));
        assertEquals(204, http.send("DELETE", "/_emulator/hits", null).statusCode());
        assertEquals(Map.of(), MiniJson.parseFlatObject(http.send("GET", "/_emulator/hits", null).body()));
        assertEquals(0, emu.hits("demo"));
    }

    @Test
    void environmentsAndHealthAreListed() throws Exception {
        HttpResponse<String> environments = http.send("GET", "/_emulator/environments", null);
        assertEquals(200, environments.statusCode());
        assertTrue(environments.body().contains("\"v2\":{"), environments.body());
        assertTrue(environments.body().contains("\"airflow.example.test\""));
        assertTrue(environments.body().contains("\"loginPath\":\"/aws_mwaa/aws-console-sso\""));
        Map<String, Object> health = MiniJson.parseFlatObject(http.send("GET", "/_emulator/health", null).body());
        assertEquals("ok", health.get("status"));
        assertEquals("123456789012", health.get("account"));
    }
}
