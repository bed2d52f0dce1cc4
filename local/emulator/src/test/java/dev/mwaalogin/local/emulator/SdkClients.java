package dev.mwaalogin.local.emulator;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Real AWS SDK v2 STS and Secrets Manager clients pointed at an emulator: no retries, a 5 s attempt timeout. */
final class SdkClients {

    static final AwsCredentials DEFAULT = AwsBasicCredentials.create(EmulatorCredentials.DEFAULT_ACCESS_KEY_ID,
            EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY);

    private SdkClients() {
    }

    static StsClient sts(MwaaEmulator emu, AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(emu.endpoint())
                .region(Region.of(emu.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(5)))
                .build();
    }

    static SecretsManagerClient secretsManager(MwaaEmulator emu, AwsCredentials credentials) {
        return SecretsManagerClient.builder()
                .endpointOverride(emu.endpoint())
                .region(Region.of(emu.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(5)))
                .build();
    }

    /** An MWAA client signing with credentials STS issued, as the function will. */
    static MwaaClient mwaa(MwaaEmulator emu, Credentials issued) {
        return MwaaClients.of(emu, session(issued), AwsRetryStrategy.doNotRetry(), Duration.ofSeconds(5));
    }

    static AwsSessionCredentials session(Credentials issued) {
        return AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
    }
}
