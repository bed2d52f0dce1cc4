package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvokeRestApiInputTest {

    private static InvokeRestApiInput parse(String body) throws ApiException {
        return InvokeRestApiInput.parse(new HttpRequest("test", "POST", "/restapi/demo", "", List.of(),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static ApiException refused(String body) {
        return assertThrows(ApiException.class, () -> parse(body), body);
    }

    @Test
    void theMembersAsAClientSendsThem() throws Exception {
        InvokeRestApiInput input = parse("{\"Path\":\"/dags/example_etl/dagRuns\",\"Method\":\"POST\","
                + "\"QueryParameters\":{\"limit\":30,\"paused\":false,\"tags\":[\"a\",\"b\"],\"none\":null},"
                + "\"Body\":{\"conf\":{}}}");
        assertEquals("/dags/example_etl/dagRuns", input.path());
        assertEquals("POST", input.method());
        assertEquals(Map.of("limit", List.of("30"), "paused", List.of("false"), "tags", List.of("a", "b")),
                input.query());
        assertEquals("{\"conf\":{}}", input.body().toString());
        assertNull(parse("{\"Path\":\"/dags\",\"Method\":\"GET\"}").body());
    }

    @Test
    void pathIsOneTo64Characters() throws Exception {
        assertEquals(64, parse("{\"Path\":\"/" + "d".repeat(63) + "\",\"Method\":\"GET\"}").path().length());
        assertEquals("ValidationException", refused("{\"Path\":\"/" + "d".repeat(64) + "\",\"Method\":\"GET\"}")
                .type());
        ApiException empty = refused("{\"Path\":\"\",\"Method\":\"GET\"}");
        assertEquals("1 validation error detected: Value '' at 'path' failed to satisfy constraint: Member must "
                + "have length greater than or equal to 1", empty.getMessage());
    }

    @Test
    void methodIsOneOfTheModelsFiveExactly() {
        for (String method : new String[] {"HEAD", "get", "OPTIONS", "TRACE"}) {
            ApiException e = refused("{\"Path\":\"/dags\",\"Method\":\"" + method + "\"}");
            assertEquals(400, e.status());
            assertEquals("1 validation error detected: Value '" + method + "' at 'method' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [GET, PUT, POST, PATCH, DELETE]",
                    e.getMessage());
        }
    }

    @Test
    void everyMissingMemberIsNamedAtOnce() {
        ApiException e = refused("{}");
        assertEquals("ValidationException", e.type());
        assertEquals("2 validation errors detected: Value null at 'path' failed to satisfy constraint: Member must "
                + "not be null; Value null at 'method' failed to satisfy constraint: Member must not be null",
                e.getMessage());
    }

    @Test
    void queryParametersAndBodyAreJsonObjects() {
        for (String bad : new String[] {
                "{\"Path\":\"/dags\",\"Method\":\"GET\",\"QueryParameters\":\"limit=1\"}",
                "{\"Path\":\"/dags\",\"Method\":\"GET\",\"QueryParameters\":{\"where\":{\"a\":1}}}",
                "{\"Path\":\"/dags\",\"Method\":\"POST\",\"Body\":[1,2]}",
                "{\"Path\":\"/dags\",\"Method\":\"POST\",\"Body\":\"text\"}"}) {
            assertEquals("ValidationException", refused(bad).type(), bad);
        }
    }

    @Test
    void aBodyThatIsNotAnObjectOrAMemberOfTheWrongTypeIsASerializationError() {
        for (String bad : new String[] {"not json", "[1]", "{\"Path\":\"/dags\"", "{\"Path\":7,\"Method\":\"GET\"}",
                "{\"Path\":\"/dags\",\"Method\":[\"GET\"]}"}) {
            ApiException e = refused(bad);
            assertEquals("SerializationException", e.type(), bad);
            assertEquals(400, e.status());
        }
    }
}
