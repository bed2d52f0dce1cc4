package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator as the AWS CLI (v1) and boto3 see it, run as separate processes with nothing from the machine's
 * own AWS configuration: only the emulator's default credential, its region and its endpoint.
 */
class AwsCliAndBoto3IT {

    private static final String BOTO3_SCRIPT = """
            import json, sys
            import boto3, botocore.exceptions
            mwaa = boto3.client("mwaa")
            try:
                answer = mwaa.create_web_login_token(Name=sys.argv[1])
                answer.pop("ResponseMetadata")
                print(json.dumps(answer))
            except mwaa.exceptions.ResourceNotFoundException as e:
                print(json.dumps({"modeled": "ResourceNotFoundException", "code": e.response["Error"]["Code"],
                                  "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}))
                sys.exit(3)
            except botocore.exceptions.ClientError as e:
                print(json.dumps({"code": e.response["Error"]["Code"],
                                  "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}))
                sys.exit(4)
            """;

    private static MwaaEmulator emu;

    @TempDir
    Path home;

    record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void start() {
        emu = MwaaEmulator.builder().environment("demo").requestLog(null).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @BeforeEach
    void clean() {
        emu.clearFaults();
        emu.resetHits();
    }

    private Run run(Map<String, String> extraEnvironment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("HOME", home.toString()); // no ~/.aws
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ACCESS_KEY_ID", EmulatorCredentials.DEFAULT_ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY);
        env.put("AWS_REGION", emu.region());
        env.put("AWS_DEFAULT_REGION", emu.region()); // CLI v1 reads only this one
        env.put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.putAll(extraEnvironment);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Run cli(String... arguments) throws Exception {
        assumeTrue(works("aws", "--version"), "the AWS CLI is not installed");
        List<String> command = new ArrayList<>(List.of("aws", "mwaa", "create-web-login-token", "--output", "json",
                "--endpoint-url", emu.endpoint().toString()));
        command.addAll(List.of(arguments));
        return run(Map.of(), command.toArray(String[]::new));
    }

    private Run boto3(String name) throws Exception {
        assumeTrue(works("python3", "-c", "import boto3"), "boto3 is not installed");
        // boto3 finds the endpoint through the service-specific variable, the way a person would configure it.
        return run(Map.of("AWS_ENDPOINT_URL_MWAA", emu.endpoint().toString()), "python3", "-c", BOTO3_SCRIPT, name);
    }

    private static void assertLoginFields(String json) {
        Map<String, Object> answer = MiniJson.parseFlatObject(json.trim());
        assertEquals(emu.environment("demo").webServerHostname(), answer.get("WebServerHostname"));
        assertEquals(EmulatorCredentials.DEFAULT_IAM_IDENTITY, answer.get("IamIdentity"));
        assertEquals(EmulatorCredentials.DEFAULT_IAM_IDENTITY, answer.get("AirflowIdentity"));
        assertTrue(((String) answer.get("WebToken")).length() >= 200);
    }

    @Test
    void cliGetsAToken() throws Exception {
        Run run = cli("--name", "demo");
        assertEquals(0, run.exitCode(), run.stderr());
        assertLoginFields(run.stdout());
        assertEquals(1, emu.hits("demo"));
    }

    @Test
    void cliReportsAnUnknownEnvironment() throws Exception {
        Run run = cli("--name", "nope");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.stderr().contains("An error occurred (ResourceNotFoundException) when calling the "
                + "CreateWebLoginToken operation"), run.stderr());
    }

    @Test
    void cliReportsThrottling() throws Exception {
        emu.faults("demo").throttle();
        Run run = cli("--name", "demo");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.stderr().contains("(ThrottlingException)"), run.stderr());
    }

    @Test
    void cliWithTheWrongSecretGetsASignatureError() throws Exception {
        assumeTrue(works("aws", "--version"), "the AWS CLI is not installed");
        Run run = run(Map.of("AWS_SECRET_ACCESS_KEY", "wrong"), "aws", "mwaa", "create-web-login-token",
                "--name", "demo", "--endpoint-url", emu.endpoint().toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.stderr().contains("(InvalidSignatureException)"), run.stderr());
    }

    @Test
    void boto3GetsAToken() throws Exception {
        Run run = boto3("demo");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertLoginFields(run.stdout());
    }

    @Test
    void boto3RaisesItsModeledResourceNotFound() throws Exception {
        Run run = boto3("nope");
        assertEquals(3, run.exitCode(), run.stdout() + run.stderr());
        Map<String, Object> error = MiniJson.parseFlatObject(run.stdout().trim());
        assertEquals("ResourceNotFoundException", error.get("code"));
        assertEquals(404L, error.get("status"));
    }

    @Test
    void boto3SeesInjectedInternalErrors() throws Exception {
        emu.faults("demo").status(500);
        Run run = boto3("demo");
        assertEquals(4, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("InternalServerException", MiniJson.parseFlatObject(run.stdout().trim()).get("code"));
    }
}
