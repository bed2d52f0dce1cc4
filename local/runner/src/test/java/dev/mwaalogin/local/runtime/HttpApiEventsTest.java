package dev.mwaalogin.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode event(Map<String, List<String>> headers, String apiId) throws Exception {
        return JSON.readTree(HttpApiEvents.event("GET", "/oauth2/callback", "code=a%2Bb&state=s", headers, null,
                "GET /oauth2/callback", null, "127.0.0.1", apiId));
    }

    @Test
    void theBrowsersCookieHeaderBecomesTheCookiesArray() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:3000"));
        headers.put("Cookie", List.of("__Host-a=1; __Host-b=x=y; ", "c=3"));
        JsonNode event = event(headers, "a1b2c3d4e5");
        assertEquals(List.of("__Host-a=1", "__Host-b=x=y", "c=3"),
                JSON.convertValue(event.path("cookies"), List.class));
        assertTrue(event.path("headers").path("cookie").isMissingNode(), "not also a header, as in API Gateway");
        assertEquals("a+b", event.path("queryStringParameters").path("code").asText());
    }

    @Test
    void theRequestContextIsShapedAsApiGatewayFillsIt() throws Exception {
        JsonNode context = event(Map.of("Host", List.of("127.0.0.1:3000")), "a1b2c3d4e5").path("requestContext");
        assertEquals("a1b2c3d4e5", context.path("apiId").asText());
        assertEquals("127.0.0.1", context.path("domainName").asText(), "the domain, without the port");
        assertEquals("127", context.path("domainPrefix").asText());
        assertTrue(context.path("requestId").asText().matches("[A-Za-z0-9+/]{15}="), context.path("requestId")
                .asText());
        assertNotEquals(context.path("requestId").asText(), event(Map.of(), "a1b2c3d4e5").path("requestContext")
                .path("requestId").asText());
        assertTrue(HttpApiEvents.newApiId().matches("[a-z0-9]{10}"));
        assertEquals("[::1]", HttpApiEvents.hostName("[::1]:3000"));
        assertEquals("localhost", HttpApiEvents.hostName("localhost"));
    }

    @Test
    void theAnswersCookiesAreReadApartFromItsHeaders() throws Exception {
        HttpApiEvents.Answer answer = HttpApiEvents.answer("{\"statusCode\":302,\"headers\":{\"Location\":\"/x\"},"
                + "\"cookies\":[\"__Host-s=v; Path=/; Secure; HttpOnly; SameSite=Lax\",\"__Host-f=; Max-Age=0\"]}");
        assertEquals(302, answer.status());
        assertEquals(List.of("__Host-s=v; Path=/; Secure; HttpOnly; SameSite=Lax", "__Host-f=; Max-Age=0"),
                answer.cookies());
        assertEquals("", new String(answer.body(), StandardCharsets.UTF_8));
    }
}
