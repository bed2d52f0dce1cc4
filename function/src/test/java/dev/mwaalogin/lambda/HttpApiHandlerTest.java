package dev.mwaalogin.lambda;

import dev.mwaalogin.LoginServiceTest;
import dev.mwaalogin.TestContext;
import dev.mwaalogin.priming.CannedHttpClient;
import static dev.mwaalogin.LoginServiceTest.HOST;
import static dev.mwaalogin.LoginServiceTest.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpApiHandlerTest {

    private final CannedHttpClient mwaa = LoginServiceTest.mwaaAnswers(HOST, TOKEN);
    private final HttpApiHandler handler = new HttpApiHandler(LoginServiceTest.service(mwaa));
    private final TestContext context = new TestContext();

    /** Invokes the handler with an event and returns the proxy response as parsed JSON. */
    static Map<String, Object> invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler,
                                      String event, TestContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        return JsonReader.object(JsonReader.parse(out.toString(StandardCharsets.UTF_8)));
    }

    static int status(Map<String, Object> response) {
        return Integer.parseInt(((JsonReader.JsonNumber) response.get("statusCode")).text());
    }

    static String header(Map<String, Object> response, String name) {
        return JsonReader.text(response, "headers", name);
    }

    private static String event(String method, String routeKey, String rawPath, String stage, String extra) {
        return "{\"version\":\"2.0\",\"routeKey\":\"" + routeKey + "\",\"rawPath\":\"" + rawPath + "\","
                + "\"requestContext\":{\"stage\":\"" + stage + "\",\"http\":{\"method\":\"" + method + "\",\"path\":\""
                + rawPath + "\"}}" + extra + "}";
    }

    @Test
    void aMatchedRouteAndItsPathParameterDecide() throws IOException {
        Map<String, Object> response = invoke(handler, event("GET", "ANY /login/{environment}", "/login/analytics",
                "$default", ",\"pathParameters\":{\"environment\":\"analytics\"},"
                        + "\"queryStringParameters\":{\"format\":\"json\"},\"headers\":{\"accept\":\"*/*\"}"), context);
        assertEquals(200, status(response));
        assertEquals(Boolean.FALSE, response.get("isBase64Encoded"));
        String body = JsonReader.text(response, "body");
        assertEquals("analytics", JsonReader.text(JsonReader.parse(body), "environment"), body);
        assertEquals("no-store", header(response, "Cache-Control"));
        assertEquals("application/json", header(response, "Content-Type"));
    }

    @Test
    void withoutARouteTheRawPathIsUsedWithoutItsStage() throws IOException {
        Map<String, Object> response = invoke(handler, event("GET", "$default", "/prod/login", "prod", ""), context);
        assertEquals(302, status(response));
        assertEquals("https://" + HOST + "/aws_mwaa/aws-console-sso?login=true#" + TOKEN,
                header(response, "Location"));
        assertEquals("", JsonReader.text(response, "body"));
    }

    @Test
    void theAcceptHeaderIsRead() throws IOException {
        Map<String, Object> response = invoke(handler, event("GET", "ANY /login", "/login", "$default",
                ",\"headers\":{\"accept\":\"application/json\"}"), context);
        assertEquals(200, status(response));
    }

    @Test
    void headIs405() throws IOException {
        Map<String, Object> response = invoke(handler, event("HEAD", "ANY /login", "/login", "$default", ""), context);
        assertEquals(405, status(response));
        assertEquals("GET", header(response, "Allow"));
        assertEquals(0, mwaa.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "null", "[]", "\"text\"", "{\"rawPath\":\"/login\"}",
        "{\"rawPath\":5,\"headers\":[],\"requestContext\":{\"http\":\"GET\"}}"})
    void eventsMissingTheirPartsAreAnsweredNotThrown(String event) throws IOException {
        int status = status(invoke(handler, event, context));
        assertTrue(status == 404 || status == 405, "status " + status);
        assertEquals(0, mwaa.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"rawPath\":\"/login\"", "nul", "{\"a\":\"\u0001\"}", "{} {}"})
    void unreadableEventsAre400(String event) throws IOException {
        Map<String, Object> response = invoke(handler, event, context);
        assertEquals(400, status(response));
        assertTrue(JsonReader.text(response, "body").contains("\"code\":\"BadRequest\""));
        assertEquals("no-store", header(response, "Cache-Control"));
    }
}
