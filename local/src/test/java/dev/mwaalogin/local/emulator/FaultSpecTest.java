package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultSpecTest {

    @Test
    void cliForms() {
        assertEquals(new FaultSpec(Fault.ErrorStatus.of(503), FaultBook.ALWAYS), FaultSpec.fromCli("status:503"));
        assertEquals(new FaultSpec(new Fault.ErrorStatus(502, "BadGateway"), 2),
                FaultSpec.fromCli("status:502:BadGateway,times=2"));
        assertEquals(new FaultSpec(new Fault.Latency(Duration.ofMillis(1500)), FaultBook.ALWAYS),
                FaultSpec.fromCli("latency:1500"));
        assertEquals(new FaultSpec(new Fault.Hang(Duration.ofMillis(60000)), 1), FaultSpec.fromCli("hang:60000,times=1"));
        assertEquals(new FaultSpec(Fault.ErrorStatus.of(429), FaultBook.ALWAYS), FaultSpec.fromCli("throttle"));
        assertEquals(new FaultSpec(new Fault.ResetConnection(), FaultBook.ALWAYS), FaultSpec.fromCli("reset"));
        assertEquals(new FaultSpec(new Fault.MalformedJson(), FaultBook.ALWAYS), FaultSpec.fromCli("malformed-json"));
    }

    @Test
    void jsonForms() {
        assertEquals(new FaultSpec(Fault.ErrorStatus.of(500), 2),
                FaultSpec.fromJson(Map.of("kind", "status", "status", 500L, "times", 2L)));
        assertEquals(new FaultSpec(new Fault.Latency(Duration.ofMillis(10)), FaultBook.ALWAYS),
                FaultSpec.fromJson(Map.of("kind", "latency", "millis", 10L)));
    }

    @Test
    void mistakesAreExplained() {
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.fromCli("latency"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.fromCli("reset,twice"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.fromJson(Map.of("status", 500L)));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.fromJson(Map.of("kind", "reset", "times", "2")));
    }

    @Test
    void describesWhatIsArmed() {
        assertEquals(Map.of("kind", "status", "status", 429, "errorType", "ThrottlingException", "remaining", 3),
                FaultSpec.describe(Fault.ErrorStatus.of(429), 3));
        assertEquals(Map.of("kind", "reset", "remaining", "always"),
                FaultSpec.describe(new Fault.ResetConnection(), FaultBook.ALWAYS));
    }
}
