package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.TemplateFixtures.IAM_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.JWT_MODE;
import static dev.mwaalogin.local.template.TemplateFixtures.jwtTranslation;
import static dev.mwaalogin.local.template.TemplateFixtures.iamTranslation;
import static dev.mwaalogin.local.template.TemplateFixtures.expectedArns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.Config;
import dev.mwaalogin.local.template.PolicyChecks;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.SamTranslator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The template's least privilege in the gateway auth modes: the function may call CreateWebLoginToken on the default
 * environment and the allow-listed ones, and nothing else; the allow-list's policy slots take what the parameter
 * admits; and every value the template's parameters admit is one the function accepts at init, so that no deploy
 * succeeds only to fail every login.
 */
class TemplateIamIT {


    @Test
    void policyAllowsOnlyCreateWebLoginTokenOnTheDefaultAndAllowListedEnvironments() {
        ResolvedTemplate iam = ResolvedTemplate.of(iamTranslation(), IAM_MODE);
        assertEquals(List.of(), PolicyChecks.policy(iam, expectedArns("Viewer", "demo", "analytics", "reporting")));

        // Empty allow-list: the default environment's ARN alone - no role//User from an empty entry.
        ResolvedTemplate jwt = ResolvedTemplate.of(jwtTranslation(), JWT_MODE);
        assertEquals(List.of(), PolicyChecks.policy(jwt, expectedArns("User", "demo")));
        assertEquals(List.of("arn:aws:airflow:us-east-1:123456789012:role/demo/User"), PolicyChecks.grantedArns(jwt));
    }

    @Test
    void allowListSlotsSkipEmptyEntriesAndTheDefaultAndReachTen() {
        Map<String, String> params = new LinkedHashMap<>(IAM_MODE);
        params.put("AllowedEnvironments", "demo,analytics");
        assertEquals(List.of("arn:aws:airflow:us-east-1:123456789012:role/demo/Viewer",
                "arn:aws:airflow:us-east-1:123456789012:role/analytics/Viewer"),
                PolicyChecks.grantedArns(ResolvedTemplate.of(iamTranslation(), params)));

        List<String> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add("env-" + i);
        }
        params.put("AllowedEnvironments", String.join(",", ten));
        params.put("AirflowRole", "Op");
        List<String> all = new ArrayList<>(List.of("demo"));
        all.addAll(ten);
        ResolvedTemplate resolved = ResolvedTemplate.of(iamTranslation(), params);
        assertEquals(List.of(), PolicyChecks.policy(resolved, expectedArns("Op", all.toArray(String[]::new))));
        assertEquals(11, PolicyChecks.grantedArns(resolved).size());
    }

    @Test
    void allowListParameterRejectsWhatThePolicyCouldNotHonour() {
        Pattern pattern = Pattern.compile(
                SamTranslator.parameter(iamTranslation(), "AllowedEnvironments").path("AllowedPattern").asText());
        assertTrue(pattern.matcher("").matches());
        assertTrue(pattern.matcher("analytics,reporting_2,a-b").matches());
        assertFalse(pattern.matcher("analytics, reporting").matches(), "spaces would break the ARNs");
        assertFalse(pattern.matcher("analytics,").matches());
        assertFalse(pattern.matcher("1bad").matches());
        assertFalse(pattern.matcher("a,b,c,d,e,f,g,h,i,j,k").matches(), "11 names but only 10 policy slots");
        assertTrue(Pattern.compile(SamTranslator.parameter(iamTranslation(), "MwaaEnvironmentName")
                .path("AllowedPattern").asText()).matcher("demo-env_1").matches());
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
        samples.put("IdentityClaim", List.of("", "email", "oid", "preferred_username", "cognito:username",
                "email,sub", "e mail", "x".repeat(65)));
        samples.put("GroupsClaim", List.of("", "groups", "roles", "cognito:groups", "groups,roles", "gr oups"));
        samples.put("RequiredClaims", List.of("", "hd=example.com", "tid=72f988bf-86f1-41af-91ab-2d7cd011db47",
                "email_domain=example.com;hd=example.com", "hd", "=x", "hd=", "hd=a b", "h d=x", "hd=x;", ";hd=x",
                "a=b=c"));
        samples.put("TrustedSessionRoles", List.of("", "AirflowLogin", "AirflowLogin,ops.role@x", "a,b",
                "arn:aws:iam::123456789012:role/AirflowLogin", "a,,b", "a b", ",a", "x".repeat(65)));
        samples.put("ApiPaths", List.of("", "none", "GET /**", "GET /**;POST /dags/*/dagRuns;PATCH /dags/*", "GET /",
                "GET /*/**", "GET /.well-known", "GET /**/x", "GET /dags/../variables", "GET /dags/./x", "GET /dags/*x",
                "GET dags", "GET /dags//x", "get /dags", "HEAD /dags", "GET /dags;", "GET /a ;POST /b", "GET /a%2F"));
        Map<String, String> variables = new LinkedHashMap<>(Map.of("AirflowBaseUrl", "AIRFLOW_BASE_URL",
                "AirflowLoginPath", "AIRFLOW_LOGIN_PATH", "MwaaEnvironmentName", "MWAA_ENVIRONMENT_NAME", "AirflowRole",
                "AIRFLOW_ROLE", "IdentityClaim", "IDENTITY_CLAIM", "GroupsClaim", "GROUPS_CLAIM", "RequiredClaims",
                "REQUIRED_CLAIMS", "TrustedSessionRoles", "TRUSTED_SESSION_ROLES"));
        variables.put("ApiPaths", "API_PATHS");
        List<String> admittedButRefused = new ArrayList<>();
        int refusedByBoth = 0;
        for (Map.Entry<String, List<String>> parameter : samples.entrySet()) {
            JsonNode definition = SamTranslator.parameter(iamTranslation(), parameter.getKey());
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
            Config.from(env);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }
}
