package dev.mwaalogin.aws;

import dev.mwaalogin.Config;
import dev.mwaalogin.InMemoryAws;
import dev.mwaalogin.LoginServiceTest;
import dev.mwaalogin.PersonalLoginTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Where each client's calls go is decided by the function's variables alone. These tests run in a shell whose own
 * {@code AWS_ENDPOINT_URL*}, {@code AWS_USE_FIPS_ENDPOINT}, {@code AWS_USE_DUALSTACK_ENDPOINT} and profile file point
 * elsewhere (function/pom.xml sets them for every unit test): a client that let the SDK read those would call there.
 */
class AwsEndpointsTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "not-a-secret"));

    private final InMemoryAws aws = new InMemoryAws(Clock.systemUTC());
    private final List<URI> called = new ArrayList<>();
    private final SdkHttpClient recorder = LoginServiceTest.httpClient(request -> {
        called.add(request.httpRequest().getUri());
        return aws.prepareRequest(request);
    });

    private static Config config(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "eu-west-1"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return Config.from(env);
    }

    private AwsClients clients(Config config) {
        return new AwsClients(config.region(), config.endpoints(), config.upstreamTimeout(), recorder, CREDENTIALS);
    }

    /** The scheme and authority STS was called at. */
    private String stsCall(Config config) {
        clients(config).sts().assumeRole(r -> r.roleArn(PersonalLoginTest.VIEWER_ARN)
                .roleSessionName("alice").durationSeconds(900));
        URI last = called.get(called.size() - 1);
        return last.getScheme() + "://" + last.getAuthority();
    }

    /** The scheme and authority Secrets Manager was called at. */
    private String secretsCall(Config config) {
        aws.secrets.put("sign-in", "{}");
        try {
            clients(config).secretsManager().getSecretValue(r -> r.secretId("sign-in"));
        } catch (SdkException answerNotUnderTest) {
            // Only where the call went matters here.
        }
        URI last = called.get(called.size() - 1);
        return last.getScheme() + "://" + last.getAuthority();
    }

    @Test
    void withoutSettingsEachServiceIsCalledAtItsRegionalEndpoint() {
        assertEquals(AwsEndpoints.REGIONAL, config().endpoints());
        assertEquals("https://sts.eu-west-1.amazonaws.com", stsCall(config()));
        assertEquals("https://secretsmanager.eu-west-1.amazonaws.com", secretsCall(config()));
    }

    @Test
    void aServiceEndpointWinsOverTheGeneralOneAndIsUsedExactly() {
        Config config = config("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_STS",
                "https://vpce-0abc-sts.sts.eu-west-1.vpce.amazonaws.com");
        assertEquals("https://vpce-0abc-sts.sts.eu-west-1.vpce.amazonaws.com", stsCall(config));
        assertEquals("http://127.0.0.1:4566", secretsCall(config));
        assertEquals(URI.create("http://127.0.0.1:4566"), config.mwaaEndpoint().orElseThrow());
    }

    @Test
    void ignoringConfiguredEndpointsDropsThemAll() {
        Config config = config("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_STS",
                "http://127.0.0.1:4567", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        assertEquals(AwsEndpoints.REGIONAL, config.endpoints());
        assertEquals("https://sts.eu-west-1.amazonaws.com", stsCall(config));
    }

    @Test
    void fipsAndDualStackAreTheFunctionsSettings() {
        assertEquals("https://sts-fips.eu-west-1.amazonaws.com",
                stsCall(config("AWS_USE_FIPS_ENDPOINT", "true")));
        assertEquals("https://sts.eu-west-1.api.aws",
                stsCall(config("AWS_USE_DUALSTACK_ENDPOINT", "true")));
        assertEquals("https://secretsmanager-fips.eu-west-1.amazonaws.com",
                secretsCall(config("AWS_USE_FIPS_ENDPOINT", "true")));
    }

    @Test
    void theProcessEnvironmentThisTestRunsInPointsElsewhere() {
        // The positive control for every test in this module: the shell really is set up against them.
        assertTrue(System.getenv("AWS_ENDPOINT_URL").endsWith(".invalid"), "function/pom.xml sets the shell up");
        assertEquals("true", System.getenv("AWS_USE_FIPS_ENDPOINT"));
    }
}
