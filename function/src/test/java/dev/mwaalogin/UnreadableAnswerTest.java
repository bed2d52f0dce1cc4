package dev.mwaalogin;

import dev.mwaalogin.priming.CannedHttpClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When MWAA answers something unreadable, the log line still names MWAA's request id for that answer. */
class UnreadableAnswerTest {

    private final TestContext context = new TestContext();

    @ParameterizedTest
    @ValueSource(strings = {"{\"WebToken\":\"eyJ0eXAiOiJK", "not json", "{\"WebToken\":[1,"})
    void theLogLineNamesMwaasRequestIdAndTheAnswerIsAClean502(String body) {
        CannedHttpClient mwaa = new CannedHttpClient(200, Map.of("Content-Type", "application/json",
                "x-amzn-RequestId", "mwaa-req-4"), body);
        LoginResponse response = LoginServiceTest.service(mwaa).answer(
                LoginServiceTest.request("GET", "/login", null, null, null), context.invocation());
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"error\":{\"code\":\"UpstreamUnavailable\""), response.body());
        assertEquals(1, context.lines.size(), context.lines.toString());
        String line = context.lines.get(0);
        assertTrue(line.startsWith("ERROR login status=502 code=UpstreamUnavailable/MWAA/SdkClientException/"), line);
        assertTrue(line.contains(" environment=demo airflowRole=Viewer mwaaRequestId=mwaa-req-4 "), line);
        assertFalse(line.contains("eyJ0eXAiOiJK"), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"WebToken\":\"eyJ0eXAiOiJK"})
    void withoutARequestIdTheLineHasNone(String body) {
        CannedHttpClient mwaa = new CannedHttpClient(200, Map.of("Content-Type", "application/json"), body);
        LoginServiceTest.service(mwaa).answer(LoginServiceTest.request("GET", "/login", null, null, null), context.invocation());
        assertFalse(context.lines.get(0).contains("mwaaRequestId"), context.lines.get(0));
    }
}
