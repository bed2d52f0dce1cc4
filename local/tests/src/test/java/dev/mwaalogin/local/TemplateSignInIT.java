package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.ResolvedTemplate.texts;
import static dev.mwaalogin.local.template.TemplateFixtures.ACCOUNT;
import static dev.mwaalogin.local.template.TemplateFixtures.REGION;
import static dev.mwaalogin.local.template.TemplateFixtures.STACK_UUID;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.Config;
import dev.mwaalogin.local.template.PolicyChecks;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.RouteChecks;
import dev.mwaalogin.local.template.SamTranslator;
import dev.mwaalogin.local.template.TemplateFixtures;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The template's browser sign-in modes: COGNITO (a user pool this stack makes) and OIDC (any provider). No route
 * has a gateway authorizer - the function authenticates - so everything else must be exactly right: the callback URL
 * registered with Cognito, the generated sign-in secret and the one permission to read it, the default mapping of
 * Cognito's groups, and a function configuration the function accepts.
 */
class TemplateSignInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_URL = "https://<Ref HttpApi>.execute-api." + REGION + ".amazonaws.com";
    private static final String SECRET_NAME = "mwaa-login-sign-in-" + STACK_UUID.substring(0, 8);
    private static final String CLIENT_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:okta-Ab12Cd";

    private static final Map<String, String> COGNITO = Map.of("MwaaEnvironmentName", "demo",
            "AllowedEnvironments", "analytics", "AuthMode", "COGNITO", "CognitoDomainPrefix", "acme-airflow");
    private static final Map<String, String> OIDC = Map.of("MwaaEnvironmentName", "demo", "AuthMode", "OIDC",
            "OidcIssuer", "https://acme.okta.com/oauth2/default", "OidcClientId", "0oa1b2c3d4",
            "OidcClientSecretArn", CLIENT_SECRET, "RoleMapping", "airflow-admins=Admin;*=Viewer",
            "RequiredClaims", "email_domain=example.com", "GroupsClaim", "groups", "SessionHours", "4");

    private static JsonNode cognito;
    private static JsonNode oidc;

    @BeforeAll
    static void translate() throws Exception {
        cognito = SamTranslator.translate(TEMPLATE, COGNITO);
        oidc = SamTranslator.translate(TEMPLATE, OIDC);
    }

    @Test
    void noRouteHasAGatewayAuthorizerBecauseTheFunctionSignsBrowsersInItself() {
        for (ResolvedTemplate resolved : List.of(ResolvedTemplate.of(cognito, COGNITO),
                ResolvedTemplate.of(oidc, OIDC))) {
            assertEquals(List.of(), RouteChecks.routes(resolved, "NONE"));
            assertEquals(Set.of("ANY /login", "ANY /login/{environment}", "ANY /oauth2/callback", "ANY /logout",
                    "ANY /api/{environment}/{proxy+}", "ANY /"), RouteChecks.httpRoutes(resolved).keySet());
        }
    }

    @Test
    void cognitosAppClientIsPublicUsesTheCodeFlowAndKnowsOnlyThisApisCallback() {
        ResolvedTemplate resolved = ResolvedTemplate.of(cognito, COGNITO);
        JsonNode client = resolved.resources().get("CognitoAppClient").path("Properties");
        assertFalse(client.path("GenerateSecret").asBoolean(), "public: PKCE, no secret to keep");
        assertEquals(List.of("code"), texts(client.path("AllowedOAuthFlows")));
        assertEquals(List.of(API_URL + "/oauth2/callback"), texts(client.path("CallbackURLs")));
        assertEquals(List.of(API_URL + "/login"), texts(client.path("LogoutURLs")));
        assertTrue(resolved.resources().get("CognitoUserPool").path("Properties").path("AdminCreateUserConfig")
                .path("AllowAdminCreateUserOnly").asBoolean(), "nobody signs themselves up");
        Set<String> groups = new LinkedHashSet<>();
        resolved.ofType("AWS::Cognito::UserPoolGroup").values().forEach(group -> groups.add(group.path("Properties")
                .path("GroupName").asText()));
        assertEquals(Set.of("Admin", "Op", "User", "Viewer"), groups);
        assertEquals("acme-airflow", resolved.resources().get("CognitoUserPoolDomain").path("Properties")
                .path("Domain").asText());
    }

    @Test
    void cognitosGroupsAreTheAirflowRolesUnlessAMappingSaysOtherwise() throws Exception {
        ResolvedTemplate resolved = ResolvedTemplate.of(cognito, COGNITO);
        Config config = functionConfig(resolved);
        assertEquals(List.of(AirflowRole.Admin, AirflowRole.Op, AirflowRole.User, AirflowRole.Viewer),
                config.identity().mapping().grantableRoles());
        assertEquals(4, PolicyChecks.airflowRoleArns(resolved.ofType("AWS::IAM::Role")).size());
        Set<String> expected = new LinkedHashSet<>();
        for (String role : List.of("Admin", "Op", "User", "Viewer")) {
            expected.addAll(TemplateFixtures.expectedArns(role, "demo", "analytics"));
        }
        assertEquals(List.of(), PolicyChecks.policy(resolved, expected));
    }

    @Test
    void theSignInSecretIsGeneratedHoldsTheProvidersSettingsAndIsTheOnlySecretTheFunctionMayRead()
            throws Exception {
        ResolvedTemplate resolved = ResolvedTemplate.of(cognito, COGNITO);
        JsonNode secret = resolved.resources().get("SignInSecret").path("Properties");
        assertEquals(SECRET_NAME, secret.path("Name").asText());
        JsonNode generate = secret.path("GenerateSecretString");
        assertEquals("sessionKey", generate.path("GenerateStringKey").asText());
        assertTrue(generate.path("PasswordLength").asInt() >= 32);
        JsonNode settings = JSON.readTree(generate.path("SecretStringTemplate").asText());
        assertEquals("https://cognito-idp." + REGION + ".amazonaws.com/<Ref CognitoUserPool>",
                settings.path("issuer").asText());
        assertEquals("<Ref CognitoAppClient>", settings.path("clientId").asText());
        assertEquals("acme-airflow.auth." + REGION + ".amazoncognito.com", settings.path("cognitoDomain").asText());
        assertEquals(SECRET_NAME, functionConfig(resolved).signIn().orElseThrow().signInSecretId());
        assertEquals(Set.of("arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + SECRET_NAME
                + "-??????"), PolicyChecks.signInSecrets(resolved));
        assertEquals(List.of(), PolicyChecks.policy(resolved, expectedArns(resolved)));

        ResolvedTemplate okta = ResolvedTemplate.of(oidc, OIDC);
        JsonNode oktaSettings = JSON.readTree(okta.resources().get("SignInSecret").path("Properties")
                .path("GenerateSecretString").path("SecretStringTemplate").asText());
        assertEquals("https://acme.okta.com/oauth2/default", oktaSettings.path("issuer").asText());
        assertEquals("0oa1b2c3d4", oktaSettings.path("clientId").asText());
        assertEquals(CLIENT_SECRET, oktaSettings.path("clientSecretArn").asText());
        assertEquals("4", oktaSettings.path("sessionHours").asText());
        assertTrue(PolicyChecks.signInSecrets(okta).contains(CLIENT_SECRET));
        assertEquals(List.of(), PolicyChecks.policy(okta, expectedArns(okta)));
        assertFalse(okta.resources().containsKey("CognitoUserPool"));
    }

    @Test
    void gatewayModesHaveNoSignInSecretAndTheFunctionReadsNone() {
        ResolvedTemplate iam = ResolvedTemplate.of(cognito, Map.of("MwaaEnvironmentName", "demo"));
        assertFalse(iam.resources().containsKey("SignInSecret"));
        assertEquals(Set.of(), PolicyChecks.signInSecrets(iam));
        assertFalse(iam.resources().get("LoginFunction").path("Properties").path("Environment").path("Variables")
                .has("SIGN_IN_SECRET"));
    }

    @Test
    void outputsSayWhatToRegisterAtTheProvider() {
        JsonNode outputs = ResolvedTemplate.of(oidc, OIDC).template().path("Outputs");
        assertEquals(API_URL + "/oauth2/callback", outputs.path("SignInCallbackUrl").path("Value").asText());
        assertEquals(API_URL + "/login", outputs.path("SignOutReturnUrl").path("Value").asText());
    }

    /** Every CreateWebLoginToken ARN the resolved template grants, whatever roles made them. */
    private static Set<String> expectedArns(ResolvedTemplate resolved) {
        return new LinkedHashSet<>(PolicyChecks.grantedArns(resolved));
    }

    /** What the function makes of its variables in this stack. */
    private static Config functionConfig(ResolvedTemplate resolved) {
        Map<String, String> env = new HashMap<>();
        resolved.resources().get("LoginFunction").path("Properties").path("Environment").path("Variables").properties()
                .forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        env.put("AWS_REGION", REGION);
        return Config.from(env);
    }
}
