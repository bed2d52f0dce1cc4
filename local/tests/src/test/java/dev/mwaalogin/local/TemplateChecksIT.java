package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.IAM_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.JWT_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.expectedArns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.template.LoggingChecks;
import dev.mwaalogin.local.template.PolicyChecks;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.RouteChecks;
import dev.mwaalogin.local.template.SamTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks the other template tests rely on do catch what they look for: each is pointed at a copy of
 * {@code template.yaml} with one weakness written in (a wildcard action or resource, an open route, IAM where JWT
 * is asked for, data trace, execution logging) and must name it. Without this, an empty list of violations could
 * mean only that a check looks in the wrong place.
 */
class TemplateChecksIT {

    @Test
    void checksRejectAWildcardActionOrResource(@TempDir Path dir) throws Exception {
        Path wildcardAction = mutate(dir, "Action: airflow:CreateWebLoginToken", "Action: \"airflow:*\"");
        List<String> violations = PolicyChecks.policy(resolve(wildcardAction, IAM_MODE),
                expectedArns("Viewer", "demo", "analytics", "reporting"));
        assertTrue(violations.stream().anyMatch(v -> v.contains("airflow:*")), violations::toString);

        Path anyEnvironment = mutate(dir, "role/${MwaaEnvironmentName}/${AirflowRole}", "role/*/${AirflowRole}");
        violations = PolicyChecks.policy(resolve(anyEnvironment, IAM_MODE),
                expectedArns("Viewer", "demo", "analytics", "reporting"));
        assertTrue(violations.stream().anyMatch(v -> v.contains("role/*/Viewer")), violations::toString);
    }

    @Test
    void checksRejectACallerPolicyThatReachesFurtherOrIsAttachedToTheStacksRoles(@TempDir Path dir) throws Exception {
        Path anyApi = mutate(dir, "${AWS::AccountId}:${HttpApi}/$default/GET/login\"\n",
                "${AWS::AccountId}:*/$default/GET/login\"\n");
        List<String> violations = PolicyChecks.policy(resolve(anyApi, IAM_MODE),
                expectedArns("Viewer", "demo", "analytics", "reporting"));
        assertEquals(List.of("LoginCallerPolicy: allows it on arn:aws:execute-api:us-east-1:123456789012:*/$default/"
                + "GET/login"), violations);

        Path attached = mutate(dir, "    Condition: UseIamAuth\n    Properties:\n",
                "    Condition: UseIamAuth\n    Properties:\n      Roles: [!Ref LoginFunctionRole]\n");
        violations = PolicyChecks.policy(resolve(attached, IAM_MODE),
                expectedArns("Viewer", "demo", "analytics", "reporting"));
        assertEquals(List.of("ApiCallerPolicy: attached to Roles [<Ref LoginFunctionRole>]",
                "LoginCallerPolicy: attached to Roles [<Ref LoginFunctionRole>]"), violations);
    }

    @Test
    void checksRejectARouteWithoutAnAuthorizer(@TempDir Path dir) throws Exception {
        Path openRoute = mutate(dir, "        LoginNamedEnvironment:\n          Type: HttpApi\n",
                "        Open:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref HttpApi\n"
                        + "            Path: /open\n            Method: GET\n"
                        + "        LoginNamedEnvironment:\n          Type: HttpApi\n");
        List<String> violations = RouteChecks.routes(resolve(openRoute, IAM_MODE), "AWS_IAM");
        assertEquals(List.of("HTTP API HttpApi route GET /open: authorization NONE, expected AWS_IAM"), violations);

        Path iamOnlyInJwtMode = mutate(dir, "!If [UseJwtAuth, !If [HasJwtScopes, [{JwtAuthorizer: !Ref JwtScopes}], "
                + "[{JwtAuthorizer: []}]], [{AWS_IAM: []}]]", "[{AWS_IAM: []}]");
        violations = RouteChecks.routes(resolve(iamOnlyInJwtMode, JWT_MODE), "JWT");
        assertEquals(6, violations.size(), violations::toString);
    }

    @Test
    void checksRejectDataTraceLogging(@TempDir Path dir) throws Exception {
        Path dataTrace = mutate(dir, "DataTraceEnabled: false", "DataTraceEnabled: true");
        List<String> violations = LoggingChecks.logging(resolve(dataTrace, JWT_MODE));
        assertTrue(violations.stream().anyMatch(v -> v.contains("DataTraceEnabled")), violations::toString);

        Path executionLogs = mutate(dir, "LoggingLevel: \"OFF\"", "LoggingLevel: INFO");
        violations = LoggingChecks.logging(resolve(executionLogs, JWT_MODE));
        assertTrue(violations.stream().anyMatch(v -> v.contains("execution logging INFO")), violations::toString);
    }

    /** A copy of template.yaml in {@code dir} with {@code from} replaced by {@code to}; the anchor must be there. */
    private static Path mutate(Path dir, String from, String to) throws IOException {
        String template = Files.readString(TEMPLATE);
        assertTrue(template.contains(from), "mutation anchor is in template.yaml: " + from);
        Path copy = Files.createTempFile(dir, "template-", ".yaml");
        Files.writeString(copy, template.replace(from, to));
        return copy;
    }

    private static ResolvedTemplate resolve(Path template, Map<String, String> parameters) throws Exception {
        return ResolvedTemplate.of(SamTranslator.translate(template, parameters), parameters);
    }
}
