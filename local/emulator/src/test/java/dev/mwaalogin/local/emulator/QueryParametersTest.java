package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    private static HttpRequest request(String method, String query, String contentType, String body) {
        List<HttpRequest.Header> headers = contentType == null ? List.of()
                : List.of(new HttpRequest.Header("Content-Type", contentType));
        return new HttpRequest("id", method, "/", query, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void formBodiesDecodePlusAsSpaceAndPercentAsUtf8() {
        assertEquals(Map.of("Action", "AssumeRole", "RoleSessionName", "a b+c", "Tags.member.1.Value", "é/x"),
                QueryParameters.parse("Action=AssumeRole&RoleSessionName=a+b%2Bc&&Tags.member.1.Value=%C3%A9%2Fx"));
        assertEquals(Map.of("Flag", ""), QueryParameters.parse("Flag"));
    }

    @Test
    void aMalformedEscapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QueryParameters.parse("RoleArn=%zz"));
    }

    @Test
    void aFormPostOrAnActionInTheQueryIsAQueryCall() {
        HttpRequest form = request("POST", "", "application/x-www-form-urlencoded; charset=utf-8",
                "Action=AssumeRole&Version=2011-06-15");
        assertTrue(QueryParameters.isQueryCall(form));
        assertEquals("AssumeRole", QueryParameters.of(form).get("Action"));

        HttpRequest get = request("GET", "Version=2011-06-15&Action=AssumeRole", null, "");
        assertTrue(QueryParameters.isQueryCall(get));
        assertEquals("2011-06-15", QueryParameters.of(get).get("Version"));

        assertFalse(QueryParameters.isQueryCall(request("POST", "", "application/x-amz-json-1.1", "{}")));
        assertFalse(QueryParameters.isQueryCall(request("GET", "NoAction=1", null, "")));
    }

    @Test
    void aJsonBodyIsNotReadAsAForm() {
        HttpRequest json = request("POST", "Action=AssumeRole", "application/json", "RoleArn=x");
        assertEquals(Map.of("Action", "AssumeRole"), QueryParameters.of(json));
    }
}
