package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.IAM_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.JWT_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.jwtTranslation;
import static dev.mwaalogin.local.template.TemplateFixtures.iamTranslation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.template.LoggingChecks;
import dev.mwaalogin.local.template.ResolvedTemplate;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What API Gateway logs in both gateway auth modes: no data trace, no REST execution logging, and access logs of
 * JSON lines that say who called which route with what outcome but hold no query string or header, kept for a
 * limited time; the HTTP API's stage is throttled.
 */
class TemplateLoggingIT {

    private static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void dataTraceIsOffAndAccessLogsCarryNoQueryStringOrHeaders() {
        for (ResolvedTemplate resolved : List.of(ResolvedTemplate.of(iamTranslation(), IAM_MODE),
                ResolvedTemplate.of(jwtTranslation(), JWT_MODE))) {
            assertEquals(List.of(), LoggingChecks.logging(resolved));
        }
        ResolvedTemplate iam = ResolvedTemplate.of(iamTranslation(), IAM_MODE);
        JsonNode stage = iam.single("AWS::ApiGatewayV2::Stage").path("Properties");
        JsonNode format = JSON.createObjectNode();
        try {
            format = JSON.readTree(stage.path("AccessLogSettings").path("Format").asText());
        } catch (IOException e) {
            fail("the access log format is not JSON: " + e);
        }
        for (String field : List.of("requestId", "routeKey", "status", "responseLatency")) {
            assertTrue(format.has(field), "access log has " + field);
        }
        assertTrue(stage.path("AccessLogSettings").path("DestinationArn").asText().contains("HttpApiAccessLogs"));
        JsonNode logGroup = iam.resources().get("HttpApiAccessLogs").path("Properties");
        assertTrue(logGroup.path("RetentionInDays").asInt() > 0, "access logs expire");
        assertTrue(stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asDouble() > 0, "throttled");
    }
}
