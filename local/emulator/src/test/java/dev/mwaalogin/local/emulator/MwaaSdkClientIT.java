package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.AccessDeniedException;
import software.amazon.awssdk.services.mwaa.model.CreateWebLoginTokenResponse;
import software.amazon.awssdk.services.mwaa.model.InternalServerException;
import software.amazon.awssdk.services.mwaa.model.MwaaException;
import software.amazon.awssdk.services.mwaa.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaa.model.ValidationException;

/** The emulator as the real AWS SDK v2 MwaaClient (over UrlConnectionHttpClient) sees it. */
class MwaaSdkClientIT {

    private static final EmulatorCredentials FUNCTION_ROLE = new EmulatorCredentials("ASIAFUNCTIONROLE0001",
            "functionRoleSecret", "function-session-token", "assumed-role/mwaa-login-function/local");

    private MwaaEmulator emu;
    private MwaaClient mwaa;

    @BeforeEach
    void start() {
        emu = MwaaEmulator.builder().environment("demo").credentials(FUNCTION_ROLE).requestLog(null).build().start();
        mwaa = MwaaClients.of(emu);
    }

    @AfterEach
    void stop() {
        mwaa.close();
        emu.close();
    }

    private CreateWebLoginTokenResponse login(MwaaClient client) {
        return client.createWebLoginToken(r -> r.name("demo"));
    }

    @Test
    void answersWithEveryField() {
        CreateWebLoginTokenResponse response = login(mwaa);
        assertEquals(emu.environment("demo").webServerHostname(), response.webServerHostname());
        assertTrue(response.webServerHostname().endsWith(".c7.us-east-1.airflow.on.aws"));
        assertEquals(EmulatorCredentials.DEFAULT_IAM_IDENTITY, response.iamIdentity());
        assertEquals(EmulatorCredentials.DEFAULT_IAM_IDENTITY, response.airflowIdentity());
        assertTrue(response.webToken().length() >= 200, response.webToken().length() + " characters");
        assertTrue(response.webToken().matches("[A-Za-z0-9_-]+"), "URL- and fragment-safe");
        assertTrue(response.responseMetadata().requestId().matches("[0-9a-f-]{36}"));
        assertEquals(1, emu.hits("demo"));
    }

