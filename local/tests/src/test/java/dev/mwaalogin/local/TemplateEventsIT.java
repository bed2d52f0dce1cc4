package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.ResolvedTemplate.texts;
import static dev.mwaalogin.local.template.TemplateFixtures.JWT_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.ROOT;
import static dev.mwaalogin.local.template.TemplateFixtures.jwtTranslation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.RouteChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fixtures in {@code events/} agree with the template: each sample event is an API Gateway event (HTTP API
 * payload 2.0 or REST) for one of the template's routes and stages, shaped as API Gateway sends it, and
 * {@code env.json} (what {@code sam local} and the local tools read) is keyed by the template's functions and sets
 * only variables they define. {@code EventsIT} then runs the same events through the function.
 */
class TemplateEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-zA-Z][0-9a-zA-Z_-]{0,79}");


    @Test
    void eventFilesAreApiGatewayEventsForTheTemplatesRoutes() throws IOException {
        ResolvedTemplate jwt = ResolvedTemplate.of(jwtTranslation(), JWT_MODE);
        Set<String> httpRoutes = RouteChecks.httpRoutes(jwt).keySet();
        Set<String> restResources = RouteChecks.restRoutes(jwt).keySet().stream()
                .map(route -> route.substring(route.indexOf(' ') + 1)).collect(Collectors.toSet());
        String restStage = jwt.single("AWS::ApiGateway::Stage").path("Properties").path("StageName").asText();

        Map<String, JsonNode> events = new TreeMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                events.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        }
        for (String expected : List.of("http-redirect.json", "http-json.json", "http-json-accept.json",
                "http-named-env.json", "http-not-allowed.json", "http-bad-name.json", "http-head.json",
                "rest-redirect.json", "rest-json.json", "env.json")) {
            assertTrue(events.containsKey(expected), "events/" + expected);
        }
        for (Map.Entry<String, JsonNode> entry : events.entrySet()) {
            String name = entry.getKey();
            JsonNode event = entry.getValue();
            if (name.startsWith("http-")) {
                assertEquals("2.0", event.path("version").asText(), name);
                JsonNode context = event.path("requestContext");
                assertTrue(httpRoutes.contains(event.path("routeKey").asText()), name + " names a template route");
                assertEquals(event.path("routeKey").asText(), context.path("routeKey").asText(), name);
                assertEquals("$default", context.path("stage").asText(), name);
                assertEquals(event.path("rawPath").asText(), context.path("http").path("path").asText(), name);
                JsonNode authorizer = context.path("authorizer");
                if (name.equals("http-no-identity.json")) {
                    assertTrue(authorizer.isMissingNode(), name + " is a hand-made event: no authorizer");
                } else {
                    assertTrue(authorizer.path("iam").path("userArn").asText().startsWith("arn:aws:")
                            || authorizer.path("jwt").path("claims").path("iss").asText().startsWith("https://"),
                            name + " carries the caller an IAM or JWT authorizer vouched for");
                }
                assertTrue(context.path("timeEpoch").isIntegralNumber(), name);
                event.path("headers").fieldNames().forEachRemaining(header ->
                        assertEquals(header.toLowerCase(), header, name + ": HTTP API headers are lower case"));
                assertEquals(event.path("routeKey").asText().contains("{environment}"),
                        event.path("pathParameters").has("environment"), name);
            } else if (name.startsWith("rest-")) {
                assertTrue(restResources.contains(event.path("resource").asText()), name + " names a REST resource");
                assertEquals(restStage, event.path("requestContext").path("stage").asText(), name);
                assertEquals("/" + restStage + event.path("path").asText(),
                        event.path("requestContext").path("path").asText(), name);
                assertTrue(event.path("requestContext").path("identity").path("userArn").asText()
                        .startsWith("arn:aws:"), name);
                event.path("headers").properties().forEach(header -> assertEquals(
                        List.of(header.getValue().asText()), texts(event.path("multiValueHeaders")
                                .path(header.getKey())), name + ": multiValueHeaders match headers"));
            }
        }

        assertRequest(events.get("http-redirect.json"), "GET", "ANY /login", null, null);
        assertTrue(events.get("http-redirect.json").path("headers").path("accept").asText().startsWith("text/html"));
        assertRequest(events.get("http-json.json"), "GET", "ANY /login", null, "json");
        assertEquals("format=json", events.get("http-json.json").path("rawQueryString").asText());
        assertRequest(events.get("http-json-accept.json"), "GET", "ANY /login", null, null);
        assertEquals("application/json", events.get("http-json-accept.json").path("headers").path("accept").asText());
        assertRequest(events.get("http-named-env.json"), "GET", "ANY /login/{environment}", "analytics", null);
        assertRequest(events.get("http-not-allowed.json"), "GET", "ANY /login/{environment}", "not-allowed-env",
                null);
        String badName = events.get("http-bad-name.json").path("pathParameters").path("environment").asText();
        assertFalse(ENVIRONMENT_NAME.matcher(badName).matches(), badName);
        assertRequest(events.get("http-head.json"), "HEAD", "ANY /login", null, null);
        assertEquals("GET", events.get("rest-redirect.json").path("httpMethod").asText());
        assertEquals("json", events.get("rest-json.json").path("queryStringParameters").path("format").asText());
        assertTrue(events.get("rest-redirect.json").path("queryStringParameters").isNull());
    }

    @Test
    void envJsonIsKeyedByTheTemplatesFunctionsAndSetsTheirVariables() throws IOException {
        JsonNode env = JSON.readTree(ROOT.resolve("events/env.json").toFile());
        JsonNode resources = jwtTranslation().path("Resources");
        Iterator<String> functions = env.fieldNames();
        assertTrue(functions.hasNext());
        while (functions.hasNext()) {
            String function = functions.next();
            JsonNode variables = resources.path(function).path("Properties").path("Environment").path("Variables");
            assertFalse(variables.isMissingNode(), function + " is a function of the template");
            // LOCAL_AIRFLOW_VERSIONS is the local emulator's own (which Airflow each environment runs); the local
            // tools take it out before the function starts, and sam local ignores it.
            env.path(function).fieldNames().forEachRemaining(name -> assertTrue(variables.has(name)
                    || name.equals(LocalEmulator.LOCAL_AIRFLOW_VERSIONS), function + " defines " + name
                    + " (sam local sets no others)"));
            assertEquals("demo", env.path(function).path("MWAA_ENVIRONMENT_NAME").asText());
            assertEquals(List.of("demo", "analytics"),
                    List.of(env.path(function).path("ALLOWED_ENVIRONMENTS").asText().split(",")));
        }
    }

    private static void assertRequest(JsonNode event, String method, String routeKey, String environment,
                                      String format) {
        assertEquals(method, event.path("requestContext").path("http").path("method").asText());
        assertEquals(routeKey, event.path("routeKey").asText());
        assertEquals(environment, event.path("pathParameters").path("environment").textValue());
        assertEquals(format, event.path("queryStringParameters").path("format").textValue());
    }
}
