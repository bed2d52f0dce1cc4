package dev.mwaalogin.aws;

import dev.mwaalogin.Config;
import dev.mwaalogin.Invocation;
import dev.mwaalogin.priming.CannedHttpClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.aws.AirflowLoginPaths.LoginPath;
import dev.mwaalogin.aws.AirflowLoginPaths.Source;
import dev.mwaalogin.priming.CannedHttpClient.Answer;
import dev.mwaalogin.oidc.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Each environment gets its own Airflow version's login page, learned once, never at the price of a sign-in. */
public class AirflowLoginPathsTest {

    private final MutableClock clock = new MutableClock(
            Instant.parse("2026-11-29T10:00:00Z"));
    private final List<String> asked = new ArrayList<>();
    private final Map<String, Answer> answers = new HashMap<>();

    private AirflowLoginPaths paths(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("MWAA_ENVIRONMENT_NAME", "v2env", "AWS_REGION", "us-east-1",
                "ALLOWED_ENVIRONMENTS", "v3env,other"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        Config config = Config.from(env);
        CannedHttpClient http = new CannedHttpClient(request -> {
            String name = request.encodedPath().substring("/environments/".length());
            asked.add(request.method() + " " + request.encodedPath());
            return answers.getOrDefault(name, new Answer(404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
                    "{}"));
        });
        return new AirflowLoginPaths(config.loginPath(), config.airflowVersions(), new AwsClients(config.region(),
                config.endpoints(), config.upstreamTimeout(), http, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDFUNCTION", "not-a-secret"))).mwaa(), clock, config.upstreamTimeout());
    }

    private static Answer version(String airflowVersion) {
        return new Answer(200, Map.of("Content-Type", "application/json"),
                "{\"Environment\":{\"Name\":\"x\",\"AirflowVersion\":\"" + airflowVersion + "\"}}");
    }

    private LoginPath path(AirflowLoginPaths paths, String environment) {
        return paths.forEnvironment(environment, Invocation.withoutContext().deadline(Duration.ofSeconds(2)));
    }

    @Test
    void theVersionIsLearnedOncePerEnvironmentFromGetEnvironment() {
        answers.put("v2env", version("2.10.3"));
        answers.put("v3env", version("3.0.6"));
        AirflowLoginPaths paths = paths();
        assertEquals(new LoginPath(AirflowLoginPaths.AIRFLOW_2, Source.LEARNED), path(paths, "v2env"));
        assertEquals(new LoginPath(AirflowLoginPaths.AIRFLOW_3, Source.LEARNED), path(paths, "v3env"));
        assertEquals(new LoginPath(AirflowLoginPaths.AIRFLOW_3, Source.LEARNED), path(paths, "v3env"));
        assertEquals(List.of("GET /environments/v2env", "GET /environments/v3env"), asked);
    }

    @Test
    void explicitSettingsNeverAsk() {
        answers.put("v3env", version("3.0.6"));
        assertEquals(new LoginPath("/custom/sso", Source.CONFIGURED),
                path(paths("AIRFLOW_LOGIN_PATH", "/custom/sso"), "v3env"));
        AirflowLoginPaths paths = paths("AIRFLOW_VERSIONS", "v3env=3;v2env=2");
        assertEquals(new LoginPath(AirflowLoginPaths.AIRFLOW_3, Source.CONFIGURED), path(paths, "v3env"));
        assertEquals(new LoginPath(AirflowLoginPaths.AIRFLOW_2, Source.CONFIGURED), path(paths, "v2env"));
        assertEquals(List.of(), asked);
    }

    @Test
    void aFailedLookupFallsBackToAirflow2AndIsRetriedAMinuteLater() {
        answers.put("other", new Answer(403, Map.of("x-amzn-ErrorType", "AccessDeniedException"), "{}"));
        AirflowLoginPaths paths = paths();
        assertEquals(new LoginPath(AirflowLoginPaths.AIRFLOW_2, Source.FALLBACK), path(paths, "other"));
        assertEquals(new LoginPath(AirflowLoginPaths.AIRFLOW_2, Source.FALLBACK), path(paths, "other"));
        assertEquals(1, asked.size(), "not asked again at once");
        answers.put("other", version("3.0.6"));
        clock.advance(AirflowLoginPaths.RETRY_AFTER.plusSeconds(1));
        assertEquals(new LoginPath(AirflowLoginPaths.AIRFLOW_3, Source.LEARNED), path(paths, "other"));
    }

    @ParameterizedTest
    @CsvSource({"2.10.3, /aws_mwaa/aws-console-sso", "2.7.2, /aws_mwaa/aws-console-sso",
        "3.0.6, /pluginsv2/aws_mwaa/aws-console-sso", "3, /pluginsv2/aws_mwaa/aws-console-sso",
        "4.1.0, /pluginsv2/aws_mwaa/aws-console-sso"})
    void majorVersionsMapToTheirPage(String version, String path) {
        assertEquals(path, AirflowLoginPaths.pathFor(version));
    }

    @Test
    void anUnreadableVersionIsAFailureNotAGuess() {
        assertThrows(IllegalStateException.class, () -> AirflowLoginPaths.pathFor("latest"));
        assertThrows(IllegalStateException.class, () -> AirflowLoginPaths.pathFor(null));
    }

    @Test
    void versionsMayOnlyNameAllowedEnvironments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> paths("AIRFLOW_VERSIONS",
                "elsewhere=3"));
        assertTrue(e.getMessage().startsWith("AIRFLOW_VERSIONS names an environment that is not allowed"));
        assertThrows(IllegalArgumentException.class, () -> paths("AIRFLOW_VERSIONS", "v3env=4"));
    }
}
