package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultSpecTest {

    private static FaultSpec mwaa(String text) {
        return FaultSpec.parse(text, Dialect.MWAA);
    }

    @Test
    void everyKind() {
        assertEquals(new FaultSpec(Fault.ErrorStatus.of(503), FaultBook.ALWAYS), mwaa("status:503"));
        assertEquals(new FaultSpec(new Fault.ErrorStatus(502, "BadGateway"), 2), mwaa("status:502:BadGateway,times=2"));
        assertEquals(new FaultSpec(new Fault.Latency(Duration.ofMillis(1500)), FaultBook.ALWAYS), mwaa("latency:1500"));
        assertEquals(new FaultSpec(new Fault.Hang(Duration.ofMillis(60000)), 1), mwaa("hang:60000,times=1"));
        assertEquals(new FaultSpec(Fault.ErrorStatus.of(429), FaultBook.ALWAYS), mwaa("throttle"));
        assertEquals(new FaultSpec(new Fault.ResetConnection(), FaultBook.ALWAYS), mwaa(" reset\n"));
        assertEquals(new FaultSpec(new Fault.MalformedJson(), FaultBook.ALWAYS), mwaa("malformed-json"));
        assertEquals(new FaultSpec(new Fault.MalformedJson(), FaultBook.ALWAYS), mwaa("malformed"));
        assertEquals(new FaultSpec(new Fault.AirflowStatus(503), 1), mwaa("airflow:503,times=1"));
    }

    @Test
    void statusesAndThrottlingTakeTheTargetServicesTypes() {
        assertEquals(new Fault.ErrorStatus(400, "Throttling"), FaultSpec.parse("throttle", Dialect.STS).fault());
        assertEquals(new Fault.ErrorStatus(404, "ResourceNotFoundException"),
                FaultSpec.parse("status:404", Dialect.SECRETS_MANAGER).fault());
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("status:404", Dialect.STS));
    }

    @Test
    void mistakesAreExplained() {
        for (String bad : new String[] {"latency", "latency:soon", "reset,twice", "reset,times=0", "reset,times=x",
                "status:418", "status:200:Fine", "hang:-1", "explode", "", "{\"kind\":\"reset\"}", "airflow",
                "airflow:200", "airflow:soon"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mwaa(bad), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
        }
    }

    @Test
    void writtenBackInTheSameSyntax() {
        for (String text : new String[] {"status:429:ThrottlingException,times=3", "reset", "latency:1500",
                "hang:60000,times=1", "malformed-json", "status:502:BadGateway", "airflow:500,times=2"}) {
            assertEquals(text, mwaa(text).toString());
            assertEquals(mwaa(text), mwaa(mwaa(text).toString()));
        }
        assertEquals("status:503:ServiceUnavailableException", mwaa("status:503").toString());
    }
}
