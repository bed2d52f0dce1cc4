package dev.mwaalogin.lambda;

import dev.mwaalogin.LoginServiceTest;
import dev.mwaalogin.TestContext;
import dev.mwaalogin.priming.CannedHttpClient;
import static dev.mwaalogin.lambda.HttpApiHandlerTest.header;
import static dev.mwaalogin.lambda.HttpApiHandlerTest.invoke;
import static dev.mwaalogin.lambda.HttpApiHandlerTest.status;
import static dev.mwaalogin.LoginServiceTest.HOST;
import static dev.mwaalogin.LoginServiceTest.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.internal.JsonReader;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestApiHandlerTest {

    private final CannedHttpClient mwaa = LoginServiceTest.mwaaAnswers(HOST, TOKEN);
    private final RestApiHandler handler = new RestApiHandler(LoginServiceTest.service(mwaa));
    private final TestContext context = new TestContext();

    private Map<String, Object> invokeRest(String method, String resource, String path, String extra)
            throws IOException {
        return invoke(handler, "{\"httpMethod\":\"" + method + "\",\"resource\":\"" + resource + "\",\"path\":\""
                + path + "\"" + extra + "}", context);
    }

    @Test
    void theResourceAndPathParameterDecide() throws IOException {
        Map<String, Object> response = invokeRest("GET", "/login/{environment}", "/login/analytics",
                ",\"pathParameters\":{\"environment\":\"analytics\"},\"queryStringParameters\":{\"format\":\"json\"}");
        assertEquals(200, status(response));
        assertTrue(JsonReader.text(response, "body").contains("\"environment\":\"analytics\""));
        assertEquals("no-referrer", header(response, "Referrer-Policy"));
    }

    @Test
    void headersAreMatchedWhateverTheirCase() throws IOException {
        assertEquals(200, status(invokeRest("GET", "/login", "/login", ",\"headers\":{\"ACCEPT\":\"application/json\"}")));
    }

    @Test
    void ofSeveralSpellingsTheFirstWrittenWins() throws IOException {
        assertEquals(200, status(invokeRest("GET", "/login", "/login",
                ",\"headers\":{\"ACCEPT\":\"application/json\",\"Accept\":\"text/html\"}")));
        assertEquals(302, status(invokeRest("GET", "/login", "/login",
                ",\"headers\":{\"Accept\":\"text/html\",\"ACCEPT\":\"application/json\"}")));
        // The lower-case spelling gets no precedence of its own.
        assertEquals(302, status(invokeRest("GET", "/login", "/login",
                ",\"headers\":{\"Accept\":\"text/html\",\"accept\":\"application/json\"}")));
    }

    @Test
    void repeatedAcceptHeadersAreAllSeen() throws IOException {
        // Payload 1.0's headers keeps only the last value; multiValueHeaders has them all.
        assertEquals(200, status(invokeRest("GET", "/login", "/login",
                ",\"headers\":{\"Accept\":\"text/html;q=0.1\"},"
                        + "\"multiValueHeaders\":{\"Accept\":[\"application/json\",\"text/html;q=0.1\"]}")));
        assertEquals(302, status(invokeRest("GET", "/login", "/login",
                ",\"headers\":{\"Accept\":\"application/json\"},"
                        + "\"multiValueHeaders\":{\"accept\":[\"application/json;q=0.1\",\"text/html\"]}")));
    }

    @Test
    void aProxyResourceFallsBackToThePath() throws IOException {
        Map<String, Object> response = invokeRest("GET", "/{proxy+}", "/login", "");
        assertEquals(302, status(response));
        assertEquals("https://" + HOST + "/aws_mwaa/aws-console-sso?login=true#" + TOKEN, header(response, "Location"));
    }

    @Test
    void repeatedFormatParametersAreAllSeen() throws IOException {
        assertEquals(400, status(invokeRest("GET", "/login", "/login",
                ",\"queryStringParameters\":{\"format\":\"json\"},"
                        + "\"multiValueQueryStringParameters\":{\"format\":[\"redirect\",\"json\"]}")));
        assertEquals(302, status(invokeRest("GET", "/login", "/login",
                ",\"multiValueQueryStringParameters\":{\"format\":[null]}")));
        assertEquals(1, mwaa.calls());
    }

    @Test
    void emptyEventsAreAnsweredNotThrown() throws IOException {
        assertEquals(404, status(invoke(handler, "{}", context)));
        assertEquals(400, status(invoke(handler, "", context)));
        assertEquals(0, mwaa.calls());
    }
}
