package dev.mwaalogin.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What API Gateway may write down, checked on any resolved template: a response here carries a token, and a request
 * at the sign-in's callback carries the authorization code in its query string, so no stage may trace data or log
 * executions, and no access log format may name a header or the query string.
 */
public final class LoggingChecks {

    private static final Pattern LEAK = Pattern.compile("(?i)\\$request\\.|\\$input\\.|querystring|header|useragent");

    private LoggingChecks() {
    }

    /** No data trace (full request/response logging); access logs name no header or query string. */
    public static List<String> logging(ResolvedTemplate resolved) {
        List<String> violations = new ArrayList<>();
        resolved.ofType("AWS::ApiGateway::Stage").forEach((id, stage) -> {
            for (JsonNode setting : stage.path("Properties").path("MethodSettings")) {
                if (setting.path("DataTraceEnabled").asBoolean(false)) {
                    violations.add(id + ": DataTraceEnabled on " + setting.path("ResourcePath").asText());
                }
                // Execution logging stays OFF, as the template promises: it can record request and response
                // details, and a response here carries a token.
                String level = setting.path("LoggingLevel").asText("OFF");
                if (!level.equals("OFF")) {
                    violations.add(id + ": execution logging " + level + " on "
                            + setting.path("ResourcePath").asText());
                }
            }
            accessLog(id, stage.path("Properties").path("AccessLogSetting").path("Format"), violations);
        });
        resolved.ofType("AWS::ApiGatewayV2::Stage").forEach((id, stage) -> {
            JsonNode properties = stage.path("Properties");
            List<JsonNode> settings = new ArrayList<>(List.of(properties.path("DefaultRouteSettings")));
            properties.path("RouteSettings").forEach(settings::add);
            for (JsonNode setting : settings) {
                if (setting.path("DataTraceEnabled").asBoolean(false)) {
                    violations.add(id + ": DataTraceEnabled");
                }
            }
            accessLog(id, properties.path("AccessLogSettings").path("Format"), violations);
        });
        return violations;
    }

    private static void accessLog(String id, JsonNode format, List<String> violations) {
        Matcher leak = LEAK.matcher(format.asText());
        if (leak.find()) {
            violations.add(id + ": access log format logs " + leak.group());
        }
    }
}
