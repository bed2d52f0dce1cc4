package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@code template.yaml} the way CloudFormation will see it: translated by aws-sam-translator (the library
 * behind the {@code AWS::Serverless-2016-10-31} transform, run offline by {@code sam_translate.py}), then with
 * conditions and intrinsic functions resolved for sample parameter values. It proves least privilege, that no route
 * is open in either auth mode, that data-trace logging is off, the function settings, and that the event fixtures
 * match the template; mutated copies of the template prove that the checks do catch what they look for.
 */
class TemplateIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = projectRoot();
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    private static final Path IMAGE_TEMPLATE = ROOT.resolve("function/image/template.yaml");

    static final String ACCOUNT = "123456789012";
    /** The stack id's UUID in resolved templates; its first group names the per-Airflow-role IAM roles. */
    static final String STACK_UUID = "51af3dc0-da77-11e4-872e-1234567db123";
    static final String REGION = "us-east-1";
    private static final String BASIC_EXECUTION_ROLE =
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-zA-Z][0-9a-zA-Z_-]{0,79}");
    private static final String VPCE = "vpce-0123456789abcdef0";
    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1";

    /** The default: IAM auth, two allow-listed environments, no REST API. */
    private static final Map<String, String> IAM_MODE = Map.of(
            "MwaaEnvironmentName", "demo",
            "AllowedEnvironments", "analytics,reporting");

    /** JWT auth, an empty allow-list, another Airflow role, and the private REST API. */
    private static final Map<String, String> JWT_MODE = Map.of(
            "MwaaEnvironmentName", "demo",
            "AllowedEnvironments", "",
            "AirflowRole", "User",
            "AuthMode", "JWT",
            "JwtIssuer", ISSUER,
            "JwtAudience", "app-client-1,app-client-2",
            "PrivateRestApiVpcEndpointId", VPCE);

    /** The default's settings deployed as the container image (DeploymentType=image). */
    private static final Map<String, String> IMAGE_MODE = Map.of(
            "MwaaEnvironmentName", "demo",
            "AllowedEnvironments", "analytics,reporting",
            "DeploymentType", "image");

    private static JsonNode iamTranslation;
    private static JsonNode jwtTranslation;
    private static JsonNode imageTranslation;

    @BeforeAll
    static void translate() throws Exception {
        iamTranslation = Sam.translate(TEMPLATE, IAM_MODE);
        jwtTranslation = Sam.translate(TEMPLATE, JWT_MODE);
        imageTranslation = Sam.translate(TEMPLATE, IMAGE_MODE);
    }

    @Test
    void cfnLintFindsNothing() throws Exception {
        for (Path template : List.of(TEMPLATE, IMAGE_TEMPLATE)) {
            Sam.Result lint = Sam.run("lint", template.toString());
            assertEquals(0, lint.exitCode(), () -> "cfn-lint " + template + ":\n" + lint.stdout() + lint.stderr());
            assertEquals("", lint.stdout().strip(), "cfn-lint printed findings for " + template);
        }
    }

    // ---- IAM ----

    @Test
    void policyAllowsOnlyCreateWebLoginTokenOnTheDefaultAndAllowListedEnvironments() {
        Resolved iam = Resolved.of(iamTranslation, IAM_MODE);
        assertEquals(List.of(), Checks.policy(iam, expectedArns("Viewer", "demo", "analytics", "reporting")));

        // Empty allow-list: the default environment's ARN alone - no role//User from an empty entry.
        Resolved jwt = Resolved.of(jwtTranslation, JWT_MODE);
        assertEquals(List.of(), Checks.policy(jwt, expectedArns("User", "demo")));
        assertEquals(List.of("arn:aws:airflow:us-east-1:123456789012:role/demo/User"), grantedArns(jwt));
    }

    @Test
    void allowListSlotsSkipEmptyEntriesAndTheDefaultAndReachTen() {
        Map<String, String> params = new LinkedHashMap<>(IAM_MODE);
        params.put("AllowedEnvironments", "demo,analytics");
        assertEquals(List.of("arn:aws:airflow:us-east-1:123456789012:role/demo/Viewer",
                "arn:aws:airflow:us-east-1:123456789012:role/analytics/Viewer"),
                grantedArns(Resolved.of(iamTranslation, params)));

        List<String> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add("env-" + i);
        }
        params.put("AllowedEnvironments", String.join(",", ten));
        params.put("AirflowRole", "Op");
        List<String> all = new ArrayList<>(List.of("demo"));
        all.addAll(ten);
        Resolved resolved = Resolved.of(iamTranslation, params);
        assertEquals(List.of(), Checks.policy(resolved, expectedArns("Op", all.toArray(String[]::new))));
        assertEquals(11, grantedArns(resolved).size());
    }

    @Test
    void allowListParameterRejectsWhatThePolicyCouldNotHonour() {
        Pattern pattern = Pattern.compile(
                Sam.parameter(iamTranslation, "AllowedEnvironments").path("AllowedPattern").asText());
        assertTrue(pattern.matcher("").matches());
        assertTrue(pattern.matcher("analytics,reporting_2,a-b").matches());
        assertFalse(pattern.matcher("analytics, reporting").matches(), "spaces would break the ARNs");
        assertFalse(pattern.matcher("analytics,").matches());
        assertFalse(pattern.matcher("1bad").matches());
        assertFalse(pattern.matcher("a,b,c,d,e,f,g,h,i,j,k").matches(), "11 names but only 10 policy slots");
        assertTrue(Pattern.compile(Sam.parameter(iamTranslation, "MwaaEnvironmentName").path("AllowedPattern")
                .asText()).matcher("demo-env_1").matches());
    }

    /**
     * A value the template lets through must not then fail the function's init: a deploy would succeed and every
     * login fail. Each sample is tried against the parameter's AllowedPattern and MaxLength and against Config.
     */
    @Test
    void parameterPatternsAdmitOnlyWhatTheFunctionAccepts() {
        Map<String, List<String>> samples = new LinkedHashMap<>();
        samples.put("AirflowBaseUrl", List.of("", "https://airflow.example.com", "https://airflow.example.com/",
                "https://airflow.example.com:8443/team/", "https://a.example.com/x%20y", "http://airflow.example.com",
                "https://airflow.example.com?x=1", "https://airflow.example.com/#top", "https://user@example.com",
                "https://airflow.example.com/a b", "https://", "https://airflow.example.com/%zz"));
        samples.put("AirflowLoginPath", List.of("/aws_mwaa/aws-console-sso", "/login/sso", "/a%2Fb", "/", "/a//b",
                "/a<b", "/login?x", "/a b", "relative", "/%zz", "/x#y"));
        samples.put("MwaaEnvironmentName", List.of("demo", "MyAirflowEnvironment", "a-b_c", "1bad", "a.b", "",
                "x".repeat(80), "x".repeat(81)));
        samples.put("AirflowRole", List.of("Viewer", "Admin", "Op", "User", "Public", "", "viewer role"));
        Map<String, String> variables = Map.of("AirflowBaseUrl", "AIRFLOW_BASE_URL", "AirflowLoginPath",
                "AIRFLOW_LOGIN_PATH", "MwaaEnvironmentName", "MWAA_ENVIRONMENT_NAME", "AirflowRole", "AIRFLOW_ROLE");
        List<String> admittedButRefused = new ArrayList<>();
        int refusedByBoth = 0;
        for (Map.Entry<String, List<String>> parameter : samples.entrySet()) {
            JsonNode definition = Sam.parameter(iamTranslation, parameter.getKey());
            for (String value : parameter.getValue()) {
                boolean templateAdmits = admits(definition, value);
                boolean functionAccepts = functionAccepts(variables.get(parameter.getKey()), value);
                if (templateAdmits && !functionAccepts) {
                    admittedButRefused.add(parameter.getKey() + "=" + value);
                }
                refusedByBoth += !templateAdmits && !functionAccepts ? 1 : 0;
            }
        }
        assertEquals(List.of(), admittedButRefused);
        assertTrue(refusedByBoth >= 15, "the samples include values both refuse: " + refusedByBoth);
    }

    private static boolean admits(JsonNode parameter, String value) {
        if (parameter.has("AllowedValues")) {
            boolean listed = false;
            for (JsonNode allowed : parameter.path("AllowedValues")) {
                listed |= allowed.asText().equals(value);
            }
            return listed;
        }
        boolean fits = !parameter.has("MaxLength") || value.length() <= parameter.path("MaxLength").asInt();
        return fits && (!parameter.has("AllowedPattern")
                || Pattern.compile(parameter.path("AllowedPattern").asText()).matcher(value).matches());
    }

    private static boolean functionAccepts(String variable, String value) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo",
                "AWS_REGION", "us-east-1"));
        env.put(variable, value);
        try {
            dev.mwaalogin.Config.from(env);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    // ---- routes and their authorizers ----

    @Test
    void everyHttpApiRouteRequiresIamByDefault() {
        Resolved iam = Resolved.of(iamTranslation, IAM_MODE);
        assertEquals(List.of(), Checks.routes(iam, "AWS_IAM"));
        assertEquals(Map.of("ANY /login", "AWS_IAM", "ANY /login/{environment}", "AWS_IAM", "ANY /oauth2/callback",
                "AWS_IAM", "ANY /logout", "AWS_IAM"), Checks.httpRoutes(iam));
    }

    @Test
    void everyHttpApiRouteUsesTheJwtAuthorizerWhenAuthModeIsJwt() {
        Resolved jwt = Resolved.of(jwtTranslation, JWT_MODE);
        assertEquals(List.of(), Checks.routes(jwt, "JWT"));
        assertEquals(Map.of("ANY /login", "JWT", "ANY /login/{environment}", "JWT", "ANY /oauth2/callback", "JWT",
                "ANY /logout", "JWT"), Checks.httpRoutes(jwt));
        JsonNode authorizer = jwt.single("AWS::ApiGatewayV2::Api").path("Properties").path("Body")
                .path("components").path("securitySchemes").path("JwtAuthorizer")
                .path("x-amazon-apigateway-authorizer");
        assertEquals(ISSUER, authorizer.path("jwtConfiguration").path("issuer").asText());
        assertEquals(List.of("app-client-1", "app-client-2"), texts(authorizer.path("jwtConfiguration")
                .path("audience")));
        assertEquals("$request.header.Authorization", authorizer.path("identitySource").asText());
    }

    @Test
    void samCannotPickTheHttpApiAuthorizerFromAParameterSoTheTemplateDoesNotAskItTo() throws Exception {
        // The trap the DefinitionBody avoids, kept honest: if this starts passing, SAM's Auth block could be used.
        String template = "Transform: AWS::Serverless-2016-10-31\n"
                + "Parameters:\n  AuthMode: {Type: String, Default: AWS_IAM}\n"
                + "Resources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      Auth:\n"
                + "        EnableIamAuthorizer: true\n        DefaultAuthorizer: !Ref AuthMode\n";
        Path file = Files.createTempFile("sam-auth-trap", ".yaml");
        try {
            Files.writeString(file, template);
            Sam.Result result = Sam.run("translate", file.toString(), "AuthMode=AWS_IAM");
            assertEquals(2, result.exitCode(), result::stdout);
            assertTrue(result.stderr().contains("Auth.DefaultAuthorizer' should be a string"), result::stderr);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void privateRestApiExistsOnlyWithAnEndpointAndRequiresIamThroughIt() {
        Resolved iam = Resolved.of(iamTranslation, IAM_MODE);
        assertTrue(iam.ofType("AWS::ApiGateway::RestApi").isEmpty(), "no REST API without an endpoint id");
        assertEquals(1, iam.ofType("AWS::Lambda::Function").size());

        Resolved jwt = Resolved.of(jwtTranslation, JWT_MODE);
        JsonNode api = jwt.single("AWS::ApiGateway::RestApi").path("Properties");
        assertEquals(List.of("PRIVATE"), texts(api.path("EndpointConfiguration").path("Types")));
        assertEquals(List.of(VPCE), texts(api.path("EndpointConfiguration").path("VpcEndpointIds")));
        assertEquals(Map.of("ANY /login", "AWS_IAM", "ANY /login/{environment}", "AWS_IAM"), Checks.restRoutes(jwt));

        boolean deniesOtherSources = false;
        for (JsonNode statement : api.path("Body").path("x-amazon-apigateway-policy").path("Statement")) {
            if (statement.path("Effect").asText().equals("Deny")) {
                deniesOtherSources |= statement.path("Condition").path("StringNotEquals").path("aws:SourceVpce")
                        .asText().equals(VPCE);
            } else {
                assertEquals(VPCE, statement.path("Condition").path("StringEquals").path("aws:SourceVpce").asText(),
                        "every Allow is bound to the endpoint");
                assertEquals("arn:aws:iam::" + ACCOUNT + ":root", statement.path("Principal").path("AWS").asText());
            }
        }
        assertTrue(deniesOtherSources, "the resource policy denies every other source");

        JsonNode gatewayResponses = api.path("Body").path("x-amazon-apigateway-gateway-responses");
        for (String type : new String[] {"DEFAULT_4XX", "DEFAULT_5XX"}) {
            JsonNode headers = gatewayResponses.path(type).path("responseParameters");
            assertEquals("'no-store'", headers.path("gatewayresponse.header.Cache-Control").asText(), type);
            assertEquals("'no-cache'", headers.path("gatewayresponse.header.Pragma").asText(), type);
            assertEquals("'no-referrer'", headers.path("gatewayresponse.header.Referrer-Policy").asText(), type);
            assertEquals("'nosniff'", headers.path("gatewayresponse.header.X-Content-Type-Options").asText(), type);
        }

        JsonNode restFunction = jwt.resources().get("RestLoginFunction").path("Properties");
        assertEquals("dev.mwaalogin.RestApiHandler::handleRequest", restFunction.path("Handler").asText());
        assertEquals("prod", jwt.single("AWS::ApiGateway::Stage").path("Properties").path("StageName").asText());
    }

    // ---- logging ----

    @Test
    void dataTraceIsOffAndAccessLogsCarryNoQueryStringOrHeaders() {
        for (Resolved resolved : List.of(Resolved.of(iamTranslation, IAM_MODE), Resolved.of(jwtTranslation,
                JWT_MODE))) {
            assertEquals(List.of(), Checks.logging(resolved));
        }
        Resolved iam = Resolved.of(iamTranslation, IAM_MODE);
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

    // ---- the functions ----

    @Test
    void functionsRunJava21WithSnapStartBehindTheLiveAlias() {
        Resolved jwt = Resolved.of(jwtTranslation, JWT_MODE);
        Map<String, JsonNode> functions = jwt.ofType("AWS::Lambda::Function");
        assertEquals(Set.of("LoginFunction", "RestLoginFunction"), functions.keySet());
        int maxMwaaTimeoutMs = Sam.parameter(jwtTranslation, "MwaaTimeoutMs").path("MaxValue").asInt();
        for (Map.Entry<String, JsonNode> entry : functions.entrySet()) {
            JsonNode function = entry.getValue().path("Properties");
            String name = entry.getKey();
            assertEquals("java21", function.path("Runtime").asText(), name);
            assertEquals("PublishedVersions", function.path("SnapStart").path("ApplyOn").asText(), name);
            assertEquals("JSON", function.path("LoggingConfig").path("LogFormat").asText(), name);
            int timeout = function.path("Timeout").asInt();
            assertTrue(timeout * 1000 >= maxMwaaTimeoutMs + 5000, name + ": Timeout leaves margin over MWAA_TIMEOUT_MS");
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
        assertEquals("dev.mwaalogin.HttpApiHandler::handleRequest",
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
        assertEquals(6, uris.size(), uris::toString);
        uris.forEach(uri -> assertTrue(aliases.containsKey(refTarget(uri.replaceAll(".*functions/(.*)/invocations",
                "$1"))), uri + " invokes an alias"));
    }

    @Test
    void everyParameterThatBecomesAnEnvironmentVariablePublishesANewVersion() {
        // SAM hashes the properties as written, so only the version's description can carry parameter values.
        JsonNode resources = jwtTranslation.path("Resources");
        for (String function : List.of("LoginFunction", "RestLoginFunction")) {
            Set<String> referenced = new TreeSet<>();
            resources.path(function).path("Properties").path("Environment").path("Variables")
                    .findValues("Ref").forEach(ref -> referenced.add(ref.asText()));
            // Pseudo parameters (AWS::NoValue, the stack's id in role names) never change within a stack.
            referenced.removeIf(name -> name.startsWith("AWS::"));
            JsonNode version = versionOf(resources, function);
            String description = version.path("Properties").path("Description").path("Fn::Sub").asText();
            for (String parameter : referenced) {
                assertTrue(description.contains("${" + parameter + "}"),
                        function + "'s VersionDescription covers " + parameter + ": " + description);
            }
            assertEquals(11, referenced.size(), referenced::toString);
        }
        Map<String, String> other = new LinkedHashMap<>(JWT_MODE);
        other.put("AllowedEnvironments", "analytics");
        assertNotEquals(versionDescription(Resolved.of(jwtTranslation, JWT_MODE)),
                versionDescription(Resolved.of(jwtTranslation, other)));
        assertTrue(versionDescription(Resolved.of(jwtTranslation, JWT_MODE)).length() <= 256);
    }

    @Test
    void outputsNameTheLoginUrlTheApiAndTheFunction() {
        Resolved iam = Resolved.of(iamTranslation, IAM_MODE);
        JsonNode outputs = iam.template().path("Outputs");
        assertEquals("https://<Ref HttpApi>.execute-api.us-east-1.amazonaws.com/login",
                outputs.path("LoginUrl").path("Value").asText());
        assertEquals("<Ref HttpApi>", outputs.path("HttpApiId").path("Value").asText());
        assertEquals("<Ref LoginFunction>", outputs.path("LoginFunctionName").path("Value").asText());
        assertEquals("<GetAtt LoginFunction.Arn>", outputs.path("LoginFunctionArn").path("Value").asText());
        assertFalse(outputs.has("PrivateRestApiLoginUrl"), "REST outputs only with the REST API");
    }

    // ---- the container-image deployment ----

    @Test
    void theImageDeploymentServesTheSameRoutesFromTheImageFunctionsAliasWithTheSameRole() {
        Resolved image = Resolved.of(imageTranslation, IMAGE_MODE);
        Resolved zip = Resolved.of(iamTranslation, IAM_MODE);
        assertEquals(Map.of(), image.ofType("AWS::Lambda::Function"), "no zip function beside the image");
        assertEquals(Set.of("LoginImage"), image.ofType("AWS::CloudFormation::Stack").keySet());
        assertFalse(zip.resources().containsKey("LoginImage"), "no image stack for DeploymentType=zip");
        assertEquals(List.of(), Checks.routes(image, "AWS_IAM"));
        assertEquals(List.of(), Checks.policy(image, expectedArns("Viewer", "demo", "analytics", "reporting")));
        assertEquals(List.of(), Checks.logging(image));

        String alias = "<GetAtt LoginImage.Outputs.AliasArn>";
        List<String> uris = new ArrayList<>();
        image.resources().values().forEach(resource -> resource.findValues("x-amazon-apigateway-integration")
                .forEach(integration -> uris.add(integration.path("uri").asText())));
        assertEquals(List.of("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + alias
                + "/invocations"), uris.stream().distinct().toList());
        assertEquals(4, uris.size());
        // The same grants API Gateway has on the zip function's alias, on the image function's.
        assertEquals(sourceArns(zip), sourceArns(image));
        image.ofType("AWS::Lambda::Permission").values().forEach(permission ->
                assertEquals(alias, permission.path("Properties").path("FunctionName").asText()));
        assertEquals("<GetAtt LoginImage.Outputs.FunctionName>",
                image.template().path("Outputs").path("LoginFunctionName").path("Value").asText());
    }

    @Test
    void theImageFunctionIsTheZipFunctionAsAContainerImageBuiltOnlyForDeploymentTypeImage() throws Exception {
        JsonNode zipFunction = Resolved.of(iamTranslation, IAM_MODE).resources().get("LoginFunction")
                .path("Properties");
        Map<String, String> passed = new LinkedHashMap<>();
        Resolved.of(imageTranslation, IMAGE_MODE).resources().get("LoginImage").path("Properties").path("Parameters")
                .fields().forEachRemaining(entry -> passed.put(entry.getKey(), entry.getValue().asText()));
        JsonNode translated = Sam.translate(IMAGE_TEMPLATE, passed);
        Resolved nested = Resolved.of(translated, passed);
        JsonNode function = nested.single("AWS::Lambda::Function").path("Properties");
        assertEquals("Image", function.path("PackageType").asText());
        for (String absent : List.of("Runtime", "Handler", "Layers", "SnapStart")) {
            assertFalse(function.has(absent), absent);
        }
        assertFalse(function.path("Code").path("ImageUri").asText().isEmpty());
        for (String same : List.of("Role", "Environment", "MemorySize", "Timeout", "Architectures", "LoggingConfig")) {
            assertEquals(zipFunction.path(same), function.path(same), same + " as the zip function's");
        }
        assertEquals(List.of(), nested.resources().values().stream().map(r -> r.path("Type").asText())
                .filter(type -> type.startsWith("AWS::IAM::")).toList(), "the image stack grants nothing");
        assertEquals("live", nested.single("AWS::Lambda::Alias").path("Properties").path("Name").asText());
        String description = versionOf(translated.path("Resources"), nested.ofType("AWS::Lambda::Function").keySet()
                .iterator().next()).path("Properties").path("Description").path("Fn::Sub").asText();
        for (String parameter : List.of("MwaaEnvironmentName", "AllowedEnvironments", "AirflowRole", "DefaultResponse",
                "MwaaTimeoutMs", "AirflowBaseUrl", "AirflowLoginPath")) {
            assertTrue(description.contains("${" + parameter + "}"), "VersionDescription covers " + parameter);
        }

        // What `sam build` reads (it evaluates no Condition): the Dockerfile, and SkipBuild unless DeploymentType=image.
        JsonNode metadata = nested.resources().values().stream().filter(r -> r.has("Metadata")).findFirst()
                .orElseThrow().path("Metadata");
        Path context = IMAGE_TEMPLATE.getParent().resolve(metadata.path("DockerContext").asText()).normalize();
        assertEquals(ROOT.resolve("function"), context);
        assertTrue(Files.isRegularFile(context.resolve(metadata.path("Dockerfile").asText())));
        assertFalse(metadata.path("SkipBuild").asBoolean(true));
        passed.put("DeploymentType", "zip");
        JsonNode zipMetadata = Resolved.of(translated, passed).resources().values().stream()
                .filter(r -> r.has("Metadata")).findFirst().orElseThrow().path("Metadata");
        assertTrue(zipMetadata.path("SkipBuild").asBoolean(false), "no image build, so no Docker, for zip");
    }

    private static List<String> sourceArns(Resolved resolved) {
        return resolved.ofType("AWS::Lambda::Permission").values().stream()
                .map(permission -> permission.path("Properties").path("SourceArn").asText()).sorted().toList();
    }

    // ---- events/ ----

    @Test
    void eventFilesAreApiGatewayEventsForTheTemplatesRoutes() throws IOException {
        Resolved jwt = Resolved.of(jwtTranslation, JWT_MODE);
        Set<String> httpRoutes = Checks.httpRoutes(jwt).keySet();
        Set<String> restResources = Checks.restRoutes(jwt).keySet().stream()
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
                event.path("headers").fields().forEachRemaining(header -> assertEquals(
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
        JsonNode resources = jwtTranslation.path("Resources");
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

    // ---- the checks catch what they look for ----

    @Test
    void checksRejectAWildcardActionOrResource(@TempDir Path dir) throws Exception {
        Path wildcardAction = mutate(dir, "Action: airflow:CreateWebLoginToken", "Action: \"airflow:*\"");
        List<String> violations = Checks.policy(Resolved.of(Sam.translate(wildcardAction, IAM_MODE), IAM_MODE),
                expectedArns("Viewer", "demo", "analytics", "reporting"));
        assertTrue(violations.stream().anyMatch(v -> v.contains("airflow:*")), violations::toString);

        Path anyEnvironment = mutate(dir, "role/${MwaaEnvironmentName}/${AirflowRole}", "role/*/${AirflowRole}");
        violations = Checks.policy(Resolved.of(Sam.translate(anyEnvironment, IAM_MODE), IAM_MODE),
                expectedArns("Viewer", "demo", "analytics", "reporting"));
        assertTrue(violations.stream().anyMatch(v -> v.contains("role/*/Viewer")), violations::toString);
    }

    @Test
    void checksRejectARouteWithoutAnAuthorizer(@TempDir Path dir) throws Exception {
        Path openRoute = mutate(dir, "        LoginNamedEnvironment:\n          Type: HttpApi\n",
                "        Open:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref HttpApi\n"
                        + "            Path: /open\n            Method: GET\n"
                        + "        LoginNamedEnvironment:\n          Type: HttpApi\n");
        List<String> violations = Checks.routes(Resolved.of(Sam.translate(openRoute, IAM_MODE), IAM_MODE), "AWS_IAM");
        assertEquals(List.of("HTTP API HttpApi route GET /open: authorization NONE, expected AWS_IAM"), violations);

        Path iamOnlyInJwtMode = mutate(dir, "!If [UseJwtAuth, !If [HasJwtScopes, [{JwtAuthorizer: !Ref JwtScopes}], "
                + "[{JwtAuthorizer: []}]], [{AWS_IAM: []}]]", "[{AWS_IAM: []}]");
        violations = Checks.routes(Resolved.of(Sam.translate(iamOnlyInJwtMode, JWT_MODE), JWT_MODE), "JWT");
        assertEquals(4, violations.size(), violations::toString);
    }

    @Test
    void checksRejectDataTraceLogging(@TempDir Path dir) throws Exception {
        Path dataTrace = mutate(dir, "DataTraceEnabled: false", "DataTraceEnabled: true");
        List<String> violations = Checks.logging(Resolved.of(Sam.translate(dataTrace, JWT_MODE), JWT_MODE));
        assertTrue(violations.stream().anyMatch(v -> v.contains("DataTraceEnabled")), violations::toString);

        Path executionLogs = mutate(dir, "LoggingLevel: \"OFF\"", "LoggingLevel: INFO");
        violations = Checks.logging(Resolved.of(Sam.translate(executionLogs, JWT_MODE), JWT_MODE));
        assertTrue(violations.stream().anyMatch(v -> v.contains("execution logging INFO")), violations::toString);
    }

    // ---- helpers ----

    private static Path mutate(Path dir, String from, String to) throws IOException {
        String template = Files.readString(TEMPLATE);
        assertTrue(template.contains(from), "mutation anchor is in template.yaml: " + from);
        Path copy = Files.createTempFile(dir, "template-", ".yaml");
        Files.writeString(copy, template.replace(from, to));
        return copy;
    }

    private static void assertRequest(JsonNode event, String method, String routeKey, String environment,
                                      String format) {
        assertEquals(method, event.path("requestContext").path("http").path("method").asText());
        assertEquals(routeKey, event.path("routeKey").asText());
        assertEquals(environment, event.path("pathParameters").path("environment").textValue());
        assertEquals(format, event.path("queryStringParameters").path("format").textValue());
    }

    static Set<String> expectedArns(String role, String... environments) {
        Set<String> arns = new LinkedHashSet<>();
        for (String environment : environments) {
            arns.add("arn:aws:airflow:" + REGION + ":" + ACCOUNT + ":role/" + environment + "/" + role);
        }
        return arns;
    }

    /** Every ARN some role may call CreateWebLoginToken on. */
    static List<String> grantedArns(Resolved resolved) {
        List<String> arns = new ArrayList<>();
        resolved.ofType("AWS::IAM::Role").values().forEach(role -> role.path("Properties").path("Policies")
                .forEach(policy -> policy.path("PolicyDocument").path("Statement").forEach(statement -> {
                    if (texts(statement.path("Action")).equals(List.of("airflow:CreateWebLoginToken"))) {
                        arns.addAll(texts(statement.path("Resource")));
                    }
                })));
        return arns;
    }

    private static JsonNode versionOf(JsonNode resources, String function) {
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().path("Type").asText().equals("AWS::Lambda::Version")
                    && entry.getValue().path("Properties").path("FunctionName").path("Ref").asText().equals(function)) {
                return entry.getValue();
            }
        }
        throw new AssertionError("no AWS::Lambda::Version for " + function);
    }

    static String versionDescription(Resolved resolved) {
        return resolved.ofType("AWS::Lambda::Version").values().iterator().next().path("Properties")
                .path("Description").asText();
    }

    private static String refTarget(String placeholder) {
        Matcher matcher = Pattern.compile("<Ref ([A-Za-z0-9]+)>").matcher(placeholder);
        return matcher.matches() ? matcher.group(1) : placeholder;
    }

    static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> texts.add(item.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            texts.add(node.asText());
        }
        return texts;
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("function"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    /** The checks, usable on any translated and resolved template, so they can be pointed at mutated copies. */
    static final class Checks {

        private static final Pattern AIRFLOW_ROLE_ARN = Pattern.compile(
                "arn:aws:airflow:" + REGION + ":" + ACCOUNT + ":role/([^/]+)/([^/]+)");
        static final List<String> SESSION_ACTIONS = List.of("sts:AssumeRole", "sts:SetSourceIdentity",
                "sts:TagSession");
        private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
                "patch", "trace", "x-amazon-apigateway-any-method");

        /**
         * Everything the stack lets its code do must be CreateWebLoginToken on exactly these ARNs, plus logs. With
         * RoleMapping the function's role may instead only start sessions in this stack's Airflow roles, each of
         * which trusts only a function's role and mints only for its own Airflow role.
         */
        static List<String> policy(Resolved resolved, Set<String> expectedArns) {
            List<String> violations = new ArrayList<>();
            List<String> granted = new ArrayList<>();
            for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy",
                    "AWS::IAM::User", "AWS::IAM::Group")) {
                resolved.ofType(type).keySet().forEach(id -> violations.add(id + ": unexpected " + type));
            }
            Map<String, JsonNode> roles = resolved.ofType("AWS::IAM::Role");
            Map<String, String> airflowRoleArns = airflowRoleArns(roles);
            for (Map.Entry<String, JsonNode> entry : roles.entrySet()) {
                String id = entry.getKey();
                JsonNode role = entry.getValue().path("Properties");
                String airflowRole = airflowRoleArns.containsKey(id)
                        ? role.path("RoleName").asText().replaceAll("-.*", "") : null;
                for (JsonNode statement : role.path("AssumeRolePolicyDocument").path("Statement")) {
                    JsonNode principal = statement.path("Principal");
                    boolean lambda = texts(principal.path("Service")).equals(List.of("lambda.amazonaws.com"));
                    Matcher trusted = Pattern.compile("<GetAtt (\\w+)\\.Arn>").matcher(principal.path("AWS").asText());
                    boolean byFunctionRole = trusted.matches() && roles.containsKey(trusted.group(1))
                            && !airflowRoleArns.containsKey(trusted.group(1));
                    if (principal.size() != 1 || (airflowRole == null ? !lambda : !byFunctionRole)) {
                        violations.add(id + ": may be assumed by " + principal);
                    }
                }
                for (String managed : texts(role.path("ManagedPolicyArns"))) {
                    if (!managed.equals(BASIC_EXECUTION_ROLE)) {
                        violations.add(id + ": managed policy " + managed);
                    }
                }
                for (JsonNode policy : role.path("Policies")) {
                    for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                        if (!statement.path("Effect").asText().equals("Allow")) {
                            continue;
                        }
                        if (statement.has("NotAction") || statement.has("NotResource")) {
                            violations.add(id + ": NotAction/NotResource grants everything else");
                        }
                        List<String> actions = texts(statement.path("Action"));
                        if (airflowRole == null && actions.equals(List.of("airflow:GetEnvironment"))) {
                            // Read-only, and only the allowed environments: the same names as the grants.
                            for (String resource : texts(statement.path("Resource"))) {
                                String asRole = resource.replaceFirst(":environment/([^/]+)$", ":role/$1/");
                                if (!resource.contains(":environment/") || expectedArns.stream()
                                        .noneMatch(arn -> arn.startsWith(asRole))) {
                                    violations.add(id + ": may read " + resource);
                                }
                            }
                            continue;
                        }
                        if (airflowRole == null && actions.equals(List.of("logs:CreateLogStream",
                                "logs:PutLogEvents"))) {
                            // Only the stack's own log groups (GetAtt of an AWS::Logs::LogGroup it declares).
                            for (String resource : texts(statement.path("Resource"))) {
                                Matcher group = Pattern.compile("<GetAtt (\\w+)\\.Arn>").matcher(resource);
                                if (!group.matches() || !resolved.ofType("AWS::Logs::LogGroup")
                                        .containsKey(group.group(1))) {
                                    violations.add(id + ": may write logs to " + resource);
                                }
                            }
                            continue;
                        }
                        if (airflowRole == null && actions.equals(List.of("secretsmanager:GetSecretValue"))) {
                            Set<String> readable = signInSecrets(resolved);
                            for (String resource : texts(statement.path("Resource"))) {
                                if (!readable.contains(resource)) {
                                    violations.add(id + ": may read the secret " + resource);
                                }
                            }
                            continue;
                        }
                        if (airflowRole == null && actions.equals(SESSION_ACTIONS)) {
                            for (String resource : texts(statement.path("Resource"))) {
                                if (!airflowRoleArns.containsValue(resource)) {
                                    violations.add(id + ": may assume " + resource);
                                }
                            }
                            continue;
                        }
                        if (!actions.equals(List.of("airflow:CreateWebLoginToken"))) {
                            violations.add(id + ": allows " + actions + ", not only airflow:CreateWebLoginToken");
                        }
                        for (String resource : texts(statement.path("Resource"))) {
                            granted.add(resource);
                            Matcher arn = AIRFLOW_ROLE_ARN.matcher(resource);
                            if (!arn.matches() || !expectedArns.contains(resource)
                                    || (airflowRole != null && !arn.group(2).equals(airflowRole))) {
                                violations.add(id + ": allows it on " + resource);
                            }
                        }
                    }
                }
            }
            if (!new LinkedHashSet<>(granted).equals(expectedArns)) {
                violations.add("granted " + granted + ", expected " + expectedArns);
            }
            if (new LinkedHashSet<>(granted).size() != granted.size()) {
                violations.add("duplicate ARNs " + granted);
            }
            resolved.ofType("AWS::Lambda::Function").forEach((id, function) -> {
                Matcher getAtt = Pattern.compile("<GetAtt (\\w+)\\.Arn>")
                        .matcher(function.path("Properties").path("Role").asText());
                if (!getAtt.matches() || !roles.containsKey(getAtt.group(1))) {
                    violations.add(id + ": runs with a role this check has not seen: "
                            + function.path("Properties").path("Role"));
                }
            });
            return violations;
        }

        /** The sign-in secret this stack makes (any version suffix) and the OIDC client secret its settings name. */
        static Set<String> signInSecrets(Resolved resolved) {
            Set<String> arns = new TreeSet<>();
            JsonNode secret = resolved.resources().get("SignInSecret");
            if (secret != null) {
                JsonNode properties = secret.path("Properties");
                arns.add("arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:"
                        + properties.path("Name").asText() + "-??????");
                try {
                    JsonNode settings = JSON.readTree(properties.path("GenerateSecretString")
                            .path("SecretStringTemplate").asText());
                    if (!settings.path("clientSecretArn").asText().isEmpty()) {
                        arns.add(settings.path("clientSecretArn").asText());
                    }
                } catch (IOException notJson) {
                    arns.add("<the sign-in secret's settings are not JSON>");
                }
            }
            return arns;
        }

        /** The stack's per-Airflow-role IAM roles (trusted by another role, not by Lambda), by id, with their ARNs. */
        static Map<String, String> airflowRoleArns(Map<String, JsonNode> roles) {
            Map<String, String> arns = new TreeMap<>();
            roles.forEach((id, role) -> {
                JsonNode properties = role.path("Properties");
                if (properties.has("RoleName")) {
                    arns.put(id, "arn:aws:iam::" + ACCOUNT + ":role" + properties.path("Path").asText("/")
                            + properties.path("RoleName").asText());
                }
            });
            return arns;
        }

        /** Every route of every API (and any function URL) needs the expected authorizer; REST is always IAM. */
        static List<String> routes(Resolved resolved, String expectedHttpAuth) {
            List<String> violations = new ArrayList<>();
            resolved.ofType("AWS::ApiGatewayV2::Api").forEach((id, api) -> {
                if (!api.path("Properties").has("Body")) {
                    violations.add("HTTP API " + id + " has no inline definition to check");
                }
                bodyRoutes(api.path("Properties").path("Body")).forEach((route, auth) -> {
                    if (!auth.equals(expectedHttpAuth)) {
                        violations.add("HTTP API " + id + " route " + route + ": authorization " + auth
                                + ", expected " + expectedHttpAuth);
                    }
                });
            });
            resolved.ofType("AWS::ApiGatewayV2::Route").forEach((id, route) -> {
                String auth = route.path("Properties").path("AuthorizationType").asText("NONE");
                if (!auth.equals(expectedHttpAuth)) {
                    violations.add("route " + id + ": authorization " + auth + ", expected " + expectedHttpAuth);
                }
            });
            resolved.ofType("AWS::ApiGateway::RestApi").forEach((id, api) -> {
                JsonNode body = api.path("Properties").path("Body");
                bodyRoutes(body).forEach((route, auth) -> {
                    if (!auth.equals("AWS_IAM")) {
                        violations.add("REST API " + id + " method " + route + ": authorization " + auth);
                    }
                });
                body.findValues("x-amazon-apigateway-integration").forEach(integration -> {
                    if (integration.has("credentials")) {
                        violations.add("REST API " + id + " invokes with credentials "
                                + integration.path("credentials"));
                    }
                });
            });
            resolved.ofType("AWS::ApiGateway::Method").forEach((id, method) -> {
                String auth = method.path("Properties").path("AuthorizationType").asText("NONE");
                if (!auth.equals("AWS_IAM")) {
                    violations.add("REST method " + id + ": authorization " + auth);
                }
            });
            resolved.ofType("AWS::Lambda::Url").forEach((id, url) -> {
                if (!url.path("Properties").path("AuthType").asText().equals("AWS_IAM")) {
                    violations.add("function URL " + id + " is open");
                }
            });
            return violations;
        }

        static Map<String, String> httpRoutes(Resolved resolved) {
            return bodyRoutes(resolved.single("AWS::ApiGatewayV2::Api").path("Properties").path("Body"));
        }

        static Map<String, String> restRoutes(Resolved resolved) {
            return bodyRoutes(resolved.single("AWS::ApiGateway::RestApi").path("Properties").path("Body"));
        }

        /** Route key ("ANY /login") to the authorization type API Gateway's OpenAPI import gives it. */
        private static Map<String, String> bodyRoutes(JsonNode body) {
            Map<String, String> routes = new TreeMap<>();
            body.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                if (HTTP_METHODS.contains(op.getKey())) {
                    String method = op.getKey().equals("x-amazon-apigateway-any-method") ? "ANY"
                            : op.getKey().toUpperCase();
                    routes.put(method + " " + path.getKey(), authorization(body, op.getValue()));
                }
            }));
            return routes;
        }

        /**
         * awsSigv4 security schemes become AWS_IAM, jwt authorizers JWT (x-amazon-apigateway-authtype and
         * x-amazon-apigateway-authorizer in API Gateway's OpenAPI extensions); no security requirement is NONE.
         */
        private static String authorization(JsonNode body, JsonNode operation) {
            if (operation.has("x-amazon-apigateway-auth")) {
                return operation.path("x-amazon-apigateway-auth").path("type").asText().toUpperCase();
            }
            JsonNode security = operation.has("security") ? operation.path("security") : body.path("security");
            if (!security.isArray() || security.isEmpty()) {
                return "NONE";
            }
            Set<String> types = new TreeSet<>();
            for (JsonNode requirement : security) {
                if (requirement.isEmpty()) {
                    types.add("NONE");
                }
                requirement.fieldNames().forEachRemaining(name -> {
                    JsonNode scheme = body.path("components").path("securitySchemes").has(name)
                            ? body.path("components").path("securitySchemes").path(name)
                            : body.path("securityDefinitions").path(name);
                    JsonNode authorizer = scheme.path("x-amazon-apigateway-authorizer");
                    if (scheme.isMissingNode()) {
                        types.add("UNDEFINED " + name);
                    } else if (scheme.path("x-amazon-apigateway-authtype").asText().equals("awsSigv4")) {
                        types.add("AWS_IAM");
                    } else if (authorizer.path("type").asText().equals("jwt")) {
                        boolean configured = !authorizer.path("jwtConfiguration").path("issuer").asText().isEmpty()
                                && !texts(authorizer.path("jwtConfiguration").path("audience")).isEmpty();
                        types.add(configured ? "JWT" : "JWT without issuer or audience");
                    } else {
                        types.add("CUSTOM " + name);
                    }
                });
            }
            return String.join("|", types);
        }

        /** No data trace (full request/response logging); access logs name no header or query string. */
        static List<String> logging(Resolved resolved) {
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
            Matcher leak = Pattern.compile("(?i)\\$request\\.|\\$input\\.|querystring|header|useragent")
                    .matcher(format.asText());
            if (leak.find()) {
                violations.add(id + ": access log format logs " + leak.group());
            }
        }
    }

    /** The translated template with parameters, conditions and intrinsic functions worked out as CloudFormation. */
    record Resolved(JsonNode template, Map<String, JsonNode> resources) {

        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

        static Resolved of(JsonNode translated, Map<String, String> overrides) {
            Map<String, JsonNode> parameters = new LinkedHashMap<>();
            translated.path("Parameters").fields().forEachRemaining(entry -> {
                JsonNode declaration = entry.getValue();
                String value = overrides.containsKey(entry.getKey()) ? overrides.get(entry.getKey())
                        : declaration.has("Default") ? declaration.path("Default").asText() : null;
                if (value == null) {
                    throw new IllegalArgumentException("no value for parameter " + entry.getKey());
                }
                if (declaration.path("Type").asText().equals("CommaDelimitedList")) {
                    ArrayNode list = NODES.arrayNode();
                    for (String item : value.split(",", -1)) {
                        list.add(item);
                    }
                    parameters.put(entry.getKey(), list);
                } else {
                    parameters.put(entry.getKey(), TextNode.valueOf(value));
                }
            });
            overrides.keySet().forEach(name -> {
                if (!parameters.containsKey(name)) {
                    throw new IllegalArgumentException("template has no parameter " + name);
                }
            });
            Evaluator evaluator = new Evaluator(translated, parameters);
            Map<String, JsonNode> resources = new TreeMap<>();
            translated.path("Resources").fields().forEachRemaining(entry -> {
                JsonNode condition = entry.getValue().path("Condition");
                if (condition.isMissingNode() || evaluator.condition(condition.asText())) {
                    resources.put(entry.getKey(), evaluator.resolve(entry.getValue()));
                }
            });
            ObjectNode template = NODES.objectNode();
            ObjectNode outputs = template.putObject("Outputs");
            translated.path("Outputs").fields().forEachRemaining(entry -> {
                JsonNode condition = entry.getValue().path("Condition");
                if (condition.isMissingNode() || evaluator.condition(condition.asText())) {
                    outputs.set(entry.getKey(), evaluator.resolve(entry.getValue()));
                }
            });
            return new Resolved(template, resources);
        }

        Map<String, JsonNode> ofType(String type) {
            Map<String, JsonNode> found = new TreeMap<>();
            resources.forEach((id, resource) -> {
                if (resource.path("Type").asText().equals(type)) {
                    found.put(id, resource);
                }
            });
            return found;
        }

        JsonNode single(String type) {
            Map<String, JsonNode> found = ofType(type);
            assertEquals(1, found.size(), () -> "one " + type + ": " + found.keySet());
            return found.values().iterator().next();
        }
    }

    /**
     * CloudFormation's intrinsic functions over a template. References to resources resolve to placeholders
     * ({@code <Ref Id>}, {@code <GetAtt Id.Attr>}); {@code Fn::Select} out of range fails, as it does in a stack.
     */
    static final class Evaluator {

        private static final Map<String, String> PSEUDO = Map.of(
                "AWS::Region", REGION, "AWS::AccountId", ACCOUNT, "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com", "AWS::StackName", "mwaa-login",
                "AWS::StackId", "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/mwaa-login/" + STACK_UUID);
        private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

        private final JsonNode template;
        private final Map<String, JsonNode> parameters;
        private final Map<String, Boolean> conditions = new LinkedHashMap<>();

        Evaluator(JsonNode template, Map<String, JsonNode> parameters) {
            this.template = template;
            this.parameters = parameters;
        }

        boolean condition(String name) {
            Boolean known = conditions.get(name);
            if (known == null) {
                JsonNode definition = template.path("Conditions").path(name);
                if (definition.isMissingNode()) {
                    throw new IllegalArgumentException("no condition " + name);
                }
                known = resolve(definition).asBoolean();
                conditions.put(name, known);
            }
            return known;
        }

        JsonNode resolve(JsonNode node) {
            if (node.isObject() && node.size() == 1) {
                String key = node.fieldNames().next();
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return intrinsic(key, node.get(key));
                }
            }
            if (node.isObject()) {
                ObjectNode resolved = JsonNodeFactory.instance.objectNode();
                node.fields().forEachRemaining(entry -> {
                    JsonNode value = resolve(entry.getValue());
                    if (!value.isMissingNode()) {
                        resolved.set(entry.getKey(), value);
                    }
                });
                return resolved;
            }
            if (node.isArray()) {
                ArrayNode resolved = JsonNodeFactory.instance.arrayNode();
                node.forEach(item -> {
                    JsonNode value = resolve(item);
                    if (!value.isMissingNode()) {
                        resolved.add(value);
                    }
                });
                return resolved;
            }
            return node;
        }

        private JsonNode intrinsic(String function, JsonNode args) {
            switch (function) {
                case "Ref":
                    return ref(args.asText());
                case "Condition":
                    return BooleanNode.valueOf(condition(args.asText()));
                case "Fn::GetAtt":
                    return TextNode.valueOf("<GetAtt " + (args.isArray() ? args.get(0).asText() + "."
                            + args.get(1).asText() : args.asText()) + ">");
                case "Fn::If":
                    return resolve(condition(args.get(0).asText()) ? args.get(1) : args.get(2));
                case "Fn::Equals":
                    return BooleanNode.valueOf(resolve(args.get(0)).equals(resolve(args.get(1))));
                case "Fn::Not":
                    return BooleanNode.valueOf(!resolve(args.get(0)).asBoolean());
                case "Fn::And": {
                    boolean all = true;
                    for (JsonNode arg : args) {
                        all &= resolve(arg).asBoolean();
                    }
                    return BooleanNode.valueOf(all);
                }
                case "Fn::Or": {
                    boolean any = false;
                    for (JsonNode arg : args) {
                        any |= resolve(arg).asBoolean();
                    }
                    return BooleanNode.valueOf(any);
                }
                case "Fn::Join": {
                    List<String> parts = new ArrayList<>();
                    resolve(args.get(1)).forEach(part -> parts.add(part.asText()));
                    return TextNode.valueOf(String.join(args.get(0).asText(), parts));
                }
                case "Fn::Split": {
                    ArrayNode parts = JsonNodeFactory.instance.arrayNode();
                    for (String part : resolve(args.get(1)).asText().split(Pattern.quote(args.get(0).asText()), -1)) {
                        parts.add(part);
                    }
                    return parts;
                }
                case "Fn::Select": {
                    int index = resolve(args.get(0)).asInt();
                    JsonNode list = resolve(args.get(1));
                    if (index < 0 || index >= list.size()) {
                        throw new IllegalStateException("Fn::Select index " + index + " out of range of " + list);
                    }
                    return list.get(index);
                }
                case "Fn::Sub":
                    return sub(args.isArray() ? args.get(0).asText() : args.asText(),
                            args.isArray() ? args.get(1) : MissingNode.getInstance());
                default:
                    throw new UnsupportedOperationException(function + " is not evaluated by this test");
            }
        }

        private JsonNode ref(String name) {
            if (name.equals("AWS::NoValue")) {
                return MissingNode.getInstance();
            }
            if (PSEUDO.containsKey(name)) {
                return TextNode.valueOf(PSEUDO.get(name));
            }
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            if (template.path("Resources").has(name)) {
                return TextNode.valueOf("<Ref " + name + ">");
            }
            throw new IllegalArgumentException("Ref to unknown " + name);
        }

        private JsonNode sub(String text, JsonNode variables) {
            Matcher matcher = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(2);
                String value;
                if (!matcher.group(1).isEmpty()) {
                    value = "${" + name + "}";
                } else if (variables.has(name)) {
                    value = resolve(variables.get(name)).asText();
                } else if (name.contains(".")) {
                    value = "<GetAtt " + name + ">";
                } else {
                    JsonNode resolved = ref(name);
                    if (!resolved.isValueNode()) {
                        throw new IllegalStateException("Fn::Sub of a list: " + name);
                    }
                    value = resolved.asText();
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
    }

    /** Runs {@code sam_translate.py} (aws-sam-translator and cfn-lint) with the machine's python3. */
    static final class Sam {

        record Result(int exitCode, String stdout, String stderr) {
        }

        static JsonNode translate(Path template, Map<String, String> parameters) throws Exception {
            List<String> args = new ArrayList<>(List.of("translate", template.toString()));
            parameters.forEach((name, value) -> args.add(name + "=" + value));
            Result result = run(args.toArray(String[]::new));
            if (result.exitCode() != 0) {
                throw new AssertionError("sam_translate.py " + args + " exited " + result.exitCode() + ":\n"
                        + result.stderr());
            }
            return JSON.readTree(result.stdout());
        }

        static JsonNode parameter(JsonNode translated, String name) {
            return translated.path("Parameters").path(name);
        }

        static Result run(String... args) throws IOException, InterruptedException, URISyntaxException {
            Path script = Path.of(TemplateIT.class.getResource("/sam_translate.py").toURI());
            List<String> command = new ArrayList<>(List.of(System.getProperty("python", "python3"),
                    script.toString()));
            command.addAll(List.of(args));
            Path out = Files.createTempFile("sam-translate", ".out");
            Path err = Files.createTempFile("sam-translate", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not finish in 180 s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }
}
