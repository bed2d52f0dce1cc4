package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.AccessDeniedException;
import software.amazon.awssdk.services.mwaa.model.Environment;
import software.amazon.awssdk.services.mwaa.model.EnvironmentStatus;
import software.amazon.awssdk.services.mwaa.model.MwaaException;
import software.amazon.awssdk.services.mwaa.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaa.model.ValidationException;

/** MWAA's GetEnvironment as the real MwaaClient sees it: how the function learns an environment's Airflow version. */
class GetEnvironmentIT {

    private final Instant started = Instant.now();
    private MwaaEmulator emu;
    private MwaaClient mwaa;

    @BeforeEach
    void start() {
        emu = MwaaEmulator.builder().account("210987654321").environment("demo").environment("v3demo", "3.0.6")
                .iamRole("arn:aws:iam::210987654321:role/mwaa-viewer", "Viewer").requestLog(null).build().start();
        mwaa = MwaaClients.of(emu);
    }

    @AfterEach
    void stop() {
        mwaa.close();
        emu.close();
    }

    @Test
    void reportsEachEnvironmentsAirflowVersion() {
        Environment v2 = mwaa.getEnvironment(r -> r.name("demo")).environment();
        assertEquals("demo", v2.name());
        assertEquals(EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION, v2.airflowVersion());
        assertEquals(EnvironmentStatus.AVAILABLE, v2.status());
        assertEquals("arn:aws:airflow:us-east-1:210987654321:environment/demo", v2.arn());
        assertEquals(emu.environment("demo").webServerHostname(), v2.webserverUrl());
        assertTrue(!v2.createdAt().isBefore(started.truncatedTo(ChronoUnit.MILLIS)), v2.createdAt().toString());

        assertEquals("3.0.6", mwaa.getEnvironment(r -> r.name("v3demo")).environment().airflowVersion());
        assertEquals(2, emu.hits(MwaaEmulator.GET_ENVIRONMENT));
        assertEquals(0, emu.hits("demo"), "CreateWebLoginToken's count is its own");
    }

    @Test
    void unknownAndInvalidNames() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> mwaa.getEnvironment(r -> r.name("nope")));
        assertEquals(404, missing.statusCode());
        assertEquals("Environment named nope not found.", missing.awsErrorDetails().errorMessage());
        assertThrows(ValidationException.class, () -> mwaa.getEnvironment(r -> r.name("9lives")));
    }

    @Test
    void onlyTheFunctionsOwnRoleMayDescribe() {
        try (var sts = SdkClients.sts(emu, SdkClients.DEFAULT);
             MwaaClient asPerson = SdkClients.mwaa(emu, sts.assumeRole(r -> r
                     .roleArn("arn:aws:iam::210987654321:role/mwaa-viewer").roleSessionName("alice")).credentials())) {
            AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                    () -> asPerson.getEnvironment(r -> r.name("demo")));
            assertEquals("User: arn:aws:sts::210987654321:assumed-role/mwaa-viewer/alice is not authorized to "
                    + "perform: airflow:GetEnvironment on resource: arn:aws:airflow:us-east-1:210987654321:environment/"
                    + "demo", denied.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void faultsAreArmedForGetEnvironmentApartFromSigningIn() {
        emu.faults(MwaaEmulator.GET_ENVIRONMENT).throttle().once();
        MwaaException throttled = assertThrows(MwaaException.class, () -> mwaa.getEnvironment(r -> r.name("demo")));
        assertTrue(throttled.isThrottlingException());
        assertEquals(429, throttled.statusCode());
        assertEquals(200, mwaa.createWebLoginToken(r -> r.name("demo")).sdkHttpResponse().statusCode());

        emu.faults("demo").status(500);
        assertEquals(EmulatedEnvironment.DEFAULT_AIRFLOW_VERSION,
                mwaa.getEnvironment(r -> r.name("demo")).environment().airflowVersion(),
                "an environment's fault is for its CreateWebLoginToken only");
    }
}
