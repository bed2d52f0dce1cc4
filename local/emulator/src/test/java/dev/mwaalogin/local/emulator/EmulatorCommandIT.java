package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.CreateWebLoginTokenResponse;
import software.amazon.awssdk.services.mwaa.model.MwaaException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** {@code MwaaEmulator.main} in a process of its own, as a person runs it. */
class EmulatorCommandIT {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private Process launch(Path stderr, String... arguments) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                MwaaEmulator.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    @Test
    void servesUntilTerminatedAndLogsWithoutSecrets() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process process = launch(stderr, "--port", "0", "--env", "demo", "--env",
                "v2=airflow.example.test,2.9.2", "--fault", "demo=status:503,times=1");
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> banner = new ArrayList<>();
            URI endpoint = null;
            for (String line = stdout.readLine(); line != null && !line.contains("Ctrl-C"); line = stdout.readLine()) {
                banner.add(line);
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    endpoint = URI.create(matcher.group(1));
                }
            }
            assertTrue(endpoint != null, "banner: " + banner);
            assertTrue(banner.stream().anyMatch(l -> l.contains("airflow.example.test") && l.contains("2.9.2")));
            assertFalse(String.join("\n", banner).contains(EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY));

            CreateWebLoginTokenResponse answer;
            try (MwaaClient mwaa = MwaaClients.of(endpoint, "us-east-1", AwsBasicCredentials.create(
                    EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY),
                    AwsRetryStrategy.doNotRetry(), Duration.ofSeconds(10))) {
                MwaaException unavailable = org.junit.jupiter.api.Assertions.assertThrows(MwaaException.class,
                        () -> mwaa.createWebLoginToken(r -> r.name("demo")));
                assertEquals(503, unavailable.statusCode());
                answer = mwaa.createWebLoginToken(r -> r.name("v2"));
                assertEquals("airflow.example.test", answer.webServerHostname());
            }

            process.destroy(); // SIGTERM: the shutdown hook closes the emulator
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "stopped after SIGTERM");

            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            assertTrue(log.contains("POST /webtoken/demo -> 503 ServiceUnavailableException"), log);
            assertTrue(log.contains("POST /webtoken/v2 -> 200"), log);
            assertFalse(log.contains(answer.webToken()), "never a token");
            assertFalse(log.contains(EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY), "never a secret");
            assertFalse(log.contains("Signature="), "never a signature");
        } finally {
            process.destroyForcibly();
        }
    }

    /** Reads the banner up to "Ctrl-C" and returns the endpoint it names. */
    private static URI endpointFrom(Process process, List<String> banner) throws Exception {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        URI endpoint = null;
        for (String line = stdout.readLine(); line != null && !line.contains("Ctrl-C"); line = stdout.readLine()) {
            banner.add(line);
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                endpoint = URI.create(matcher.group(1));
            }
        }
        assertTrue(endpoint != null, "banner: " + banner);
        return endpoint;
    }

    @Test
    void playsStsForPerPersonSignInAndLogsNoIssuedSecret() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process process = launch(stderr, "--port", "0", "--env", "demo", "--env", "v3demo@3.0.6",
                "--iam-role", "Admin@v3demo=arn:aws:iam::210987654321:role/mwaa-admin",
                "--secret", "mwaa-login/oidc=never-printed-value");
        try {
            List<String> banner = new ArrayList<>();
            URI endpoint = endpointFrom(process, banner);
            assertTrue(banner.get(0).contains("account 210987654321"), banner.get(0));
            assertTrue(banner.stream().anyMatch(l -> l.contains("v3demo") && l.contains("Airflow 3.0.6")
                    && l.contains("/pluginsv2/aws_mwaa/aws-console-sso")), String.join("\n", banner));

            Credentials issued;
            CreateWebLoginTokenResponse answer;
            try (StsClient sts = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(SdkClients.DEFAULT))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                issued = sts.assumeRole(r -> r.roleArn("arn:aws:iam::210987654321:role/mwaa-admin")
                        .roleSessionName("alice").sourceIdentity("alice")).credentials();
            }
            try (MwaaClient mwaa = MwaaClients.of(endpoint, "us-east-1", SdkClients.session(issued),
                    AwsRetryStrategy.doNotRetry(), Duration.ofSeconds(10))) {
                answer = mwaa.createWebLoginToken(r -> r.name("v3demo"));
                assertEquals("assumed-role/mwaa-admin/alice", answer.airflowIdentity());
            }

            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "stopped after SIGTERM");
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            assertTrue(log.contains("POST / -> sts:AssumeRole 200"), log);
            assertTrue(log.contains("POST /webtoken/v3demo -> 200"), log);
            for (String secret : List.of(issued.secretAccessKey(), issued.sessionToken(), answer.webToken(),
                    "never-printed-value")) {
                assertFalse(log.contains(secret) || String.join("\n", banner).contains(secret),
                        "a secret in the output, " + secret.length() + " characters");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void helpAndBadFlags() throws Exception {
        Process help = launch(dir.resolve("help.txt"), "--help");
        String usage = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        assertTrue(usage.contains("--fault TARGET=SPEC"), usage);
        assertTrue(usage.contains("--iam-role ROLE[@ENV,...]=ARN"), usage);

        Path stderr = dir.resolve("bad.txt");
        Process bad = launch(stderr, "--fault", "demo=explode");
        assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue());
        assertTrue(Files.readString(stderr).contains("unknown fault kind 'explode'"));
    }
}
