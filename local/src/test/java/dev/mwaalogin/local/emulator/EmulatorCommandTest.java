package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void helpIsNull() {
        assertNull(parse("--port", "1", "--help"));
    }

    @Test
    void mistakesAreRefused() {
        for (String[] args : new String[][] {{"--port"}, {"--port", "x"}, {"--nope", "1"}, {"--env", "9bad"},
                {"--credentials", "onlyone"}, {"--fault", "nope=reset"}, {"--fault", "reset"}}) {
            assertThrows(IllegalArgumentException.class, () -> parse(args), String.join(" ", args));
        }
    }
}
