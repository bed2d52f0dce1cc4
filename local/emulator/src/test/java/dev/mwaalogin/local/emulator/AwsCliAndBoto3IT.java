package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.Tools;
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

    /** Per-person sign-in the way the function will do it, in boto3; prints no token, key or secret. */
    private static final String BOTO3_PERSON_SCRIPT = """
            import json, sys
            import boto3
            role_arn, person, secret_name, secret_value = sys.argv[1:5]
            answer = boto3.client("sts").assume_role(RoleArn=role_arn, RoleSessionName=person,
                                                     SourceIdentity=person, DurationSeconds=900)
            c = answer["Credentials"]
            login = boto3.client("mwaa", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                                 aws_session_token=c["SessionToken"]).create_web_login_token(Name="demo")
            version = boto3.client("mwaa").get_environment(Name="v3demo")["Environment"]["AirflowVersion"]
            secret = boto3.client("secretsmanager").get_secret_value(SecretId=secret_name)["SecretString"]
            print(json.dumps({"arn": answer["AssumedRoleUser"]["Arn"], "sourceIdentity": answer["SourceIdentity"],
                              "keyIdPrefix": c["AccessKeyId"][:4], "iamIdentity": login["IamIdentity"],
                              "airflowIdentity": login["AirflowIdentity"], "tokenLength": len(login["WebToken"]),
                              "airflowVersion": version, "secretMatches": secret == secret_value}))
            """;

    /** CreateWebLoginToken with whatever credentials the environment holds; prints no token. */
    private static final String BOTO3_MINT_SCRIPT = """
            import json
            import boto3
            login = boto3.client("mwaa").create_web_login_token(Name="demo")
            print(json.dumps({"iamIdentity": login["IamIdentity"], "tokenLength": len(login["WebToken"])}))
            """;

    private static final String ADMIN = "arn:aws:iam::123456789012:role/mwaa-admin";
    private static final String SECRET_NAME = "mwaa-login/oidc";
    private static final String SECRET_VALUE = "boto3-reads-this-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MwaaEmulator emu;

    @TempDir
    Path home;

    record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void start() {
        emu = MwaaEmulator.builder().environment("demo").environment("v3demo", "3.0.6").iamRole(ADMIN, "Admin", "demo")
                .secret(SECRET_NAME, SECRET_VALUE).requestLog(null).build().start();
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
        Tools.require(works("aws", "--version"), "the AWS CLI (Debian: apt-get install awscli, or pip install awscli)");
        List<String> command = new ArrayList<>(List.of("aws", "mwaa", "create-web-login-token", "--output", "json",
                "--endpoint-url", emu.endpoint().toString()));
        command.addAll(List.of(arguments));
        return run(Map.of(), command.toArray(String[]::new));
    }

    private Run boto3(String name) throws Exception {
        Tools.require(works("python3", "-c", "import boto3"), "boto3 for python3 (pip install boto3)");
        // boto3 finds the endpoint through the service-specific variable, the way a person would configure it.
        return run(Map.of("AWS_ENDPOINT_URL_MWAA", emu.endpoint().toString()), "python3", "-c", BOTO3_SCRIPT, name);
    }

    private static void assertLoginFields(String json) {
        Map<String, Object> answer = JsonMaps.parse(json.trim());
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
        Tools.require(works("aws", "--version"), "the AWS CLI (Debian: apt-get install awscli, or pip install awscli)");
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
        Map<String, Object> error = JsonMaps.parse(run.stdout().trim());
        assertEquals("ResourceNotFoundException", error.get("code"));
        assertEquals(404L, error.get("status"));
    }

    @Test
    void boto3SeesInjectedInternalErrors() throws Exception {
        emu.faults("demo").status(500);
        Run run = boto3("demo");
        assertEquals(4, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("InternalServerException", JsonMaps.parse(run.stdout().trim()).get("code"));
    }

    private static Map<String, String> everyEndpoint() {
        String endpoint = emu.endpoint().toString();
        return Map.of("AWS_ENDPOINT_URL_MWAA", endpoint, "AWS_ENDPOINT_URL_STS", endpoint,
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint);
    }

    @Test
    void cliAssumesARoleWhoseCredentialsSignAPersonInThroughBoto3() throws Exception {
        Tools.require(works("aws", "--version"), "the AWS CLI (Debian: apt-get install awscli, or pip install awscli)");
        Tools.require(works("python3", "-c", "import boto3"), "boto3 for python3 (pip install boto3)");
        Run assumed = run(Map.of(), "aws", "sts", "assume-role", "--role-arn", ADMIN, "--role-session-name", "alice",
                "--source-identity", "alice", "--duration-seconds", "900", "--output", "json",
                "--endpoint-url", emu.endpoint().toString());
        assertEquals(0, assumed.exitCode(), assumed.stderr());
        JsonNode answer = JSON.readTree(assumed.stdout());
        assertEquals("arn:aws:sts::123456789012:assumed-role/mwaa-admin/alice",
                answer.path("AssumedRoleUser").path("Arn").asText());
        assertEquals("alice", answer.path("SourceIdentity").asText());
        JsonNode credentials = answer.path("Credentials");
        assertTrue(credentials.path("AccessKeyId").asText().startsWith("ASIA"));
        assertFalse(credentials.path("Expiration").asText().isEmpty());

        Run minted = run(Map.of("AWS_ENDPOINT_URL_MWAA", emu.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", credentials.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.path("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.path("SessionToken").asText()),
                "python3", "-c", BOTO3_MINT_SCRIPT);
        assertEquals(0, minted.exitCode(), minted.stderr());
        JsonNode login = JSON.readTree(minted.stdout());
        assertEquals("assumed-role/mwaa-admin/alice", login.path("iamIdentity").asText());
        assertEquals(214, login.path("tokenLength").asInt());
        assertEquals(1, emu.hits(MwaaEmulator.STS));
    }

    @Test
    void cliReportsStsThrottlingAndUnknownRoles() throws Exception {
        Tools.require(works("aws", "--version"), "the AWS CLI (Debian: apt-get install awscli, or pip install awscli)");
        emu.faults(MwaaEmulator.STS).throttle().once();
        Run throttled = run(Map.of(), "aws", "sts", "assume-role", "--role-arn", ADMIN, "--role-session-name", "alice",
                "--endpoint-url", emu.endpoint().toString());
        assertNotEquals(0, throttled.exitCode());
        assertTrue(throttled.stderr().contains("An error occurred (Throttling) when calling the AssumeRole operation "
                + "(reached max retries: 0): Rate exceeded"), throttled.stderr());
        Run unknown = run(Map.of(), "aws", "sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/nope",
                "--role-session-name", "alice", "--endpoint-url", emu.endpoint().toString());
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.stderr().contains("(AccessDenied) when calling the AssumeRole operation: User: "
                + "arn:aws:sts::123456789012:assumed-role/mwaa-login-local/demo is not authorized to perform: "
                + "sts:AssumeRole on resource: arn:aws:iam::123456789012:role/nope"), unknown.stderr());
    }

    @Test
    void boto3SignsAPersonInReadsTheAirflowVersionAndASecret() throws Exception {
        Tools.require(works("python3", "-c", "import boto3"), "boto3 for python3 (pip install boto3)");
        Run run = run(everyEndpoint(), "python3", "-c", BOTO3_PERSON_SCRIPT, ADMIN, "bob", SECRET_NAME, SECRET_VALUE);
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode answer = JSON.readTree(run.stdout());
        assertEquals("arn:aws:sts::123456789012:assumed-role/mwaa-admin/bob", answer.path("arn").asText());
        assertEquals("bob", answer.path("sourceIdentity").asText());
        assertEquals("ASIA", answer.path("keyIdPrefix").asText());
        assertEquals("assumed-role/mwaa-admin/bob", answer.path("iamIdentity").asText());
        assertEquals("assumed-role/mwaa-admin/bob", answer.path("airflowIdentity").asText());
        assertEquals(214, answer.path("tokenLength").asInt());
        assertEquals("3.0.6", answer.path("airflowVersion").asText());
        assertTrue(answer.path("secretMatches").asBoolean());
        assertEquals(Map.of(MwaaEmulator.STS, 1L, "demo", 1L, MwaaEmulator.GET_ENVIRONMENT, 1L,
                MwaaEmulator.SECRETS_MANAGER, 1L), emu.hits());
    }
}
