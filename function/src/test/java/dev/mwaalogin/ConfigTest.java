package dev.mwaalogin;

import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.identity.AuthMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "us-east-1"));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    private static String failure(String... pairs) {
        return assertThrows(IllegalArgumentException.class, () -> Config.from(env(pairs))).getMessage();
    }

    @Test
    void defaultsNeedOnlyTheEnvironmentAndRegion() {
        Config config = Config.from(env());
        assertEquals("demo", config.defaultEnvironment());
        assertEquals(Set.of("demo"), config.allowedEnvironments());
        assertEquals(Config.ResponseMode.REDIRECT, config.defaultResponse());
        assertEquals(Optional.empty(), config.airflowBaseUrl());
        assertEquals(Optional.empty(), config.loginPath(), "each environment's own page");
        assertEquals(Duration.ofMillis(5000), config.upstreamTimeout());
        assertEquals("us-east-1", config.region());
        assertEquals(Optional.empty(), config.mwaaEndpoint());
    }

    @Test
    void theEnvironmentNameIsRequiredAndValidated() {
        assertEquals("MWAA_ENVIRONMENT_NAME is required", failure("MWAA_ENVIRONMENT_NAME", null));
        assertEquals("MWAA_ENVIRONMENT_NAME is required", failure("MWAA_ENVIRONMENT_NAME", "  "));
        assertTrue(failure("MWAA_ENVIRONMENT_NAME", "1demo").startsWith("MWAA_ENVIRONMENT_NAME must be"));
        assertTrue(failure("MWAA_ENVIRONMENT_NAME", "a".repeat(81)).startsWith("MWAA_ENVIRONMENT_NAME must be"));
        assertEquals("a".repeat(80), Config.from(env("MWAA_ENVIRONMENT_NAME", "a".repeat(80))).defaultEnvironment());
    }

    @Test
    void theAllowListAlwaysHoldsTheDefaultAndOnlyValidNames() {
        Config config = Config.from(env("ALLOWED_ENVIRONMENTS", " analytics , ml_prod-2,, demo,"));
        assertEquals(List.of("demo", "analytics", "ml_prod-2"), List.copyOf(config.allowedEnvironments()));
        assertTrue(failure("ALLOWED_ENVIRONMENTS", "ok,not ok").startsWith("ALLOWED_ENVIRONMENTS must be"));
        assertTrue(failure("ALLOWED_ENVIRONMENTS", "*").contains("wildcards are not supported"));
        assertTrue(failure("ALLOWED_ENVIRONMENTS", "../etc").startsWith("ALLOWED_ENVIRONMENTS"));
    }

    @Test
    void theDefaultResponseIsRedirectOrJson() {
        assertEquals(Config.ResponseMode.JSON, Config.from(env("DEFAULT_RESPONSE", "JSON")).defaultResponse());
        assertEquals(Config.ResponseMode.REDIRECT, Config.from(env("DEFAULT_RESPONSE", "redirect")).defaultResponse());
        assertEquals("DEFAULT_RESPONSE must be 'redirect' or 'json'", failure("DEFAULT_RESPONSE", "html"));
    }

    @ParameterizedTest
    @CsvSource({
        "https://airflow.example.com/, https://airflow.example.com",
        "https://airflow.example.com/team-a, https://airflow.example.com/team-a",
        "http://127.0.0.1:4566, http://127.0.0.1:4566",
        "http://localhost:8080/, http://localhost:8080",
    })
    void aBaseUrlIsKeptWithoutItsTrailingSlash(String value, String expected) {
        assertEquals(Optional.of(expected), Config.from(env("AIRFLOW_BASE_URL", value)).airflowBaseUrl());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://airflow.example.com | must be an https URL",
        "https://airflow.example.com/?x=1 | must not carry",
        "https://user@airflow.example.com | must not carry",
        "https://airflow.example.com/#top | must not carry",
        "airflow.example.com | must be an absolute URL",
        "ftp://airflow.example.com | must be an https URL",
        "https://exa mple.com | is not a valid URL",
    })
    void aBaseUrlMustBeSafe(String value, String problem) {
        String message = failure("AIRFLOW_BASE_URL", value);
        assertTrue(message.startsWith("AIRFLOW_BASE_URL"), message);
        assertTrue(message.contains(problem), message);
    }

    @Test
    void theLoginPathIsAPlainPath() {
        assertEquals(Optional.of("/auth/login"), Config.from(env("AIRFLOW_LOGIN_PATH", "/auth/login")).loginPath());
        for (String bad : new String[] {"aws_mwaa/aws-console-sso", "/x?login=true", "/x#y", "/a b", "/"}) {
            assertTrue(failure("AIRFLOW_LOGIN_PATH", bad).startsWith("AIRFLOW_LOGIN_PATH must be"), bad);
        }
    }

    @Test
    void theTimeoutIsBounded() {
        assertEquals(Duration.ofMillis(2500), Config.from(env("MWAA_TIMEOUT_MS", "2500")).upstreamTimeout());
        assertEquals("MWAA_TIMEOUT_MS must be a whole number of milliseconds", failure("MWAA_TIMEOUT_MS", "5s"));
        assertTrue(failure("MWAA_TIMEOUT_MS", "99").startsWith("MWAA_TIMEOUT_MS must be between"));
        assertTrue(failure("MWAA_TIMEOUT_MS", "25001").startsWith("MWAA_TIMEOUT_MS must be between"));
    }

    @Test
    void theRegionComesFromTheStandardVariables() {
        assertTrue(failure("AWS_REGION", null).startsWith("AWS_REGION is required"));
        assertEquals("eu-west-1", Config.from(env("AWS_REGION", null, "AWS_DEFAULT_REGION", "eu-west-1")).region());
        assertEquals("us-gov-west-1", Config.from(env("AWS_REGION", "us-gov-west-1")).region());
        assertEquals("eusc-de-east-1", Config.from(env("AWS_REGION", "eusc-de-east-1")).region());
        assertTrue(failure("AWS_REGION", "Mars").startsWith("AWS_REGION must be"));
    }

    @Test
    void anEndpointUrlIsHonouredLikeTheSdkDoes() {
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")),
                Config.from(env("AWS_ENDPOINT_URL_MWAA", "http://127.0.0.1:4566")).mwaaEndpoint());
        assertEquals(Optional.of(URI.create("https://vpce.example")), Config.from(env(
                "AWS_ENDPOINT_URL", "https://other.example", "AWS_ENDPOINT_URL_MWAA", "https://vpce.example"))
                .mwaaEndpoint());
        assertEquals(Optional.of(URI.create("https://all.example")),
                Config.from(env("AWS_ENDPOINT_URL", "https://all.example")).mwaaEndpoint());
        assertEquals(Optional.empty(), Config.from(env("AWS_ENDPOINT_URL_MWAA", "http://127.0.0.1:4566",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")).mwaaEndpoint());
        assertTrue(failure("AWS_ENDPOINT_URL_MWAA", "file:///etc/passwd").startsWith("AWS_ENDPOINT_URL_MWAA"));
    }

    @Test
    void theAirflowRoleIsAName() {
        assertEquals("Op", Config.from(env("AIRFLOW_ROLE", "Op")).airflowRole());
        assertTrue(failure("AIRFLOW_ROLE", "Op/../Admin").startsWith("AIRFLOW_ROLE must be"));
    }

    @Test
    void aMappingWithItsRoleArnsSignsPeopleInAsThemselves() {
        Config config = Config.from(env("ROLE_MAPPING", "admins=Admin; *=Viewer", "AIRFLOW_ROLE_ARNS",
                "Admin=" + PersonalLoginTest.ADMIN_ARN + ";Viewer=" + PersonalLoginTest.VIEWER_ARN,
                "IDENTITY_CLAIM", "upn", "GROUPS_CLAIM", "roles"));
        assertTrue(!config.identity().isShared());
        assertEquals(List.of(AirflowRole.Admin, AirflowRole.Viewer), config.identity().mapping().grantableRoles());
        assertEquals(PersonalLoginTest.ADMIN_ARN, config.identity().roleArns().get(AirflowRole.Admin));
        assertEquals("upn", config.identity().personClaim());
        assertEquals(Optional.of("roles"), config.identity().groupsClaim());
        assertTrue(Config.from(env()).identity().isShared());
        assertEquals("email", Config.from(env()).identity().personClaim(), "a verified e-mail address by default");
        assertEquals(Optional.empty(), Config.from(env()).identity().groupsClaim(), "by the token's issuer");
        assertEquals(AuthMode.EITHER_AUTHORIZER, Config.from(env()).identity().authMode());
    }

    @Test
    void thePersonAndTheGroupsComeFromOneClaimEach() {
        assertTrue(failure("IDENTITY_CLAIM", "upn,email").startsWith("IDENTITY_CLAIM must name one claim: "),
                failure("IDENTITY_CLAIM", "upn,email"));
        assertTrue(failure("GROUPS_CLAIM", "cognito:groups,groups").startsWith("GROUPS_CLAIM must name one claim"));
    }

    @Test
    void theAuthModeSaysWhichSourceVouchesAndBrowserModesNeedTheirSecret() {
        assertEquals(AuthMode.AWS_IAM, Config.from(env("AUTH_MODE", "AWS_IAM")).identity().authMode());
        assertEquals(AuthMode.JWT, Config.from(env("AUTH_MODE", "jwt")).identity().authMode());
        assertEquals(AuthMode.OIDC, Config.from(env("AUTH_MODE", "OIDC", "SIGN_IN_SECRET", "s")).identity()
                .authMode());
        assertEquals("AUTH_MODE must be AWS_IAM, JWT, COGNITO or OIDC", failure("AUTH_MODE", "NONE"));
        assertEquals("AUTH_MODE is COGNITO, which signs browsers in: it needs SIGN_IN_SECRET",
                failure("AUTH_MODE", "COGNITO"));
        assertTrue(failure("AUTH_MODE", "JWT", "SIGN_IN_SECRET", "s").startsWith("SIGN_IN_SECRET is for AUTH_MODE "
                + "COGNITO or OIDC"));
    }

    @Test
    void withOidcALoneStarRuleNeedsRequiredClaims() {
        String arns = "Viewer=" + PersonalLoginTest.VIEWER_ARN;
        String everyone = failure("AUTH_MODE", "OIDC", "SIGN_IN_SECRET", "s", "ROLE_MAPPING", "admins=Viewer;*=Viewer",
                "AIRFLOW_ROLE_ARNS", arns);
        assertTrue(everyone.startsWith("ROLE_MAPPING has a lone '*' rule, which with AUTH_MODE OIDC admits everyone")
                && everyone.contains("REQUIRED_CLAIMS"), everyone);
        // With a domain required, or mapped by group, or with a Cognito pool only admins add people to: fine.
        Config.from(env("AUTH_MODE", "OIDC", "SIGN_IN_SECRET", "s", "ROLE_MAPPING", "*=Viewer", "AIRFLOW_ROLE_ARNS",
                arns, "REQUIRED_CLAIMS", "hd=example.com"));
        Config.from(env("AUTH_MODE", "OIDC", "SIGN_IN_SECRET", "s", "ROLE_MAPPING", "viewers*=Viewer",
                "AIRFLOW_ROLE_ARNS", arns));
        Config.from(env("AUTH_MODE", "COGNITO", "SIGN_IN_SECRET", "s", "ROLE_MAPPING", "*=Viewer",
                "AIRFLOW_ROLE_ARNS", arns));
    }

    @Test
    void requiredClaimsAreForTokensAndAreChecked() {
        assertEquals("REQUIRED_CLAIMS is for tokens: with AUTH_MODE AWS_IAM callers carry no claims",
                failure("AUTH_MODE", "AWS_IAM", "REQUIRED_CLAIMS", "hd=example.com"));
        assertTrue(failure("REQUIRED_CLAIMS", "hd").startsWith("REQUIRED_CLAIMS must be claim=value rules"));
        assertTrue(failure("REQUIRED_CLAIMS", "=example.com").startsWith("REQUIRED_CLAIMS must be"));
        assertEquals("[hd, tid]", Config.from(env("REQUIRED_CLAIMS", "hd=example.com; tid=t-1;hd=example.org"))
                .identity().requiredClaims().toString());
    }

    @Test
    void trustedSessionRolesAreRoleNames() {
        assertEquals(List.of("AirflowLogin", "Ops"), Config.from(env("TRUSTED_SESSION_ROLES", "AirflowLogin, Ops"))
                .identity().trustedSessionRoles());
        assertTrue(failure("TRUSTED_SESSION_ROLES", "arn:aws:iam::123456789012:role/AirflowLogin")
                .startsWith("TRUSTED_SESSION_ROLES must be IAM role names"));
        assertTrue(Config.from(env("TRUSTED_SESSION_ROLES", "AirflowLogin")).identity()
                .trustsSessionsOf("airflowlogin"), "IAM role names are unique ignoring case");
        assertTrue(Config.from(env()).identity().trustsSessionsOf("AWSReservedSSO_Admins_0123456789abcdef"));
        assertTrue(!Config.from(env()).identity().trustsSessionsOf("AirflowLogin"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "admins=Admin | '' | AIRFLOW_ROLE_ARNS has no IAM role for Admin, which ROLE_MAPPING grants",
        "'' | Admin=arn:aws:iam::123456789012:role/a | AIRFLOW_ROLE_ARNS is set but ROLE_MAPPING is empty",
        "*=Admin | Admin=arn:aws:iam::123456789012:user/a | AIRFLOW_ROLE_ARNS has an invalid IAM role ARN for Admin",
        "*=Admin | Boss=arn:aws:iam::123456789012:role/a | AIRFLOW_ROLE_ARNS must be AirflowRole=IAM role ARN pairs",
        "*=Admin | Admin=arn:aws:iam::123456789012:role/a;Admin=arn:aws:iam::123456789012:role/b "
                + "| AIRFLOW_ROLE_ARNS names Admin twice",
        "*=Admin | Admin=arn:aws:iam::123456789012:role/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
                + "| AIRFLOW_ROLE_ARNS names an IAM role for Admin longer than 32 characters",
        "*=Root | '' | ROLE_MAPPING 'Root' is not an Airflow role",
    })
    void anInvalidIdentitySettingNamesItsVariable(String mapping, String arns, String message) {
        assertTrue(failure("ROLE_MAPPING", mapping, "AIRFLOW_ROLE_ARNS", arns).startsWith(message),
                failure("ROLE_MAPPING", mapping, "AIRFLOW_ROLE_ARNS", arns));
    }

    @Test
    void claimNamesAreChecked() {
        assertTrue(failure("IDENTITY_CLAIM", "em ail").startsWith("IDENTITY_CLAIM "));
        assertTrue(failure("GROUPS_CLAIM", "grou ps").startsWith("GROUPS_CLAIM "));
    }
}