    @Test
    void tokensAreUnique() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            tokens.add(login(mwaa).webToken());
        }
        assertEquals(25, tokens.size());
    }

    @Test
    void temporaryCredentialsNameTheirOwnIdentity() {
        try (MwaaClient asFunction = MwaaClients.of(emu, AwsSessionCredentials.create(FUNCTION_ROLE.accessKeyId(),
                FUNCTION_ROLE.secretAccessKey(), FUNCTION_ROLE.sessionToken()), AwsRetryStrategy.doNotRetry(),
                Duration.ofSeconds(5))) {
            CreateWebLoginTokenResponse response = login(asFunction);
            assertEquals("assumed-role/mwaa-login-function/local", response.iamIdentity());
            assertEquals("assumed-role/mwaa-login-function/local", response.airflowIdentity());
        }
    }

    @Test
    void unknownEnvironmentIsResourceNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> mwaa.createWebLoginToken(r -> r.name("nope")));
        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("nope"));
        assertEquals(1, emu.hits("nope"));
    }

    @Test
    void badNameIsValidation() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> mwaa.createWebLoginToken(r -> r.name("9 lives")));
        assertEquals(400, e.statusCode());
    }

    @Test
    void injectedStatusesArriveAsTheirExceptionClasses() {
        emu.faults("demo").status(404);
        assertInstanceOf(ResourceNotFoundException.class, assertThrows(MwaaException.class, () -> login(mwaa)));
        emu.faults("demo").status(403);
        AccessDeniedException denied = assertThrows(AccessDeniedException.class, () -> login(mwaa));
        assertFalse(denied.awsErrorDetails().errorMessage().isBlank(), "the capitalised Message member is read");
        emu.faults("demo").status(400);
        assertThrows(ValidationException.class, () -> login(mwaa));
        emu.faults("demo").status(500);
        assertThrows(InternalServerException.class, () -> login(mwaa));
        emu.faults("demo").status(503);
        MwaaException unavailable = assertThrows(MwaaException.class, () -> login(mwaa));
        assertEquals(503, unavailable.statusCode());
        assertEquals("ServiceUnavailableException", unavailable.awsErrorDetails().errorCode());
    }

    @Test
    void throttlingIsRecognisedAsSuch() {
        emu.faults("demo").throttle();
        MwaaException e = assertThrows(MwaaException.class, () -> login(mwaa));
        assertEquals(429, e.statusCode());
        assertTrue(e.isThrottlingException());
    }

    @Test
    void wrongSecretIsASignatureError() {
        try (MwaaClient wrong = MwaaClients.of(emu, AwsBasicCredentials.create(
                EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, "not-the-secret"), AwsRetryStrategy.doNotRetry(),
                Duration.ofSeconds(5))) {
            MwaaException e = assertThrows(MwaaException.class, () -> login(wrong));
            assertEquals(403, e.statusCode());
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unknownKeyIsUnrecognized() {
        try (MwaaClient stranger = MwaaClients.of(emu, AwsBasicCredentials.create("AKIASTRANGER00000001", "x"),
                AwsRetryStrategy.doNotRetry(), Duration.ofSeconds(5))) {
            MwaaException e = assertThrows(MwaaException.class, () -> login(stranger));
            assertEquals(403, e.statusCode());
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void malformedJsonIsAClientError() {
        emu.faults("demo").malformedJson();
        // A client-side failure (the body does not parse), not a service error.
        assertThrows(SdkClientException.class, () -> login(mwaa));
    }

    @Test
    void resetIsAClientError() {
        emu.faults("demo").reset();
        assertThrows(SdkClientException.class, () -> login(mwaa));
    }

    /**
     * Worth knowing when testing retry policies: the JDK's HttpURLConnection (under UrlConnectionHttpClient)
     * quietly sends a request again once when the connection fails before an answer ({@code sun.net.http.retryPost}
     * defaults to true), even with the SDK's retries off. One reset is invisible to the caller; it takes two.
     */
    @Test
    void httpUrlConnectionHidesASingleReset() {
        emu.faults("demo").reset().once();
        assertFalse(login(mwaa).webToken().isEmpty());
        assertEquals(2, emu.hits("demo"));

        emu.resetHits();
        emu.faults("demo").reset().times(2);
        assertThrows(SdkClientException.class, () -> login(mwaa));
        assertEquals(2, emu.hits("demo"));
    }

    @Test
    void hangRunsIntoTheAttemptTimeout() {
        emu.faults("demo").hang(Duration.ofMinutes(5));
        try (MwaaClient impatient = MwaaClients.of(emu, AwsBasicCredentials.create(
                EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY),
                AwsRetryStrategy.doNotRetry(), Duration.ofMillis(500))) {
            long started = System.nanoTime();
            assertThrows(SdkClientException.class, () -> login(impatient));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 450 && millis < 4_000, millis + " ms");
        }
    }

    @Test
    void standardRetriesGetPastTwoFailures() {
        emu.faults("demo").status(500).times(2);
        try (MwaaClient retrying = MwaaClients.of(emu, AwsBasicCredentials.create(
                EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY),
                AwsRetryStrategy.standardRetryStrategy(), Duration.ofSeconds(5))) {
            assertFalse(login(retrying).webToken().isEmpty());
        }
        assertEquals(3, emu.hits("demo"));
    }

    /**
     * The SDK's clock is 20 minutes behind (set through its JVM-wide offset, {@link SdkGlobalTime}); the emulator
     * answers "Signature expired" with its own time in {@code Date}, from which the SDK learns the skew and signs the
     * retry right. The offset is put back to zero afterwards: otherwise every later client in this JVM would sign
     * with whatever it learned.
     */
    @Test
    void sdkCorrectsItsClockFromTheDateHeaderAfterSignatureExpired() {
        try {
            SdkGlobalTime.setGlobalTimeOffset(20 * 60);
            try (MwaaClient retrying = MwaaClients.of(emu, AwsBasicCredentials.create(
                    EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY),
                    AwsRetryStrategy.standardRetryStrategy(), Duration.ofSeconds(5))) {
                assertFalse(login(retrying).webToken().isEmpty());
                assertEquals(2, emu.hits("demo"), "first attempt expired, the retry used the server's clock");
                assertTrue(Math.abs(SdkGlobalTime.getGlobalTimeOffset()) < 60, "learned: "
                        + SdkGlobalTime.getGlobalTimeOffset() + " s");
            }
        } finally {
            SdkGlobalTime.setGlobalTimeOffset(0);
        }
    }
}
