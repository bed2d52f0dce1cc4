package dev.mwaalogin.aws;

import dev.mwaalogin.Config;
import dev.mwaalogin.Invocation;
import dev.mwaalogin.LoginServiceTest;
import dev.mwaalogin.priming.CannedHttpClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Where the MWAA call goes: MWAA's own `env.` endpoint, or exactly the configured endpoint URL. */
class MwaaEndpointTest {

    private static URI calledUri(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "demo", "AWS_REGION", "eu-west-1"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        Config config = Config.from(env);
        CannedHttpClient answer = LoginServiceTest.mwaaAnswers(LoginServiceTest.HOST, LoginServiceTest.TOKEN);
        List<URI> called = new ArrayList<>();
        MwaaTokens tokens = new MwaaTokens(new AwsClients(config.region(), config.endpoints(),
                config.upstreamTimeout(), LoginServiceTest.httpClient(request -> {
                    called.add(request.httpRequest().getUri());
                    return answer.prepareRequest(request);
                }), StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "not-a-secret"))).mwaa(),
                Clock.systemUTC(), config.upstreamTimeout(), true);
        tokens.mint("demo", null, Invocation.withoutContext().deadline(config.upstreamTimeout()));
        assertEquals(1, called.size());
        return called.get(0);
    }

    @Test
    void withoutAnEndpointUrlTheCallGoesToMwaasEnvHost() {
        assertEquals(URI.create("https://env.airflow.eu-west-1.amazonaws.com/webtoken/demo"), calledUri());
    }

    @Test
    void fipsAndDualStackComeFromTheFunctionsVariables() {
        assertEquals(URI.create("https://env.airflow-fips.eu-west-1.amazonaws.com/webtoken/demo"),
                calledUri("AWS_USE_FIPS_ENDPOINT", "true"));
        assertEquals(URI.create("https://env.airflow.eu-west-1.api.aws/webtoken/demo"),
                calledUri("AWS_USE_DUALSTACK_ENDPOINT", "true"));
    }

    @Test
    void anEndpointUrlIsUsedExactlyWithoutTheHostPrefix() {
        assertEquals(URI.create("http://127.0.0.1:4566/webtoken/demo"),
                calledUri("AWS_ENDPOINT_URL_MWAA", "http://127.0.0.1:4566"));
        assertEquals(URI.create("https://vpce-0123-abcd.airflow.eu-west-1.vpce.amazonaws.com/webtoken/demo"),
                calledUri("AWS_ENDPOINT_URL", "https://vpce-0123-abcd.airflow.eu-west-1.vpce.amazonaws.com"));
    }
}
