package dev.mwaalogin.local.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.mwaalogin.local.fuzz.FuzzStandIns.Counts;
import dev.mwaalogin.internal.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cross-check's rewrite rules, one by one, and its writer, which must give back exactly what it was given. */
class RuntimeLeniencyTest {

    private static final EventSchema HTTP = EventSchema.of(APIGatewayV2HTTPEvent.class);
    private static final EventSchema REST = EventSchema.of(APIGatewayProxyRequestEvent.class);

    @Test
    void eventsOfApiGatewaysTypesNeedNoRewrite() {
        assertNull(rewrite(HTTP, "{\"rawPath\":\"/login\",\"headers\":{\"a\":\"b\",\"n\":5,\"t\":true,\"x\":null},"
                + "\"cookies\":[\"a=b\",null],\"isBase64Encoded\":false,"
                + "\"requestContext\":{\"timeEpoch\":1741806251000,"
                + "\"authorizer\":{\"lambda\":{\"n\":[1,{\"o\":1.5}]}}},\"unknown\":[{}]}"));
        assertNull(rewrite(REST, "{\"multiValueHeaders\":{\"a\":[\"b\",null],\"c\":null},\"isBase64Encoded\":null,"
                + "\"requestContext\":{\"requestTimeEpoch\":-0,\"authorizer\":{\"claims\":{\"g\":[\"a\",\"b\"]}}}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "null | {}",
        "[{\"rawPath\":\"/x\"}] | {}",
        "{\"rawPath\":5} | {\"rawPath\":null}",
        "{\"rawPath\":[\"/x\"]} | {\"rawPath\":null}",
        "{\"headers\":{\"g\":[\"a\",5,\"b\\u00e9\"]}} | {\"headers\":{\"g\":\"[\\\"a\\\",\\\"b\\u00e9\\\"]\"}}",
        "{\"headers\":{\"o\":{},\"k\":\"v\"}} | {\"headers\":{\"k\":\"v\"}}",
        "{\"cookies\":\"a\"} | {\"cookies\":null}",
        "{\"cookies\":[1,\"a\",false]} | {\"cookies\":[null,\"a\",null]}",
        "{\"isBase64Encoded\":\"true\"} | {\"isBase64Encoded\":null}",
        "{\"requestContext\":{\"timeEpoch\":1.5e3,\"http\":[{\"method\":\"GET\"}]}} "
                + "| {\"requestContext\":{\"timeEpoch\":null,\"http\":null}}",
        "{\"requestContext\":{\"authorizer\":{\"lambda\":\"x\"}}} "
                + "| {\"requestContext\":{\"authorizer\":{\"lambda\":null}}}",
    })
    void eachRuleRewritesOnlyWhatTheJsonTypeGetsWrong(String json, String rewritten) {
        assertEquals(JsonReader.parse(rewritten), JsonReader.parse(RuntimeLeniency.write(rewrite(HTTP, json))));
    }

    @Test
    void aLoneValueInAMultiValueMapIsSkipped() {
        assertEquals(JsonReader.parse("{\"multiValueHeaders\":{\"b\":[\"y\"]}}"),
                rewrite(REST, "{\"multiValueHeaders\":{\"a\":\"x\",\"b\":[\"y\"]}}"));
    }

    @Test
    void theWriterGivesBackWhatItWasGiven() {
        String json = "{\"a\":[1,-0.5e-3,123456789012345678901234567890,true,null,\"\\u00e9\\ud800\\\"\\\\\\n\"],"
                + "\"b\":{},\"c\":[]}";
        assertEquals(JsonReader.parse(json), JsonReader.parse(RuntimeLeniency.write(JsonReader.parse(json))));
    }

    private static Object rewrite(EventSchema schema, String json) {
        return RuntimeLeniency.rewrite(JsonReader.parse(json), schema, new Counts());
    }
}
