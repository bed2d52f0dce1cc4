package dev.mwaalogin.local;

import static dev.mwaalogin.local.template.ResolvedTemplate.texts;
import static dev.mwaalogin.local.template.TemplateFixtures.REGION;
import static dev.mwaalogin.local.template.TemplateFixtures.TEMPLATE;
import static dev.mwaalogin.local.template.TemplateFixtures.VPCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.Config;
import dev.mwaalogin.local.template.PolicyChecks;
import dev.mwaalogin.local.template.ResolvedTemplate;
import dev.mwaalogin.local.template.SamTranslator;
import dev.mwaalogin.local.template.TemplateRules;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The template's part in who signs in as whom: its Rules refuse the private REST API in a token mode without the
 * REST function's own IAM mapping, and an OIDC mapping that admits everyone without required claims; each function
 * reads callers from its own source only; the per-role trust policies demand a source identity and nothing tags a
 * session; only the function's role may read the sign-in secret, optionally under a KMS key of yours; Cognito's
 * usernames ignore case and its MFA is a parameter; every route has its own throttle.
 */
class TemplateIdentityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final Map<String, String> OIDC = Map.of("MwaaEnvironmentName", "demo", "AuthMode", "OIDC",
            "OidcIssuer", "https://accounts.google.com", "OidcClientId", "1234.apps.googleusercontent.com",
            "RoleMapping", "*=Viewer", "RequiredClaims", "hd=example.com");
    private static final Map<String, String> COGNITO = Map.of("MwaaEnvironmentName", "demo", "AuthMode", "COGNITO",
            "CognitoDomainPrefix", "acme-airflow", "PrivateRestApiVpcEndpointId", VPCE,
            "IamRoleMapping", "AWSReservedSSO_Ops_*=Op;Deployer=Viewer");

    private static JsonNode oidc;
    private static JsonNode cognito;

    @BeforeAll
    static void translate() throws Exception {
        oidc = SamTranslator.translate(TEMPLATE, OIDC);
        cognito = SamTranslator.translate(TEMPLATE, COGNITO);
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> parameters = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return parameters;
    }

    private static List<String> refusals(Map<String, String> parameters) {
        return TemplateRules.failures(oidc, parameters);
    }

    @Test
    void theRulesAsCloudFormationWouldApplyThemStillHoldTheOldOnes() {
        // The evaluator on rules that were there before: what CloudFormation refuses, it refuses, and no more.
        assertEquals(List.of(), refusals(OIDC));
        assertTrue(refusals(with(OIDC, "OidcClientId", "")).get(0).startsWith("OidcModeNeedsItsProvider: "));
        assertTrue(refusals(Map.of("MwaaEnvironmentName", "demo", "AuthMode", "COGNITO")).get(0)
                .startsWith("CognitoModeNeedsADomainPrefix: "));
        assertEquals(List.of(), refusals(Map.of("MwaaEnvironmentName", "demo", "AuthMode", "COGNITO",
                "CognitoDomainPrefix", "acme")));
    }

    @Test
    void thePrivateRestApiInATokenModeNeedsItsOwnIamMapping() {
        String rule = "PrivateRestApiInTokenModesNeedsAnIamMapping: ";
        Map<String, String> oidcRest = with(OIDC, "PrivateRestApiVpcEndpointId", VPCE);
        Map<String, String> jwtRest = Map.of("MwaaEnvironmentName", "demo", "AuthMode", "JWT", "JwtIssuer",
                "https://issuer.example.com", "JwtAudience", "client", "RoleMapping", "Admin=Admin",
                "PrivateRestApiVpcEndpointId", VPCE);
        Map<String, String> cognitoRest = Map.of("MwaaEnvironmentName", "demo", "AuthMode", "COGNITO",
                "CognitoDomainPrefix", "acme", "PrivateRestApiVpcEndpointId", VPCE);
        for (Map<String, String> refused : List.of(oidcRest, jwtRest, cognitoRest)) {
            List<String> failures = refusals(refused);
            assertEquals(1, failures.size(), failures::toString);
            assertTrue(failures.get(0).startsWith(rule) && failures.get(0).contains("IamRoleMapping"), failures::toString);
            assertEquals(List.of(), refusals(with(refused, "IamRoleMapping", "Deployer=Viewer")), refused::toString);
        }
        // Signed requests map role names with RoleMapping anyway; without a mapping there is nothing to cross.
        assertEquals(List.of(), refusals(Map.of("MwaaEnvironmentName", "demo", "RoleMapping", "Admin=Admin",
                "PrivateRestApiVpcEndpointId", VPCE)));
        assertEquals(List.of(), refusals(with(OIDC, "RoleMapping", "", "PrivateRestApiVpcEndpointId", VPCE)));
        // And the REST function's mapping exists only where it is needed.
        for (Map<String, String> pointless : List.of(with(OIDC, "IamRoleMapping", "Deployer=Viewer"),
                Map.of("MwaaEnvironmentName", "demo", "RoleMapping", "Admin=Admin", "PrivateRestApiVpcEndpointId",
                        VPCE, "IamRoleMapping", "Deployer=Viewer"))) {
            assertTrue(refusals(pointless).get(0).startsWith("IamRoleMappingIsForThePrivateRestApiInTokenModes: "),
                    pointless::toString);
        }
    }

    @Test
    void withOidcAMappingForEveryoneNeedsRequiredClaims() {
        String rule = "OidcEveryoneNeedsRequiredClaims: ";
        for (String everyone : List.of("*=Viewer", "*=Admin")) {
            List<String> failures = refusals(with(OIDC, "RoleMapping", everyone, "RequiredClaims", ""));
            assertEquals(1, failures.size(), failures::toString);
            assertTrue(failures.get(0).startsWith(rule) && failures.get(0).contains("RequiredClaims"), failures::toString);
        }
        assertEquals(List.of(), refusals(OIDC), "with a domain required");
        assertEquals(List.of(), refusals(with(OIDC, "RoleMapping", "admins=Admin", "RequiredClaims", "")),
                "mapped by group");
        assertEquals(List.of(), refusals(Map.of("MwaaEnvironmentName", "demo", "AuthMode", "COGNITO",
                "CognitoDomainPrefix", "acme", "RoleMapping", "*=Viewer")), "a pool only admins add people to");
        // A rule cannot look inside the mapping: a lone '*' among others passes the template, and the function
        // refuses it at init (with SnapStart, publishing the version runs init, so the deploy fails there).
        Map<String, String> hidden = with(OIDC, "RoleMapping", "admins=Admin;*=Viewer", "RequiredClaims", "");
        assertEquals(List.of(), refusals(hidden));
        String message = assertThrows(IllegalArgumentException.class, () -> config(ResolvedTemplate.of(oidc, hidden),
                "LoginFunction")).getMessage();
        assertTrue(message.startsWith("ROLE_MAPPING has a lone '*' rule"), message);
        assertEquals(AirflowRole.Viewer, config(ResolvedTemplate.of(oidc, OIDC), "LoginFunction").identity()
                .mapping().grantableRoles().get(0));
    }

    @Test
    void eachFunctionReadsCallersFromItsOwnSourceAndTheRestFunctionMapsRoleNames() {
        ResolvedTemplate resolved = ResolvedTemplate.of(cognito, COGNITO);
        Config http = config(resolved, "LoginFunction");
        Config rest = config(resolved, "RestLoginFunction");
        assertEquals("COGNITO", variables(resolved, "LoginFunction").get("AUTH_MODE"));
        assertEquals("AWS_IAM", variables(resolved, "RestLoginFunction").get("AUTH_MODE"));
        assertEquals("Admin=Admin;Op=Op;User=User;Viewer=Viewer", variables(resolved, "LoginFunction")
                .get("ROLE_MAPPING"));
        assertEquals("AWSReservedSSO_Ops_*=Op;Deployer=Viewer", variables(resolved, "RestLoginFunction")
                .get("ROLE_MAPPING"), "an IAM role named Admin never meets the Cognito group Admin's rule");
        assertEquals(Set.of(AirflowRole.Op, AirflowRole.Viewer), Set.copyOf(rest.identity().mapping()
                .grantableRoles()));
        assertTrue(rest.identity().roleArns().keySet().containsAll(rest.identity().mapping().grantableRoles()));
        assertTrue(http.identity().roleArns().keySet().containsAll(http.identity().mapping().grantableRoles()));
        // Token-only settings go to the function that reads tokens.
        ResolvedTemplate google = ResolvedTemplate.of(oidc, with(OIDC, "TrustedSessionRoles", "AirflowLogin"));
        assertEquals("hd=example.com", variables(google, "LoginFunction").get("REQUIRED_CLAIMS"));
        assertEquals("OIDC", variables(google, "LoginFunction").get("AUTH_MODE"));
        assertFalse(variables(ResolvedTemplate.of(cognito, COGNITO), "RestLoginFunction")
                .containsKey("REQUIRED_CLAIMS"));
        ResolvedTemplate iam = ResolvedTemplate.of(oidc, Map.of("MwaaEnvironmentName", "demo", "RoleMapping",
                "AirflowLogin=Viewer", "TrustedSessionRoles", "AirflowLogin"));
        assertEquals("AWS_IAM", variables(iam, "LoginFunction").get("AUTH_MODE"));
        assertEquals(List.of("AirflowLogin"), config(iam, "LoginFunction").identity().trustedSessionRoles());
    }

    @Test
    void theAirflowRolesTrustOnlySessionsThatNameTheirPersonAndNothingTagsSessions() throws Exception {
        ResolvedTemplate resolved = ResolvedTemplate.of(cognito, COGNITO);
        Set<String> expected = new LinkedHashSet<>(PolicyChecks.grantedArns(resolved));
        assertEquals(List.of(), PolicyChecks.policy(resolved, expected));
        Map<String, JsonNode> roles = resolved.ofType("AWS::IAM::Role");
        assertEquals(Set.of("AirflowAdminRole", "AirflowOpRole", "AirflowUserRole", "AirflowViewerRole",
                "LoginFunctionRole"), roles.keySet());
        for (String id : List.of("AirflowAdminRole", "AirflowOpRole", "AirflowUserRole", "AirflowViewerRole")) {
            JsonNode trust = roles.get(id).path("Properties").path("AssumeRolePolicyDocument").path("Statement")
                    .get(0);
            assertEquals(List.of("sts:AssumeRole", "sts:SetSourceIdentity"), texts(trust.path("Action")));
            assertEquals("false", trust.path("Condition").path("Null").path("sts:SourceIdentity").asText(), id);
        }
        for (JsonNode translation : List.of(oidc, cognito)) {
            assertFalse(JSON.writeValueAsString(translation).contains("sts:TagSession"), "no session tags");
        }
    }

    @Test
    void onlyTheFunctionsRoleMayReadTheSignInSecretUnderAKeyOfYoursIfYouWish() throws Exception {
        ResolvedTemplate resolved = ResolvedTemplate.of(oidc, OIDC);
        JsonNode policy = resolved.resources().get("SignInSecretPolicy").path("Properties");
        assertEquals("<Ref SignInSecret>", policy.path("SecretId").asText());
        assertTrue(policy.path("BlockPublicPolicy").asBoolean());
        JsonNode deny = policy.path("ResourcePolicy").path("Statement").get(0);
        assertEquals("Deny", deny.path("Effect").asText());
        assertEquals("*", deny.path("Principal").asText());
        assertEquals(List.of("secretsmanager:GetSecretValue"), texts(deny.path("Action")));
        assertEquals("<GetAtt LoginFunctionRole.Arn>", deny.path("Condition").path("StringNotEquals")
                .path("aws:PrincipalArn").asText());
        JsonNode secret = resolved.resources().get("SignInSecret").path("Properties");
        assertFalse(secret.has("KmsKeyId"), "Secrets Manager's own key unless one is given");
        JsonNode settings = JSON.readTree(secret.path("GenerateSecretString").path("SecretStringTemplate").asText());
        assertEquals("15", settings.path("sessionRecheckMinutes").asText());
        assertEquals("0", settings.path("keyRotation").asText());

        ResolvedTemplate keyed = ResolvedTemplate.of(oidc, with(OIDC, "SignInSecretKmsKeyArn", KMS_KEY,
                "SessionRecheckMinutes", "5", "SessionKeyRotation", "2026-12-01"));
        assertEquals(KMS_KEY, keyed.resources().get("SignInSecret").path("Properties").path("KmsKeyId").asText());
        JsonNode keyedSettings = JSON.readTree(keyed.resources().get("SignInSecret").path("Properties")
                .path("GenerateSecretString").path("SecretStringTemplate").asText());
        assertEquals("5", keyedSettings.path("sessionRecheckMinutes").asText());
        assertEquals("2026-12-01", keyedSettings.path("keyRotation").asText());
        assertEquals(List.of(), PolicyChecks.policy(keyed, new LinkedHashSet<>(PolicyChecks.grantedArns(keyed))));
        assertTrue(JSON.writeValueAsString(keyed.resources().get("LoginFunctionRole")).contains("\"kms:ViaService\":"
                + "\"secretsmanager." + REGION + ".amazonaws.com\""), "decrypts only through Secrets Manager");
        assertFalse(JSON.writeValueAsString(resolved.resources().get("LoginFunctionRole")).contains("kms:"),
                "no KMS grant without a key");
    }

    @Test
    void cognitoUsernamesIgnoreCaseAndItsMfaIsAParameter() {
        JsonNode pool = ResolvedTemplate.of(cognito, COGNITO).resources().get("CognitoUserPool").path("Properties");
        assertFalse(pool.path("UsernameConfiguration").path("CaseSensitive").asBoolean(true));
        assertEquals("OPTIONAL", pool.path("MfaConfiguration").asText());
        assertEquals(List.of("SOFTWARE_TOKEN_MFA"), texts(pool.path("EnabledMfas")));
        JsonNode required = ResolvedTemplate.of(cognito, with(COGNITO, "CognitoMfa", "ON")).resources()
                .get("CognitoUserPool").path("Properties");
        assertEquals("ON", required.path("MfaConfiguration").asText());
        JsonNode off = ResolvedTemplate.of(cognito, with(COGNITO, "CognitoMfa", "OFF")).resources()
                .get("CognitoUserPool").path("Properties");
        assertEquals("OFF", off.path("MfaConfiguration").asText());
        assertFalse(off.has("EnabledMfas"));
    }

    @Test
    void everyRouteHasAThrottleOfItsOwn() {
        ResolvedTemplate resolved = ResolvedTemplate.of(oidc, OIDC);
        Map<String, JsonNode> stages = resolved.ofType("AWS::ApiGatewayV2::Stage");
        assertEquals(1, stages.size(), stages.keySet().toString());
        JsonNode routes = stages.values().iterator().next().path("Properties").path("RouteSettings");
        Set<String> keys = new LinkedHashSet<>();
        routes.fieldNames().forEachRemaining(keys::add);
        assertEquals(Set.of("ANY /login", "ANY /login/{environment}", "ANY /oauth2/callback", "ANY /logout",
                "ANY /api/{environment}/{proxy+}", "ANY /"), keys);
        routes.forEach(route -> assertTrue(route.path("ThrottlingBurstLimit").asInt() > 0
                && route.path("ThrottlingRateLimit").asDouble() > 0, route.toString()));
    }

    private static Map<String, String> variables(ResolvedTemplate resolved, String function) {
        Map<String, String> env = new HashMap<>();
        resolved.resources().get(function).path("Properties").path("Environment").path("Variables").properties()
                .forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        return env;
    }

    /** What the function makes of its variables in this stack. */
    private static Config config(ResolvedTemplate resolved, String function) {
        Map<String, String> env = variables(resolved, function);
        env.put("AWS_REGION", REGION);
        return Config.from(env);
    }
}
