package dev.mwaalogin.local.emulator;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.mwaa.MwaaClient;

/** Real AWS SDK v2 MWAA clients pointed at an emulator, configured as the function configures its own. */
final class MwaaClients {

    private MwaaClients() {
    }

    /** The default credential, no retries, a 5 s attempt timeout. */
    static MwaaClient of(MwaaEmulator emu) {
        return of(emu, AwsBasicCredentials.create(EmulatorCredentials.DEFAULT_ACCESS_KEY_ID,
                EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY), AwsRetryStrategy.doNotRetry(), Duration.ofSeconds(5));
    }

    static MwaaClient of(MwaaEmulator emu, AwsCredentials credentials, RetryStrategy retries,
                         Duration attemptTimeout) {
        return of(emu.endpoint(), emu.region(), credentials, retries, attemptTimeout);
    }

    static MwaaClient of(URI endpoint, String region, AwsCredentials credentials, RetryStrategy retries,
                         Duration attemptTimeout) {
        return MwaaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o
                        // The emulator is one host; MWAA's "env." prefix would send calls to env.127.0.0.1.
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
                        .retryStrategy(retries)
                        .apiCallAttemptTimeout(attemptTimeout))
                .build();
    }
}
