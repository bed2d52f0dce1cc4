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
        HttpResponse<String> put = http.send("PUT", "/_emulator/faults/demo", "status:503,times=2");
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("application/json", put.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"target\":\"demo\",\"fault\":\"status:503:ServiceUnavailableException,times=2\"}",
                put.body());
        assertEquals(503, login());
        assertEquals("status:503:ServiceUnavailableException,times=1",
                JsonMaps.parse(http.send("GET", "/_emulator/faults/demo", null).body()).get("fault"));
        assertEquals(503, login());
        assertEquals(200, login());
        assertEquals(404, http.send("GET", "/_emulator/faults/demo", null).statusCode());
    }

    @Test
    void whatGetShowsCanBePutBack() throws Exception {
        http.send("PUT", "/_emulator/faults/demo", "throttle,times=3\n");
        String shown = (String) JsonMaps.parse(http.send("GET", "/_emulator/faults/demo", null).body()).get("fault");
        assertEquals("status:429:ThrottlingException,times=3", shown);
        assertEquals(204, http.send("DELETE", "/_emulator/faults/demo", null).statusCode());
        assertEquals(200, http.send("PUT", "/_emulator/faults/demo", shown).statusCode());
        assertEquals(Fault.ErrorStatus.of(429), emu.faults("demo").current().orElseThrow());
    }

    @Test
    void deleteClearsAFault() throws Exception {
        http.send("PUT", "/_emulator/faults/demo", "throttle");
        assertEquals(429, login());
        assertEquals(204, http.send("DELETE", "/_emulator/faults/demo", null).statusCode());
        assertEquals(200, login());

        http.send("PUT", "/_emulator/faults/demo", "latency:1");
        assertEquals(204, http.send("DELETE", "/_emulator/faults", null).statusCode());
        assertTrue(emu.faults("demo").current().isEmpty());
    }

    @Test
    void everyKindIsAccepted() throws Exception {
        for (String spec : new String[] {"latency:5", "hang:5", "reset", "malformed-json", "malformed",
                "throttle,times=1", "status:502:BadGateway"}) {
            assertEquals(200, http.send("PUT", "/_emulator/faults/demo", spec).statusCode(), spec);
        }
    }

    @Test
    void serviceTargetsTakeTheirServicesErrors() throws Exception {
        HttpResponse<String> put = http.send("PUT", "/_emulator/faults/_sts", "throttle,times=1");
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("status:400:Throttling,times=1", JsonMaps.parse(put.body()).get("fault"));
        assertEquals(new Fault.ErrorStatus(400, "Throttling"), emu.faults(MwaaEmulator.STS).current().orElseThrow());
        assertEquals(400, http.send("PUT", "/_emulator/faults/_sts", "status:404").statusCode(),
                "STS has no 404 of its own");
        assertEquals(200, http.send("PUT", "/_emulator/faults/_secretsmanager", "status:404").statusCode());
        assertEquals(200, http.send("PUT", "/_emulator/faults/_getenvironment", "reset").statusCode());
        assertEquals(204, http.send("DELETE", "/_emulator/faults", null).statusCode());
        assertTrue(emu.faults(MwaaEmulator.SECRETS_MANAGER).current().isEmpty());
        assertEquals(404, http.send("PUT", "/_emulator/faults/_nothing", "reset").statusCode());
    }

    @Test
    void badRequestsAreExplained() throws Exception {
        HttpResponse<String> unknown = http.send("PUT", "/_emulator/faults/demo", "explode");
        assertEquals(400, unknown.statusCode());
        assertTrue(((String) JsonMaps.parse(unknown.body()).get("message")).contains("unknown fault kind 'explode'"));
        assertEquals(400, http.send("PUT", "/_emulator/faults/demo", "{\"kind\":\"reset\"}").statusCode(),
                "one syntax: the one --fault takes");
        assertEquals(400, http.send("PUT", "/_emulator/faults/demo", "status:418").statusCode());
        assertEquals(400, http.send("PUT", "/_emulator/faults/demo", "latency:soon").statusCode());
        assertEquals(400, http.send("PUT", "/_emulator/faults/demo", "reset,times=0").statusCode());
        assertTrue(emu.faults("demo").current().isEmpty(), "a refused fault arms nothing");
        assertEquals(404, http.send("PUT", "/_emulator/faults/nope", "reset").statusCode());
        assertEquals(404, http.send("GET", "/_emulator/nothing", null).statusCode());
    }

    @Test
    void hitsAreReadableAndResettable() throws Exception {
        login();
        login();
        assertEquals(Map.of("demo", 2L), JsonMaps.parse(http.send("GET", "/_emulator/hits", null).body()));
        assertEquals(204, http.send("DELETE", "/_emulator/hits", null).statusCode());
        assertEquals(Map.of(), JsonMaps.parse(http.send("GET", "/_emulator/hits", null).body()));
        assertEquals(0, emu.hits("demo"));
    }

    @Test
    void environmentsAndHealthAreListed() throws Exception {
        HttpResponse<String> environments = http.send("GET", "/_emulator/environments", null);
        assertEquals(200, environments.statusCode());
        assertTrue(environments.body().contains("\"v2\":{"), environments.body());
        assertTrue(environments.body().contains("\"airflow.example.test\""));
        assertTrue(environments.body().contains("\"loginPath\":\"/aws_mwaa/aws-console-sso\""));
        Map<String, Object> health = JsonMaps.parse(http.send("GET", "/_emulator/health", null).body());
        assertEquals("ok", health.get("status"));
        assertEquals("123456789012", health.get("account"));
    }
}
