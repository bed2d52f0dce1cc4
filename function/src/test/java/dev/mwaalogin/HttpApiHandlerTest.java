package dev.mwaalogin;

import static dev.mwaalogin.LoginServiceTest.HOST;
import static dev.mwaalogin.LoginServiceTest.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mwaalogin.internal.CannedHttpClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiHandlerTest {

    private final CannedHttpClient mwaa = LoginServiceTest.mwaaAnswers(HOST, TOKEN);
    private final HttpApiHandler handler = new HttpApiHandler(LoginServiceTest.service(mwaa));
    private final TestContext context = new TestContext();

    private static APIGatewayV2HTTPEvent event(String method, String routeKey, String rawPath, String stage,
                                               Map<String, String> pathParameters, Map<String, String> query,
                                               Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(rawPath)
                .withPathParameters(pathParameters).withQueryStringParameters(query).withHeaders(headers)
                .withRequestContext(RequestContext.builder().withStage(stage)
                        .withHttp(RequestContext.Http.builder().withMethod(method).withPath(rawPath).build()).build())
                .build();
    }

    @Test
    void aMatchedRouteAndItsPathParameterDecide() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "ANY /login/{environment}",
                "/login/analytics", "$default", Map.of("environment", "analytics"), Map.of("format", "json"),
                Map.of("accept", "*/*")), context);
        assertEquals(200, response.getStatusCode());
        assertFalse(response.getIsBase64Encoded());
        assertTrue(response.getBody().contains("\"environment\":\"analytics\""), response.getBody());
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
    }

    @Test
    void withoutARouteTheRawPathIsUsedWithoutItsStage() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "$default", "/prod/login", "prod",
                null, null, null), context);
        assertEquals(302, response.getStatusCode());
        assertTrue(response.getHeaders().get("Location").startsWith("https://" + HOST + "/"));
    }

    @Test
    void theAcceptHeaderIsRead() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "ANY /login", "/login", "$default",
                null, null, Map.of("accept", "application/json")), context);
        assertEquals(200, response.getStatusCode());
    }

    @Test
    void headIs405() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("HEAD", "ANY /login", "/login", "$default",
                null, null, null), context);
        assertEquals(405, response.getStatusCode());
        assertEquals("GET", response.getHeaders().get("Allow"));
        assertEquals(0, mwaa.calls());
    }

    @Test
    void emptyOrNullEventsAreAnsweredNotThrown() {
        assertEquals(404, handler.handleRequest(null, context).getStatusCode());
        assertEquals(404, handler.handleRequest(new APIGatewayV2HTTPEvent(), context).getStatusCode());
        APIGatewayV2HTTPEvent noContext = APIGatewayV2HTTPEvent.builder().withRawPath("/login").build();
        assertEquals(405, handler.handleRequest(noContext, context).getStatusCode());
        assertEquals(0, mwaa.calls());
    }
}
