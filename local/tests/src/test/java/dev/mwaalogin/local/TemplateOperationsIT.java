package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.ResolvedTemplate.texts;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.SamTranslator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the template gives an operator: an optional concurrency ceiling, logs the function may write only to its own
 * groups and that outlive the stack (without blocking a stack of the same name later), an optional custom domain (with the sign-in's callback following it), a SnapStart
 * switch, and optional alarms to an SNS topic.
 */
class TemplateOperationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ops-alerts";
    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f";
    private static final Map<String, String> OPERATED = Map.of("MwaaEnvironmentName", "demo",
            "AuthMode", "COGNITO", "CognitoDomainPrefix", "acme-airflow", "ReservedConcurrency", "25",
            "SnapStart", "false", "CustomDomainName", "airflow-login.example.com",
            "CustomDomainCertificateArn", CERTIFICATE, "CustomDomainHostedZoneId", "Z0123456789ABC",
            "AlarmTopicArn", TOPIC);
    private static final Map<String, String> DEFAULTS = Map.of("MwaaEnvironmentName", "demo");

    private static JsonNode operated;
    private static JsonNode defaults;

    @BeforeAll
    static void translate() throws Exception {
        operated = SamTranslator.translate(TEMPLATE, OPERATED);
        defaults = SamTranslator.translate(TEMPLATE, DEFAULTS);
    }

    private static JsonNode function(ResolvedTemplate resolved) {
        return resolved.resources().get("LoginFunction").path("Properties");
    }

    @Test
    void noReservedConcurrencyUnlessOneIsSetAndSnapStartOn() {
        // A reservation by default fails in a new account (Lambda keeps a minimum of unreserved concurrency).
        ResolvedTemplate plain = ResolvedTemplate.of(defaults, DEFAULTS);
        assertFalse(function(plain).has("ReservedConcurrentExecutions"), "no reservation by default");
        assertEquals("PublishedVersions", function(plain).path("SnapStart").path("ApplyOn").asText());
        ResolvedTemplate tuned = ResolvedTemplate.of(operated, OPERATED);
        assertEquals(25, function(tuned).path("ReservedConcurrentExecutions").asInt());
        assertEquals("None", function(tuned).path("SnapStart").path("ApplyOn").asText());
        Pattern allowed = Pattern.compile(SamTranslator.parameter(defaults, "ReservedConcurrency")
                .path("AllowedPattern").asText());
        for (String accepted : List.of("", "1", "10", "999", "1000")) {
            assertTrue(allowed.matcher(accepted).matches(), accepted);
        }
        for (String refused : List.of("0", "1001", "-1", "10.5", " 10", "ten")) {
            assertFalse(allowed.matcher(refused).matches(), refused);
        }
    }

    @Test
    void theFunctionWritesOnlyItsOwnLogGroupsAndTheyOutliveTheStack() {
        ResolvedTemplate resolved = ResolvedTemplate.of(defaults, DEFAULTS);
        JsonNode role = resolved.resources().get("LoginFunctionRole").path("Properties");
        assertFalse(role.has("ManagedPolicyArns"), "no AWSLambdaBasicExecutionRole: it may write any log group");
        JsonNode logs = role.path("Policies").get(0);
        assertEquals("WriteOwnLogs", logs.path("PolicyName").asText());
        assertEquals(List.of("<GetAtt LoginFunctionLogs.Arn>"), texts(logs.path("PolicyDocument")
                .path("Statement").get(0).path("Resource")));
        Map<String, JsonNode> groups = resolved.ofType("AWS::Logs::LogGroup");
        assertEquals(List.of("HttpApiAccessLogs", "LoginFunctionLogs"), List.copyOf(groups.keySet()));
        groups.forEach((id, group) -> {
            assertEquals("Retain", group.path("DeletionPolicy").asText(), id);
            assertEquals("Retain", group.path("UpdateReplacePolicy").asText(), id);
        });
        assertEquals("<Ref LoginFunctionLogs>", function(resolved).path("LoggingConfig").path("LogGroup").asText());
        assertEquals("/aws/lambda/mwaa-login-login-51af3dc0", groups.get("LoginFunctionLogs").path("Properties")
                .path("LogGroupName").asText());
        JsonNode outputs = resolved.template().path("Outputs");
        assertEquals("<Ref LoginFunctionLogs>", outputs.path("FunctionLogGroupName").path("Value").asText());
        assertEquals("<Ref HttpApiAccessLogs>", outputs.path("AccessLogGroupName").path("Value").asText());
    }

    /**
     * Deleted, a stack leaves its log groups behind (kept on purpose) and its sign-in secret in Secrets Manager's
     * recovery window. Deployed again under the same name, it gets a new stack id, and nothing it names may be a name
     * the old stack left behind, or the deploy fails with "already exists".
     */
    @Test
    void aStackDeployedAgainUnderTheSameNameNamesNothingTheDeletedOneLeftBehind() {
        Map<String, String> everything = new LinkedHashMap<>(OPERATED);
        everything.put("PrivateRestApiVpcEndpointId", "vpce-0123456789abcdef0");
        Map<String, String> first = leftBehind(ResolvedTemplate.of(operated(everything), everything,
                "51af3dc0-da77-11e4-872e-1234567db123"));
        Map<String, String> again = leftBehind(ResolvedTemplate.of(operated(everything), everything,
                "7c1e2a90-0b4d-11f1-9a3e-0e8f5b6c7d21"));
        assertEquals(List.of("HttpApiAccessLogs", "LoginFunctionLogs", "RestLoginFunctionLogs", "SignInSecret"),
                List.copyOf(first.keySet()), "what outlives a stack");
        // The names follow the stack id alone: the same id names the same things (the check's positive control).
        assertEquals(first, leftBehind(ResolvedTemplate.of(operated(everything), everything,
                "51af3dc0-da77-11e4-872e-1234567db123")));
        first.forEach((id, name) -> assertNotEquals(name, again.get(id), id + " is named " + name + " again"));
    }

    private static JsonNode operated(Map<String, String> parameters) {
        try {
            return SamTranslator.translate(TEMPLATE, parameters);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The physical names of what a deleted stack leaves: retained resources, and secrets (recovery window). */
    private static Map<String, String> leftBehind(ResolvedTemplate resolved) {
        Map<String, String> names = new TreeMap<>();
        resolved.resources().forEach((id, resource) -> {
            String type = resource.path("Type").asText();
            // SAM keeps every published version, but a version goes with its function.
            boolean kept = resource.path("DeletionPolicy").asText().equals("Retain")
                    && !type.equals("AWS::Lambda::Version") || type.equals("AWS::SecretsManager::Secret");
            if (kept) {
                JsonNode properties = resource.path("Properties");
                String name = properties.path("LogGroupName").asText(properties.path("Name").asText());
                assertFalse(name.isEmpty(), id + " has a name");
                names.put(id, name);
            }
        });
        return names;
    }

    @Test
    void aCustomDomainMapsTheApiAddsItsAliasRecordAndBecomesTheSignInsAddress() throws Exception {
        ResolvedTemplate resolved = ResolvedTemplate.of(operated, OPERATED);
        JsonNode domain = resolved.resources().get("CustomDomain").path("Properties");
        assertEquals("airflow-login.example.com", domain.path("DomainName").asText());
        assertEquals(CERTIFICATE, domain.path("DomainNameConfigurations").get(0).path("CertificateArn").asText());
        JsonNode mapping = resolved.resources().get("CustomDomainMapping").path("Properties");
        assertEquals("<Ref HttpApi>", mapping.path("ApiId").asText());
        assertTrue(operated.path("Resources").has("HttpApiApiGatewayDefaultStage"), "the mapped stage exists");
        assertEquals("Z0123456789ABC", resolved.resources().get("CustomDomainRecord").path("Properties")
                .path("HostedZoneId").asText());
        JsonNode client = resolved.resources().get("CognitoAppClient").path("Properties");
        assertEquals(List.of("https://airflow-login.example.com/oauth2/callback"),
                texts(client.path("CallbackURLs")));
        JsonNode settings = JSON.readTree(resolved.resources().get("SignInSecret").path("Properties")
                .path("GenerateSecretString").path("SecretStringTemplate").asText());
        assertEquals("https://airflow-login.example.com", settings.path("publicBaseUrl").asText());
        assertEquals("https://airflow-login.example.com/login", resolved.template().path("Outputs")
                .path("LoginUrl").path("Value").asText());

        ResolvedTemplate plain = ResolvedTemplate.of(defaults, DEFAULTS);
        assertFalse(plain.resources().containsKey("CustomDomain"));
        assertFalse(plain.resources().containsKey("CustomDomainRecord"));
    }

    @Test
    void alarmsExistOnlyWithATopicAndTellIt() {
        ResolvedTemplate resolved = ResolvedTemplate.of(operated, OPERATED);
        Map<String, JsonNode> alarms = resolved.ofType("AWS::CloudWatch::Alarm");
        assertEquals(List.of("FunctionErrorsAlarm", "ServerErrorsAlarm", "ThrottlingAlarm"),
                List.copyOf(alarms.keySet()));
        alarms.forEach((id, alarm) -> {
            assertEquals(List.of(TOPIC), texts(alarm.path("Properties").path("AlarmActions")), id);
            assertEquals("notBreaching", alarm.path("Properties").path("TreatMissingData").asText(), id);
        });
        Map<String, String> throttled = new LinkedHashMap<>();
        alarms.get("ThrottlingAlarm").path("Properties").path("Metrics").forEach(metric -> {
            JsonNode stat = metric.path("MetricStat").path("Metric");
            if (!stat.isMissingNode()) {
                throttled.put(stat.path("MetricName").asText(), stat.path("Namespace").asText() + " "
                        + stat.path("Dimensions").get(0).path("Value").asText());
            }
        });
        // The names the function's metrics lines use (LoginMetrics): a renamed metric would silence the alarm.
        assertEquals(Map.of("MwaaErrors", "MwaaLogin Throttled", "StsErrors", "MwaaLogin Throttled"), throttled);
        assertEquals("<Ref LoginFunction>", alarms.get("FunctionErrorsAlarm").path("Properties").path("Dimensions")
                .get(0).path("Value").asText());
        assertEquals(Map.of(), ResolvedTemplate.of(defaults, DEFAULTS).ofType("AWS::CloudWatch::Alarm"));
    }
}
