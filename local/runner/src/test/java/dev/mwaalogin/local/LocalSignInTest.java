package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.emulator.MwaaEmulator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSignInTest {

    private static Map<String, String> mapped() {
        Map<String, String> env = new HashMap<>();
        env.put("MWAA_ENVIRONMENT_NAME", "demo");
        env.put("ROLE_MAPPING", "airflow-admins=Admin");
        env.put("AIRFLOW_ROLE_ARNS", "Admin=arn:aws:iam::123456789012:role/a");
        return env;
    }

    @Test
    void noneDropsTheMappingSoEveryoneSharesTheFunctionsIdentity() {
        Map<String, String> env = mapped();
        LocalSignIn none = LocalSignIn.of("none", 0, false);
        none.configure(env, null);
        none.publicBaseUrl(env, "http://127.0.0.1:3000");
        assertEquals(Map.of("MWAA_ENVIRONMENT_NAME", "demo"), env);
    }

    @Test
    void notGivenLeavesTheEnvironmentAsConfigured() {
        Map<String, String> env = mapped();
        LocalSignIn asIs = LocalSignIn.of(null, 0, false);
        asIs.configure(env, null);
        assertEquals(mapped(), env);
        assertNull(asIs.sessionKey());
    }

    @Test
    void oidcStartsTheProviderAndKeepsAFreshKeyInTheEmulator() {
        Map<String, String> env = mapped();
        LocalSignIn oidc = LocalSignIn.of("OIDC", 0, false);
        MwaaEmulator.Builder builder = MwaaEmulator.builder().environment("demo").requestLog(null);
        oidc.register(builder);
        try (MwaaEmulator emulator = builder.build().start(); oidc) {
            oidc.configure(env, emulator);
            oidc.publicBaseUrl(env, "http://127.0.0.1:3000");
            assertEquals(oidc.provider().issuer(), env.get("OIDC_ISSUER"));
            assertTrue(env.get("OIDC_ISSUER").matches("http://localhost:[0-9]+/default"), env.get("OIDC_ISSUER"));
            assertEquals(LocalProvider.CLIENT_ID, env.get("OIDC_CLIENT_ID"));
            assertEquals(emulator.secretArn(LocalSignIn.SECRET_NAME), env.get("SIGN_IN_SECRET"));
            assertEquals("http://127.0.0.1:3000", env.get("PUBLIC_BASE_URL"));
            assertEquals("airflow-admins=Admin", env.get("ROLE_MAPPING"), "people keep their mapped roles");
            assertTrue(oidc.sessionKey().matches("[A-Za-z0-9_-]{64}"), "64 characters, as the template makes");
        }
        assertTrue(!oidc.sessionKey().equals(LocalSignIn.of("oidc", 0, false).sessionKey()), "a new key each start");
    }

    @Test
    void oidcNeedsTheEmulatorAndUnknownModesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LocalSignIn.of("oidc", 0, true));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LocalSignIn.of("saml", 0, false));
        assertEquals("--auth must be oidc or none, not saml", unknown.getMessage());
    }

    @Test
    void theHintNamesAGroupTheMappingGivesARole() {
        assertEquals("{\"groups\":[\"airflow-admins\"]}",
                LocalSignIn.exampleClaims("airflow-admins=Admin;data-*=User;AirflowLogin=Viewer"));
        assertEquals("{\"groups\":[\"AirflowLogin\"]}", LocalSignIn.exampleClaims("data-*=User;AirflowLogin=Viewer"));
        assertTrue(LocalSignIn.exampleClaims(null).contains("a group ROLE_MAPPING names"));
    }
}
