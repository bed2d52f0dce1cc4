package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultBookTest {

    private final FaultBook book = new FaultBook(Set.of("demo", "other"));
    private final FaultControl demo = book.control("demo").orElseThrow();

    @Test
    void eachEnvironmentsInvokeRestApiIsATargetThatAloneTakesAirflowFaults() {
        FaultControl restApi = book.control(MwaaEmulator.restApi("demo")).orElseThrow();
        restApi.airflowStatus(503).once();
        assertEquals(Optional.of(new Fault.AirflowStatus(503)), book.take("restapi:demo"));
        assertTrue(book.take("restapi:demo").isEmpty());
        assertTrue(book.take("demo").isEmpty(), "CreateWebLoginToken's target is another");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> demo.airflowStatus(503));
        assertTrue(e.getMessage().contains("restapi:<environment>"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> book.control(MwaaEmulator.STS).orElseThrow().arm("airflow:500"));
        assertTrue(book.control("restapi:nope").isEmpty());
    }

    @Test
    void armedFaultHitsEveryRequestUntilCleared() {
        demo.throttle();
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(Fault.ErrorStatus.of(429)), book.take("demo"));
        }
        demo.clear();
        assertTrue(book.take("demo").isEmpty());
    }

    @Test
    void timesLimitsToTheNextNRequests() {
        demo.status(500).times(2);
        assertTrue(book.take("demo").isPresent());
        assertEquals(1, book.current("demo").orElseThrow().times());
        assertTrue(book.take("demo").isPresent());
        assertTrue(book.take("demo").isEmpty());
        assertTrue(demo.current().isEmpty());
    }

    @Test
    void timesCountsRequestsTheFaultAlreadyHit() {
        ArmedFault armed = demo.reset();
        book.take("demo"); // a request slipped in between arming and narrowing
        armed.times(2);
        assertTrue(book.take("demo").isPresent());
        assertTrue(book.take("demo").isEmpty());
    }

    @Test
    void narrowingAReplacedFaultLeavesTheNewOneAlone() {
        ArmedFault old = demo.reset();
        demo.latency(Duration.ofMillis(1));
        book.take("demo");
        old.once();
        assertEquals(Optional.of(new Fault.Latency(Duration.ofMillis(1))), book.take("demo"));
    }

    @Test
    void faultsArePerEnvironment() {
        demo.malformedJson();
        assertTrue(book.take("other").isEmpty());
        assertEquals(Optional.of(new Fault.MalformedJson()), book.take("demo"));
    }

    @Test
    void targetsAreTheEnvironmentsTheirInvokeRestApiAndTheOtherApis() {
        assertEquals(Set.of("demo", "other", "restapi:demo", "restapi:other", MwaaEmulator.STS,
                MwaaEmulator.SECRETS_MANAGER, MwaaEmulator.GET_ENVIRONMENT), book.targets());
        assertTrue(book.control("nope").isEmpty());
        book.control(MwaaEmulator.STS).orElseThrow().throttle();
        assertEquals(Optional.of(new Fault.ErrorStatus(400, "Throttling")), book.take(MwaaEmulator.STS));
    }

    @Test
    void textArmsTheSameFaults() {
        demo.arm("status:500,times=1");
        assertEquals("status:500:InternalServerException,times=1", book.current("demo").orElseThrow().toString());
        assertTrue(book.take("demo").isPresent());
        assertTrue(book.take("demo").isEmpty());
    }

    @Test
    void invalidFaultsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> demo.status(418));
        assertThrows(IllegalArgumentException.class, () -> demo.status(200, "Fine"));
        assertThrows(IllegalArgumentException.class, () -> demo.hang(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> demo.reset().times(0));
    }
}
