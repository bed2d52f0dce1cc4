package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.emulator.EmulatedEnvironment;
import dev.mwaalogin.local.emulator.IamRole;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalEmulatorTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo",
                "ALLOWED_ENVIRONMENTS", "demo, analytics,v3demo,not valid!", "AIRFLOW_ROLE", "Viewer"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static MwaaEmulator build(Map<String, String> env) {
        return LocalEmulator.configure(env, "eu-west-1", 0).requestLog(null).build();
    }

    @Test
    void everyRoleArnBecomesAnIamRoleGrantingItsAirflowRoleInEveryAllowedEnvironment() {
        Map<String, String> env = env("AIRFLOW_ROLE_ARNS", "Admin=arn:aws:iam::210987654321:role/mwaa-admin; "
                + "Viewer=arn:aws:iam::210987654321:role/path/mwaa-viewer;", "LOCAL_AIRFLOW_VERSIONS", "v3demo=3.0.6");
        try (MwaaEmulator emu = build(env)) {
            assertEquals(List.of("demo", "analytics", "v3demo"), List.copyOf(emu.environments().keySet()));
            assertEquals("210987654321", emu.account(), "parsed from the role ARNs");
            assertEquals("eu-west-1", emu.region());
            IamRole admin = emu.iamRoles().get("arn:aws:iam::210987654321:role/mwaa-admin");
            assertEquals("Admin", admin.airflowRole());
            assertEquals(Set.of("demo", "analytics", "v3demo"), admin.environments());
            assertEquals("mwaa-viewer", emu.iamRoles().get("arn:aws:iam::210987654321:role/path/mwaa-viewer").name());
            assertEquals("3.0.6", emu.environment("v3demo").airflowVersion());
            assertEquals(EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION, emu.environment("analytics").airflowVersion());
        }
        assertFalse(env.containsKey(LocalEmulator.LOCAL_AIRFLOW_VERSIONS), "local-only: not passed to the function");
    }

    @Test
    void withoutRoleArnsItIsTodaysEmulator() {
        try (MwaaEmulator emu = build(env())) {
            assertTrue(emu.iamRoles().isEmpty());
            assertEquals("123456789012", emu.account());
        }
    }

    @Test
    void unreadableSettingsAreRefusedWithTheVariablesName() {
        for (Map<String, String> env : List.of(env("AIRFLOW_ROLE_ARNS", "arn:aws:iam::210987654321:role/a"),
                env("AIRFLOW_ROLE_ARNS", "Admin=arn:aws:iam::1:role/a"),
                env("AIRFLOW_ROLE_ARNS", "Admin=arn:aws:iam::210987654321:role/a;"
                        + "Admin=arn:aws:iam::210987654321:role/b"),
                env("LOCAL_AIRFLOW_VERSIONS", "elsewhere=3.0.6"), env("LOCAL_AIRFLOW_VERSIONS", "demo=latest"))) {
            assertThrows(IllegalArgumentException.class, () -> build(env), env.toString());
        }
    }

    @Test
    void theFunctionIsPointedAtTheEmulatorForEveryApi() {
        Map<String, String> env = env();
        try (MwaaEmulator emu = build(env).start()) {
            LocalEmulator.pointAt(emu, env);
            String endpoint = emu.endpoint().toString();
            for (String variable : List.of("AWS_ENDPOINT_URL_MWAA", "AWS_ENDPOINT_URL_STS",
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AIRFLOW_BASE_URL")) {
                assertEquals(endpoint, env.get(variable), variable);
            }
            assertEquals("eu-west-1", env.get("AWS_REGION"));
        }
    }
}
