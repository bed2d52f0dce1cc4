package dev.mwaalogin.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.MwaaClientBuilder;
import software.amazon.awssdk.services.mwaa.endpoints.MwaaEndpointProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.endpoints.SecretsManagerEndpointProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/**
 * Builds the SDK clients, once, at init: explicit region, endpoints, HTTP client and credentials (nothing discovered
 * at run time but the credentials themselves), a call timeout and retries sized to the deadline. Endpoints, FIPS and
 * dual-stack come from {@link AwsEndpoints}, never from the SDK's own reading of the process environment.
 */
public final class AwsClients {

    private final String region;
    private final AwsEndpoints endpoints;
    private final Duration callTimeout;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    /**
     * @param callTimeout every call's timeout, retries included: the configured upstream timeout
     * @param http        the one HTTP client every call shares
     * @param credentials the function's own credentials
     */
    public AwsClients(String region, AwsEndpoints endpoints, Duration callTimeout, SdkHttpClient http,
                      AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpoints = endpoints;
        this.callTimeout = callTimeout;
        this.http = http;
        this.credentials = credentials;
    }

    /**
     * The MWAA client. An explicit endpoint (a VPC endpoint, an emulator) is used exactly as given: the {@code env.}
     * host prefix is for MWAA's public endpoint and would break an IP address or a private DNS name.
     */
    public MwaaClient mwaa() {
        Optional<URI> endpoint = endpoints.mwaa();
        MwaaEndpointProvider rules = MwaaEndpointProvider.defaultProvider();
        MwaaClientBuilder builder = MwaaClient.builder()
                .endpointProvider(params -> rules.resolveEndpoint(params.toBuilder().endpoint(text(endpoint)).build()));
        return build(builder, endpoint, o -> {
            o.addExecutionInterceptor(new UnreadableAnswer.KeepRequestId());
            endpoint.ifPresent(explicit ->
                    o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true));
        });
    }

    /**
     * The STS client for people's sessions: the Region's own endpoint (never the global one), or the configured one
     * (STS has no host prefix to turn off).
     */
    public StsClient sts() {
        Optional<URI> endpoint = endpoints.sts();
        StsEndpointProvider rules = StsEndpointProvider.defaultProvider();
        return build(StsClient.builder().endpointProvider(params -> rules.resolveEndpoint(params.toBuilder()
                .endpoint(text(endpoint)).useGlobalEndpoint(false).build())), endpoint, o -> { });
    }

    /** The Secrets Manager client for browser sign-in's secrets: the Region's own endpoint, or the configured one. */
    public SecretsManagerClient secretsManager() {
        Optional<URI> endpoint = endpoints.secretsManager();
        SecretsManagerEndpointProvider rules = SecretsManagerEndpointProvider.defaultProvider();
        return build(SecretsManagerClient.builder().endpointProvider(params -> rules.resolveEndpoint(
                params.toBuilder().endpoint(text(endpoint)).build())), endpoint, o -> { });
    }

    /**
     * Region, endpoint, FIPS and dual-stack, credentials, HTTP client, call timeout and retries: what every client
     * here is built with. Each client's endpoint provider also pins the endpoint parameter to {@code endpoint}, so an
     * {@code AWS_ENDPOINT_URL} the configuration did not take cannot slip in through the SDK.
     */
    private <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(
            B builder, Optional<URI> endpoint, Consumer<ClientOverrideConfiguration.Builder> more) {
        endpoint.ifPresent(builder::endpointOverride);
        return builder.region(Region.of(region))
                .fipsEnabled(endpoints.fips())
                .dualstackEnabled(endpoints.dualStack())
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(callTimeout);
                    // Standard retries with backoffs sized to the deadline; an unreadable answer is not retried.
                    o.retryStrategy(UpstreamRetries.forDeadline(callTimeout));
                    more.accept(o);
                })
                .build();
    }

    private static String text(Optional<URI> endpoint) {
        return endpoint.map(URI::toString).orElse(null);
    }
}
