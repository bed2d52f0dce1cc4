package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * InvokeRestApi on the wire, signed by the SDK's own signer but sent by a plain HTTP client: what no SDK would send,
 * the protocol headers, and the admin endpoint's view of InvokeRestApi faults and of each environment's Airflow.
 */
class RestApiHttpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST_DAGS = "{\"Path\":\"/dags\",\"Method\":\"GET\"}";

    private MwaaEmulator emu;
    private PlainHttp http;

    @BeforeEach
    void start() {
        // The default key may call InvokeRestApi here, as Op, so plain signed requests reach Airflow.
        emu = MwaaEmulator.builder().environment("demo").airflowRole("Op").registeredRestApi().requestLog(null)
                .build().start();
        http = new PlainHttp(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private HttpResponse<String> invoke(String method, String name, String body) throws Exception {
        return http.sendSigned(method, "/restapi/" + name, "application/json", body, "airflow");
    }

    @Test
    void anAnswerAndARefusalCarryMwaasProtocolHeaders() throws Exception {
        HttpResponse<String> ok = invoke("POST", "demo", LIST_DAGS);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("application/json", ok.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(ok.headers().firstValue("x-amzn-RequestId").isPresent());
        JsonNode answer = JSON.readTree(ok.body());
        assertEquals(200, answer.path("RestApiStatusCode").asInt());
        assertEquals(3, answer.path("RestApiResponse").path("total_entries").asInt());

        HttpResponse<String> notFound = invoke("POST", "demo", "{\"Path\":\"/dags/nope\",\"Method\":\"GET\"}");
        assertEquals(400, notFound.statusCode());
        assertEquals("RestApiClientException", notFound.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        JsonNode error = JSON.readTree(notFound.body());
        assertEquals(404, error.path("RestApiStatusCode").asInt());
        assertFalse(error.has("message"), "the model's RestApiClientException has no message member");
    }

    @Test
    void whatNoSdkSendsIsRefusedAsMwaaRefusesIt() throws Exception {
        HttpResponse<String> get = invoke("GET", "demo", "");
        assertEquals(404, get.statusCode());
        assertEquals("UnknownOperationException", get.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        HttpResponse<String> notJson = invoke("POST", "demo", "Path=/dags&Method=GET");
        assertEquals(400, notJson.statusCode());
        assertEquals("SerializationException", notJson.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        HttpResponse<String> badName = invoke("POST", "9lives", LIST_DAGS);
        assertEquals("ValidationException", badName.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertEquals(0, emu.airflow("demo").requests());
        assertEquals(2, emu.hits(MwaaEmulator.restApi("demo")));
        assertEquals(1, emu.hits(MwaaEmulator.restApi("9lives")));
    }

    @Test
    void theAdminEndpointArmsInvokeRestApiFaultsAndShowsEachAirflow() throws Exception {
        HttpResponse<String> armed = http.send("PUT", "/_emulator/faults/restapi:demo", "airflow:502,times=1");
        assertEquals(200, armed.statusCode(), armed.body());
        assertEquals("{\"target\":\"restapi:demo\",\"fault\":\"airflow:502,times=1\"}", armed.body());
        HttpResponse<String> refused = http.send("PUT", "/_emulator/faults/demo", "airflow:502");
        assertEquals(400, refused.statusCode(), "CreateWebLoginToken has no Airflow answer to fail");

        String trigger = "{\"Path\":\"/dags/example_etl/dagRuns\",\"Method\":\"POST\",\"Body\":{}}";
        HttpResponse<String> failed = invoke("POST", "demo", trigger);
        assertEquals("RestApiServerException", failed.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertEquals(502, JSON.readTree(failed.body()).path("RestApiStatusCode").asInt());
        assertEquals(200, invoke("POST", "demo", trigger).statusCode());

        JsonNode airflow = JSON.readTree(http.send("GET", "/_emulator/airflow/demo", null).body());
        assertEquals(EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION, airflow.path("airflowVersion").asText());
        JsonNode runs = airflow.path("dags").path("example_etl").path("runs");
        assertEquals(1, runs.size());
        assertEquals(EmulatorCredentials.DEFAULT_IAM_IDENTITY, runs.path(0).path("triggeredBy").asText());
        assertTrue(airflow.path("dags").path("example_cleanup").path("paused").asBoolean());
        assertEquals("api.post_dag_run", airflow.path("events").path(0).path("event").asText());
        assertEquals(404, http.send("GET", "/_emulator/airflow/nope", null).statusCode());
        assertEquals(2L, JSON.readTree(http.send("GET", "/_emulator/hits", null).body()).path("restapi:demo")
                .asLong());
    }

    @Test
    void aMalformedAnswerFaultCutsTheBodyOff() throws Exception {
        emu.faults(MwaaEmulator.restApi("demo")).malformedJson().once();
        HttpResponse<String> cut = invoke("POST", "demo", LIST_DAGS);
        assertEquals(200, cut.statusCode());
        assertFalse(cut.body().endsWith("}"), cut.body());
        assertEquals(0, emu.airflow("demo").requests());
    }
}
