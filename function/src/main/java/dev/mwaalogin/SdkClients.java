package dev.mwaalogin;

import dev.mwaalogin.internal.UpstreamRetries;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.MwaaClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the SDK clients, once, at init: explicit region, HTTP client and credentials (nothing discovered at run time
 * but the credentials themselves), a call timeout and retries sized to the deadline.
 */
final class SdkClients {

    private SdkClients() {
    }

    /**
     * The MWAA client. An explicit endpoint (a VPC endpoint, an emulator) is used exactly as given: the {@code env.}
     * host prefix is for MWAA's public endpoint and would break an IP address or a private DNS name.
     */
    static MwaaClient mwaa(Config config, SdkHttpClient http, AwsCredentialsProvider credentials,
                           ExecutionInterceptor interceptor) {
        MwaaClientBuilder builder = MwaaClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(o -> {
                    common(o, config);
                    o.addExecutionInterceptor(interceptor);
                    config.mwaaEndpoint().ifPresent(endpoint ->
                            o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true));
                });
        config.mwaaEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The STS client for people's sessions: the Region's own endpoint, or {@code AWS_ENDPOINT_URL_STS} when set
     * (the SDK reads it itself; STS has no host prefix to turn off).
     */
    static StsClient sts(Config config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return build(StsClient.builder(), config, http, credentials);
    }

    /**
     * The Secrets Manager client for browser sign-in's secrets ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER} when set;
     * the SDK reads it itself).
     */
    static SecretsManagerClient secretsManager(Config config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return build(SecretsManagerClient.builder(), config, http, credentials);
    }

    /** Region, credentials, HTTP client, call timeout and retries: what every client here is built with. */
    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(
            B builder, Config config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return builder.region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(o -> common(o, config))
                .build();
    }

    private static void common(ClientOverrideConfiguration.Builder o, Config config) {
        o.apiCallTimeout(config.upstreamTimeout());
        // Standard retries with backoffs sized to the deadline; an unreadable answer is not retried.
        o.retryStrategy(UpstreamRetries.forDeadline(config.upstreamTimeout()));
    }
}
