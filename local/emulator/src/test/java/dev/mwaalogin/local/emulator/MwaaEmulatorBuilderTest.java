package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the builder accepts and refuses, without starting a server. */
class MwaaEmulatorBuilderTest {

    private static final String ADMIN = "arn:aws:iam::210987654321:role/mwaa-admin";

    @TempDir
    Path dir;

    private static void refused(String why, Supplier<MwaaEmulator> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void theAccountIsTheRolesAccountUnlessSet() {
        try (MwaaEmulator emu = MwaaEmulator.builder().environment("demo").iamRole(ADMIN, "Admin").build()) {
            assertEquals("210987654321", emu.account());
        }
        try (MwaaEmulator emu = MwaaEmulator.builder().build()) {
            assertEquals("123456789012", emu.account());
        }
        refused("is in account 210987654321; the emulator plays account 123456789012",
                () -> MwaaEmulator.builder().account("123456789012").iamRole(ADMIN, "Admin").build());
        refused("several accounts", () -> MwaaEmulator.builder().iamRole(ADMIN, "Admin")
                .iamRole("arn:aws:iam::123456789012:role/other", "Viewer").build());
        assertThrows(IllegalArgumentException.class, () -> MwaaEmulator.builder().account("12345"));
    }

    @Test
    void rolesGrantOnlyEnvironmentsThatExist() {
        refused("grants Admin in analytics, which is not an environment of this emulator",
                () -> MwaaEmulator.builder().environment("demo").iamRole(ADMIN, "Admin", "analytics").build());
        assertThrows(IllegalArgumentException.class, () -> MwaaEmulator.builder().iamRole(ADMIN, "Admin")
                .iamRole(ADMIN, "Viewer"), "one Airflow role per IAM role");
    }

    @Test
    void eachEnvironmentHasItsOwnAirflowWithTheExampleDagsOrThoseGiven() {
        try (MwaaEmulator emu = MwaaEmulator.builder().environment("demo").environment("v3demo", "3.0.6")
                .dag("v3demo", "ingest").pausedDag("v3demo", "backfill").build()) {
            assertEquals(List.of("example_cleanup", "example_etl", "example_report"), emu.airflow("demo").dagIds());
            assertTrue(emu.airflow("demo").isPaused("example_cleanup"));
            assertEquals(List.of("backfill", "ingest"), emu.airflow("v3demo").dagIds());
            assertTrue(emu.airflow("v3demo").isPaused("backfill"));
            assertEquals("3.0.6", emu.airflow("v3demo").environment().airflowVersion());
            assertThrows(IllegalArgumentException.class, () -> emu.airflow("nope"));
        }
        refused("DAGs added to analytics, which is not an environment of this emulator",
                () -> MwaaEmulator.builder().environment("demo").dag("analytics", "ingest").build());
        assertThrows(IllegalArgumentException.class, () -> MwaaEmulator.builder().dag("demo", "ingest")
                .pausedDag("demo", "ingest"), "a DAG once per environment");
        assertThrows(IllegalArgumentException.class, () -> MwaaEmulator.builder().dag("demo", "no spaces"));
        assertEquals("restapi:demo", MwaaEmulator.restApi("demo"));
    }

    @Test
    void environmentsCarryTheirAirflowVersion() {
        try (MwaaEmulator emu = MwaaEmulator.builder().environment("demo").environment("v3demo", "3.0.6")
                .environment("fixed", "airflow.example.test", "3.0.1").build()) {
            assertEquals(EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION, emu.environment("demo").airflowVersion());
            assertEquals("3.0.6", emu.environment("v3demo").airflowVersion());
            assertTrue(emu.environment("v3demo").webServerHostname().endsWith(".c7.us-east-1.airflow.on.aws"));
            assertEquals(EmulatedEnvironment.AIRFLOW_3_LOGIN_PATH, emu.environment("fixed").loginPath());
        }
        assertThrows(IllegalArgumentException.class, () -> MwaaEmulator.builder().environment("demo")
                .environment("demo", "3.0.6"));
        assertThrows(IllegalArgumentException.class, () -> MwaaEmulator.builder().environment("demo", "three"));
    }

    @Test
    void secretsHaveStableArnsAndTheirValuesGoToTheLedger() throws Exception {
        Path ledger = dir.resolve("ledger");
        String arn;
        try (MwaaEmulator emu = MwaaEmulator.builder().tokenLedger(ledger)
                .secret("mwaa-login/oidc", "first-line\nsecond-line").build()) {
            arn = emu.secretArn("mwaa-login/oidc");
            assertTrue(arn.matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:mwaa-login/oidc-[A-Za-z]{6}"),
                    arn);
            assertThrows(IllegalArgumentException.class, () -> emu.secretArn("other"));
        }
        assertEquals(List.of("first-line", "second-line"), Files.readAllLines(ledger));
        try (MwaaEmulator again = MwaaEmulator.builder().secret("mwaa-login/oidc", "another-value").build()) {
            assertEquals(arn, again.secretArn("mwaa-login/oidc"), "the same after a restart");
        }
        refused("at least 8 characters", () -> MwaaEmulator.builder().secret("short", "1234567").build());
        refused("not a Secrets Manager secret name", () -> MwaaEmulator.builder().secret("a b", "12345678").build());
    }

    @Test
    void faultTargetsAreEnvironmentsOrTheReservedNames() {
        try (MwaaEmulator emu = MwaaEmulator.builder().environment("demo").build()) {
            emu.faults(MwaaEmulator.STS).throttle();
            assertEquals(new Fault.ErrorStatus(400, "Throttling"),
                    emu.faults(MwaaEmulator.STS).current().orElseThrow());
            emu.faults(MwaaEmulator.SECRETS_MANAGER).status(404);
            emu.faults(MwaaEmulator.GET_ENVIRONMENT).throttle();
            assertEquals(429, ((Fault.ErrorStatus) emu.faults(MwaaEmulator.GET_ENVIRONMENT).current().orElseThrow())
                    .status());
            assertTrue(emu.faults("demo").current().isEmpty(), "GetEnvironment's faults are its own");
            assertThrows(IllegalArgumentException.class, () -> emu.faults("_other"));
        }
    }
}
