package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** Secrets Manager's GetSecretValue as the real SecretsManagerClient sees it. */
class SecretsManagerSdkClientIT {

    private static final String NAME = "mwaa-login/oidc-client";
    private static final String VALUE = "{\"client_secret\":\"<not & real>\"}";

    private MwaaEmulator emu;
    private SecretsManagerClient secrets;

    @BeforeEach
    void start() {
        emu = MwaaEmulator.builder().environment("demo").secret(NAME, VALUE)
                .iamRole("arn:aws:iam::123456789012:role/mwaa-viewer", "Viewer").requestLog(null).build().start();
        secrets = SdkClients.secretsManager(emu, SdkClients.DEFAULT);
    }

    @AfterEach
    void stop() {
        secrets.close();
        emu.close();
    }

    @Test
    void readsASecretByNameOrArn() {
        GetSecretValueResponse byName = secrets.getSecretValue(r -> r.secretId(NAME));
        assertEquals(VALUE, byName.secretString());
        assertEquals(NAME, byName.name());
        assertEquals(emu.secretArn(NAME), byName.arn());
        assertEquals(List.of("AWSCURRENT"), byName.versionStages());
        assertTrue(byName.versionId().matches("[0-9a-f-]{36}"), byName.versionId());
        assertTrue(byName.createdDate() != null);

        GetSecretValueResponse byArn = secrets.getSecretValue(r -> r.secretId(emu.secretArn(NAME))
                .versionStage("AWSCURRENT"));
        assertEquals(VALUE, byArn.secretString());
        assertEquals(byName.versionId(), secrets.getSecretValue(r -> r.secretId(NAME)
                .versionId(byName.versionId())).versionId());
        assertEquals(3, emu.hits(MwaaEmulator.SECRETS_MANAGER));
    }

    @Test
    void anUnknownSecretOrVersionIsNotFound() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> secrets.getSecretValue(r -> r.secretId("nope")));
        assertEquals(400, missing.statusCode());
        assertEquals("Secrets Manager can't find the specified secret.", missing.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> secrets.getSecretValue(r -> r.secretId(NAME)
                .versionStage("AWSPREVIOUS")));
        assertThrows(ResourceNotFoundException.class, () -> secrets.getSecretValue(r -> r.secretId(
                emu.secretArn(NAME).replaceFirst("-[A-Za-z]{6}$", "-AAAAAA"))));
    }

    @Test
    void onlyTheFunctionsOwnRoleMayRead() {
        try (var sts = SdkClients.sts(emu, SdkClients.DEFAULT);
             SecretsManagerClient asPerson = SdkClients.secretsManager(emu, SdkClients.session(sts.assumeRole(r -> r
                     .roleArn("arn:aws:iam::123456789012:role/mwaa-viewer").roleSessionName("alice")).credentials()))) {
            SecretsManagerException denied = assertThrows(SecretsManagerException.class,
                    () -> asPerson.getSecretValue(r -> r.secretId(NAME)));
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertTrue(denied.awsErrorDetails().errorMessage().startsWith("User: arn:aws:sts::123456789012:"
                    + "assumed-role/mwaa-viewer/alice is not authorized to perform: secretsmanager:GetSecretValue"));
        }
        try (SecretsManagerClient stranger = SdkClients.secretsManager(emu,
                AwsBasicCredentials.create("AKIASTRANGER00000001", "x"))) {
            SecretsManagerException e = assertThrows(SecretsManagerException.class,
                    () -> stranger.getSecretValue(r -> r.secretId(NAME)));
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void faultsHaveSecretsManagersShape() {
        emu.faults(MwaaEmulator.SECRETS_MANAGER).throttle().once();
        SecretsManagerException throttled = assertThrows(SecretsManagerException.class,
                () -> secrets.getSecretValue(r -> r.secretId(NAME)));
        assertTrue(throttled.isThrottlingException());
        assertEquals("Rate exceeded", throttled.awsErrorDetails().errorMessage());
        emu.faults(MwaaEmulator.SECRETS_MANAGER).status(500).once();
        assertEquals("InternalServiceError", assertThrows(SecretsManagerException.class,
                () -> secrets.getSecretValue(r -> r.secretId(NAME))).awsErrorDetails().errorCode());
        emu.faults(MwaaEmulator.SECRETS_MANAGER).malformedJson().once();
        assertThrows(SdkClientException.class, () -> secrets.getSecretValue(r -> r.secretId(NAME)));
        assertEquals(VALUE, secrets.getSecretValue(r -> r.secretId(NAME)).secretString());
    }
}
