package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorCommandTest {

    private static MwaaEmulator parse(String... args) {
        return EmulatorCommand.parse(args, null);
    }

    @Test
    void defaults() {
        try (MwaaEmulator emu = parse()) {
            assertEquals(List.of("demo"), List.copyOf(emu.environments().keySet()));
            assertEquals("us-east-1", emu.region());
        }
    }

    @Test
    void environmentsWithHostnameAndVersion() {
        try (MwaaEmulator emu = parse("--region", "eu-west-1", "--env", "a", "--env", "b=airflow.example.test",
                "--env", "c=c.example.test,2.9.2")) {
            assertEquals(".c7.eu-west-1.airflow.on.aws",
                    emu.environment("a").webServerHostname().replaceFirst("^[0-9a-f-]{36}", ""));
            assertEquals(new EmulatedEnvironment("b", "airflow.example.test",
                    EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION), emu.environment("b"));
            assertEquals("2.9.2", emu.environment("c").airflowVersion());
        }
    }

    @Test
    void faultsAreArmed() {
        try (MwaaEmulator emu = parse("--env", "demo", "--fault", "demo=throttle,times=3")) {
            assertEquals(Fault.ErrorStatus.of(429), emu.faults("demo").current().orElseThrow());
        }
    }

    @Test
    void airflowVersionsRolesSecretsAndServiceFaults() {
        try (MwaaEmulator emu = parse("--env", "demo", "--env", "v3demo@3.0.6", "--env", "h@3.0.1=h.example.test",
                "--iam-role", "Admin@demo=arn:aws:iam::210987654321:role/mwaa=admin",
                "--iam-role", "Viewer=arn:aws:iam::210987654321:role/mwaa-viewer", "--airflow-role", "Op",
                "--secret", "oidc/client=value=with=equals", "--fault", "_sts=throttle,times=2")) {
            assertEquals(EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION, emu.environment("demo").airflowVersion());
            assertEquals("3.0.6", emu.environment("v3demo").airflowVersion());
            assertEquals(new EmulatedEnvironment("h", "h.example.test", "3.0.1"), emu.environment("h"));
            assertEquals("210987654321", emu.account(), "the roles' account");
            assertEquals(java.util.Set.of("demo"),
                    emu.iamRoles().get("arn:aws:iam::210987654321:role/mwaa=admin").environments());
            assertEquals("Viewer", emu.iamRoles().get("arn:aws:iam::210987654321:role/mwaa-viewer").airflowRole());
            assertTrue(emu.secretArn("oidc/client").contains(":secret:oidc/client-"));
            assertEquals(new Fault.ErrorStatus(400, "Throttling"),
                    emu.faults(MwaaEmulator.STS).current().orElseThrow());
        }
    }

    @Test
    void anAirflowFaultOnAnEnvironmentsInvokeRestApi() {
        try (MwaaEmulator emu = parse("--env", "demo", "--fault", "restapi:demo=airflow:500,times=1",
                "--registered-rest-api")) {
            assertEquals(new Fault.AirflowStatus(500), emu.faults(MwaaEmulator.restApi("demo")).current()
                    .orElseThrow());
            assertEquals(List.of("example_cleanup", "example_etl", "example_report"), emu.airflow("demo").dagIds());
        }
    }

    @Test
    void helpIsNull() {
        assertNull(parse("--port", "1", "--help"));
    }

    @Test
    void mistakesAreRefused() {
        for (String[] args : new String[][] {{"--port"}, {"--port", "x"}, {"--nope", "1"}, {"--env", "9bad"},
                {"--credentials", "onlyone"}, {"--fault", "nope=reset"}, {"--fault", "reset"},
                {"--fault", "_sts=status:404"}, {"--env", "x@3.0.1=h,3.0.2"}, {"--iam-role", "Admin"},
                {"--iam-role", "Admin@nope=arn:aws:iam::123456789012:role/a"}, {"--secret", "s="},
                {"--airflow-role", "Not a role"}, {"--account", "1"}, {"--fault", "demo=airflow:500"},
                {"--fault", "restapi:nope=throttle"}}) {
            assertThrows(IllegalArgumentException.class, () -> parse(args), String.join(" ", args));
        }
    }
}
