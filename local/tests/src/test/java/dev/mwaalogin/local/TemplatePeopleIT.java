package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.ResolvedTemplate.texts;
import static dev.mwaalogin.local.template.TemplateFixtures.ACCOUNT;
import static dev.mwaalogin.local.template.TemplateFixtures.REGION;
import static dev.mwaalogin.local.template.TemplateFixtures.STACK_UUID;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.expectedArns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.Config;
import dev.mwaalogin.identity.RoleMapping;
import dev.mwaalogin.local.template.PolicyChecks;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.SamTranslator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The template's per-person sign-in ({@code RoleMapping}): one IAM role per Airflow role the mapping grants, each
 * trusted only by the function's role and minting only its own Airflow role in the allowed environments; the
 * function's own role then mints nothing and may only start sessions in those roles; and the function's variables
 * name exactly those roles, in a form its configuration accepts.
 */
class TemplatePeopleIT {

    private static final String ID = STACK_UUID.substring(0, 8);
    private static final Map<String, String> PEOPLE = Map.of(
            "MwaaEnvironmentName", "demo",
            "AllowedEnvironments", "analytics",
            "RoleMapping", "admins=Admin;data-*=User;*=Viewer");

    private static JsonNode translation;

    @BeforeAll
    static void translate() throws Exception {
        translation = SamTranslator.translate(TEMPLATE, PEOPLE);
    }

    private static String roleArn(String airflowRole) {
        return "arn:aws:iam::" + ACCOUNT + ":role/mwaa-login/" + airflowRole + "-" + ID;
    }

    @Test
    void eachGrantedAirflowRoleGetsItsOwnIamRoleAndNoOther() {
        ResolvedTemplate resolved = ResolvedTemplate.of(translation, PEOPLE);
        Map<String, String> roles = PolicyChecks.airflowRoleArns(resolved.ofType("AWS::IAM::Role"));
        assertEquals(Map.of("AirflowAdminRole", roleArn("Admin"), "AirflowUserRole", roleArn("User"),
                "AirflowViewerRole", roleArn("Viewer")), roles);
        Set<String> expected = new LinkedHashSet<>();
        for (String role : List.of("Admin", "User", "Viewer")) {
            expected.addAll(expectedArns(role, "demo", "analytics"));
        }
        assertEquals(List.of(), PolicyChecks.policy(resolved, expected));
        for (String role : List.of("Admin", "User", "Viewer")) {
            JsonNode properties = resolved.resources().get("Airflow" + role + "Role").path("Properties");
            JsonNode trust = properties.path("AssumeRolePolicyDocument").path("Statement");
            assertEquals(1, trust.size());
            assertEquals("<GetAtt LoginFunctionRole.Arn>", trust.get(0).path("Principal").path("AWS").asText());
            assertEquals(PolicyChecks.SESSION_ACTIONS, texts(trust.get(0).path("Action")));
            assertEquals(expectedArns(role, "demo", "analytics"), new LinkedHashSet<>(texts(
                    properties.path("Policies").get(0).path("PolicyDocument").path("Statement").get(0)
                            .path("Resource"))));
        }
    }

    @Test
    void theFunctionsRoleMintsNothingItselfAndMayOnlyStartSessionsInThoseRoles() {
        ResolvedTemplate resolved = ResolvedTemplate.of(translation, PEOPLE);
        JsonNode policies = resolved.resources().get("LoginFunctionRole").path("Properties").path("Policies");
        List<String> names = new java.util.ArrayList<>();
        policies.forEach(policy -> names.add(policy.path("PolicyName").asText()));
        assertEquals(List.of("WriteOwnLogs", "GetEnvironment", "AssumeAirflowRoles"), names,
                "no CreateWebLoginToken of its own");
        JsonNode statement = policies.get(2).path("PolicyDocument").path("Statement").get(0);
        assertEquals(PolicyChecks.SESSION_ACTIONS, texts(statement.path("Action")));
        assertEquals(List.of(roleArn("Admin"), roleArn("User"), roleArn("Viewer")),
                texts(statement.path("Resource")));
    }

    @Test
    void theFunctionsVariablesNameTheRolesInAFormItsConfigurationAccepts() {
        ResolvedTemplate resolved = ResolvedTemplate.of(translation, PEOPLE);
        JsonNode variables = resolved.resources().get("LoginFunction").path("Properties").path("Environment")
                .path("Variables");
        Map<String, String> env = new HashMap<>();
        variables.properties().forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        env.put("AWS_REGION", REGION);
        Config config = Config.from(env);
        assertEquals(Map.of(AirflowRole.Admin, roleArn("Admin"), AirflowRole.User, roleArn("User"),
                AirflowRole.Viewer, roleArn("Viewer")), config.identity().roleArns());
        assertEquals(List.of(AirflowRole.Admin, AirflowRole.User, AirflowRole.Viewer),
                config.identity().mapping().grantableRoles());
        assertTrue(resolved.versionDescription().contains(PEOPLE.get("RoleMapping")),
                "a changed mapping publishes a new version");
    }

    @Test
    void withoutAMappingThereAreNoAirflowRolesAndTheFunctionMintsAsBefore() {
        ResolvedTemplate resolved = ResolvedTemplate.of(translation, Map.of("MwaaEnvironmentName", "demo"));
        assertEquals(Map.of(), PolicyChecks.airflowRoleArns(resolved.ofType("AWS::IAM::Role")));
        assertEquals(List.of(), PolicyChecks.policy(resolved, expectedArns("Viewer", "demo")));
        assertFalse(resolved.resources().get("LoginFunction").path("Properties").path("Environment")
                .path("Variables").has("AIRFLOW_ROLE_ARNS"));
    }

    /**
     * The parameter's pattern admits only mappings the function accepts, and for every admitted one the template's
     * GrantsX conditions create exactly the IAM roles of the Airflow roles the function will map people to.
     */
    @Test
    void theParameterAndTheConditionsAgreeWithTheFunctionsReadingOfEveryMapping() {
        JsonNode parameter = SamTranslator.parameter(translation, "RoleMapping");
        Pattern pattern = Pattern.compile(parameter.path("AllowedPattern").asText());
        int length = parameter.path("MaxLength").asInt();
        List<String> admitted = List.of("admins=Admin", "*=Viewer", "Data Engineers=User;*=Public",
                "AWSReservedSSO_DataEngineers_*=Op;admins=Admin;x=Admin", "a=Op;b=Op", "Op=Viewer");
        List<String> refused = List.of("admins = Admin", "admins=Admin;", ";admins=Admin", "admins=admin",
                "admins", "admins=Administrator", "a=Op; b=User", " a=Op", "=x=Admin");
        for (String mapping : admitted) {
            assertTrue(pattern.matcher(mapping).matches() && mapping.length() <= length, mapping);
            RoleMapping read = RoleMapping.parse(mapping);
            Map<String, String> params = new LinkedHashMap<>(PEOPLE);
            params.put("RoleMapping", mapping);
            Map<String, String> created = new TreeMap<>(PolicyChecks.airflowRoleArns(
                    ResolvedTemplate.of(translation, params).ofType("AWS::IAM::Role")));
            Map<String, String> expected = new TreeMap<>();
            read.grantableRoles().forEach(role -> expected.put("Airflow" + role + "Role", roleArn(role.name())));
            assertEquals(expected, created, mapping);
        }
        for (String mapping : refused) {
            assertFalse(pattern.matcher(mapping).matches(), mapping);
        }
    }
}
