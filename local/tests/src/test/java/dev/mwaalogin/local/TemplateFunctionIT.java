package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.IAM_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.JWT_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.ROOT;
import static dev.mwaalogin.local.template.TemplateFixtures.jwtTranslation;
import static dev.mwaalogin.local.template.TemplateFixtures.iamTranslation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.SamTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The zip functions as deployed: Java 25 with SnapStart (the managed java25 runtime ships an AOT cache of its runtime
 * client and keeps SnapStart; the function compiles for 17, so it runs there unchanged), JSON logs, a timeout with
 * room over MWAA's deadline and inside API Gateway's, handlers that exist; API Gateway invokes only the {@code live} alias (SnapStart does not
 * cover {@code $LATEST}); a changed parameter publishes a new version; and the outputs name what an operator needs.
 */
class TemplateFunctionIT {


    @Test
    void functionsRunJava25WithSnapStartBehindTheLiveAlias() {
        ResolvedTemplate jwt = ResolvedTemplate.of(jwtTranslation(), JWT_MODE);
        Map<String, JsonNode> functions = jwt.ofType("AWS::Lambda::Function");
        assertEquals(Set.of("LoginFunction", "RestLoginFunction"), functions.keySet());
        int maxMwaaTimeoutMs = SamTranslator.parameter(jwtTranslation(), "MwaaTimeoutMs").path("MaxValue").asInt();
        for (Map.Entry<String, JsonNode> entry : functions.entrySet()) {
            JsonNode function = entry.getValue().path("Properties");
            String name = entry.getKey();
            assertEquals("java25", function.path("Runtime").asText(), name);
            assertEquals("PublishedVersions", function.path("SnapStart").path("ApplyOn").asText(), name);
            assertEquals("JSON", function.path("LoggingConfig").path("LogFormat").asText(), name);
            int timeout = function.path("Timeout").asInt();
            assertTrue(timeout * 1000 >= maxMwaaTimeoutMs + 5000,
                    name + ": Timeout leaves margin over MWAA_TIMEOUT_MS");
            assertTrue(timeout <= 20, name + ": Timeout well inside API Gateway's 30 s");
            assertTrue(function.path("MemorySize").asInt() >= 1024, name + ": enough CPU for a Java cold start");
            JsonNode env = function.path("Environment").path("Variables");
            assertEquals("demo", env.path("MWAA_ENVIRONMENT_NAME").asText());
            assertEquals("5000", env.path("MWAA_TIMEOUT_MS").asText());
            assertEquals("User", env.path("AIRFLOW_ROLE").asText());
            assertFalse(env.has("AIRFLOW_BASE_URL"), "an empty base URL is left unset");

            String handler = function.path("Handler").asText();
            String className = handler.substring(0, handler.indexOf("::"));
            Path source = ROOT.resolve("function/src/main/java").resolve(className.replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(source), handler + " names a class that exists: " + source);
        }
        assertEquals("dev.mwaalogin.lambda.HttpApiHandler::handleRequest",
                functions.get("LoginFunction").path("Properties").path("Handler").asText());

        // API Gateway may invoke the `live` alias only, never $LATEST (which SnapStart does not cover).
        Map<String, JsonNode> aliases = jwt.ofType("AWS::Lambda::Alias");
        assertFalse(aliases.isEmpty());
        aliases.values().forEach(alias -> assertEquals("live", alias.path("Properties").path("Name").asText()));
        Map<String, JsonNode> permissions = jwt.ofType("AWS::Lambda::Permission");
        assertFalse(permissions.isEmpty());
        permissions.forEach((id, permission) -> assertTrue(aliases.containsKey(
                refTarget(permission.path("Properties").path("FunctionName").asText())), id + " targets an alias"));
        List<String> uris = new ArrayList<>();
        jwt.resources().values().forEach(resource -> resource.findValues("x-amazon-apigateway-integration")
                .forEach(integration -> uris.add(integration.path("uri").asText())));
        assertEquals(8, uris.size(), uris::toString);
        uris.forEach(uri -> assertTrue(aliases.containsKey(refTarget(uri.replaceAll(".*functions/(.*)/invocations",
                "$1"))), uri + " invokes an alias"));
    }

    @Test
    void everyParameterThatBecomesAnEnvironmentVariablePublishesANewVersion() {
        // SAM hashes the properties as written, so only the version's description can carry parameter values.
        JsonNode resources = jwtTranslation().path("Resources");
        for (String function : List.of("LoginFunction", "RestLoginFunction")) {
            Set<String> referenced = new TreeSet<>();
            resources.path(function).path("Properties").path("Environment").path("Variables")
                    .findValues("Ref").forEach(ref -> referenced.add(ref.asText()));
            // Pseudo parameters (AWS::NoValue, the stack's id in role names) never change within a stack.
            referenced.removeIf(name -> name.startsWith("AWS::"));
            JsonNode version = SamTranslator.versionOf(jwtTranslation(), function);
            String description = version.path("Properties").path("Description").path("Fn::Sub").asText();
            for (String parameter : referenced) {
                assertTrue(description.contains("${" + parameter + "}"),
                        function + "'s VersionDescription covers " + parameter + ": " + description);
            }
            // A new variable is a new line in the description: the count keeps that a decision.
            assertEquals(function.equals("LoginFunction") ? 15 : 13, referenced.size(), referenced::toString);
        }
        Map<String, String> other = new LinkedHashMap<>(JWT_MODE);
        other.put("AllowedEnvironments", "analytics");
        assertNotEquals(ResolvedTemplate.of(jwtTranslation(), JWT_MODE).versionDescription(),
                ResolvedTemplate.of(jwtTranslation(), other).versionDescription());
        assertTrue(ResolvedTemplate.of(jwtTranslation(), JWT_MODE).versionDescription().length() <= 256);
    }

    @Test
    void outputsNameTheLoginUrlTheApiAndTheFunction() {
        ResolvedTemplate iam = ResolvedTemplate.of(iamTranslation(), IAM_MODE);
        JsonNode outputs = iam.template().path("Outputs");
        assertEquals("https://<Ref HttpApi>.execute-api.us-east-1.amazonaws.com/login",
                outputs.path("LoginUrl").path("Value").asText());
        assertEquals("<Ref HttpApi>", outputs.path("HttpApiId").path("Value").asText());
        assertEquals("<Ref LoginFunction>", outputs.path("LoginFunctionName").path("Value").asText());
        assertEquals("<GetAtt LoginFunction.Arn>", outputs.path("LoginFunctionArn").path("Value").asText());
        assertFalse(outputs.has("PrivateRestApiLoginUrl"), "REST outputs only with the REST API");
    }

    /** The logical id in a {@code <Ref Id>} placeholder, or the text itself if it is none. */
    private static String refTarget(String placeholder) {
        Matcher matcher = Pattern.compile("<Ref ([A-Za-z0-9]+)>").matcher(placeholder);
        return matcher.matches() ? matcher.group(1) : placeholder;
    }
}
