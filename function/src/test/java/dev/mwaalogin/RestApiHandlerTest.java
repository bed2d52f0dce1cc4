package dev.mwaalogin;

import static dev.mwaalogin.LoginServiceTest.HOST;
import static dev.mwaalogin.LoginServiceTest.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.mwaalogin.internal.CannedHttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestApiHandlerTest {

    private final CannedHttpClient mwaa = LoginServiceTest.mwaaAnswers(HOST, TOKEN);
    private final RestApiHandler handler = new RestApiHandler(LoginServiceTest.service(mwaa));
    private final TestContext context = new TestContext();

    private static APIGatewayProxyRequestEvent event(String method, String resource, String path) {
        return new APIGatewayProxyRequestEvent().withHttpMethod(method).withResource(resource).withPath(path);
    }

    @Test
    void theResourceAndPathParameterDecide() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                event("GET", "/login/{environment}", "/login/analytics")
                        .withPathParameters(Map.of("environment", "analytics"))
                        .withQueryStringParameters(Map.of("format", "json")), context);
        assertEquals(200, response.getStatusCode());
        assertFalse(response.getIsBase64Encoded());
        assertTrue(response.getBody().contains("\"environment\":\"analytics\""), response.getBody());
        assertEquals("no-referrer", response.getHeaders().get("Referrer-Policy"));
    }

    @Test
    void headersAreMatchedWhateverTheirCase() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("GET", "/login", "/login")
                .withHeaders(Map.of("ACCEPT", "application/json")), context);
        assertEquals(200, response.getStatusCode());
    }

    @Test
    void aProxyResourceFallsBackToThePath() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("GET", "/{proxy+}", "/login"), context);
        assertEquals(302, response.getStatusCode());
        assertEquals("https://" + HOST + "/aws_mwaa/aws-console-sso?login=true#" + TOKEN,
                response.getHeaders().get("Location"));
    }

    @Test
    void repeatedFormatParametersAreAllSeen() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("GET", "/login", "/login")
                .withQueryStringParameters(Map.of("format", "json"))
                .withMultiValueQueryStringParameters(Map.of("format", List.of("redirect", "json"))), context);
        assertEquals(400, response.getStatusCode());
        APIGatewayProxyResponseEvent withNull = handler.handleRequest(event("GET", "/login", "/login")
                .withMultiValueQueryStringParameters(Map.of("format", Arrays.asList((String) null))), context);
        assertEquals(302, withNull.getStatusCode());
        assertEquals(1, mwaa.calls());
    }

    @Test
    void emptyOrNullEventsAreAnsweredNotThrown() {
        assertEquals(404, handler.handleRequest(null, context).getStatusCode());
        assertEquals(404, handler.handleRequest(new APIGatewayProxyRequestEvent(), context).getStatusCode());
        assertEquals(0, mwaa.calls());
    }
}
