package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mwaalogin.local.Tools;
import java.io.IOException;
import java.io.OutputStream;
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
 * InvokeRestApi as boto3 ({@code mwaa.invoke_rest_api}) and the AWS CLI ({@code aws mwaa invoke-rest-api}) call it,
 * each in its own process with nothing from the machine's AWS configuration. A script plays several callers: an Op
 * and a Viewer session from the emulator's STS, an unsigned client and one signing for another region.
 */
class RestApiBoto3IT {

    /**
     * Runs a plan of InvokeRestApi calls (argv[1], JSON) and prints one JSON result per call: the Airflow status
     * and answer, or the error as botocore reports it (its code, the exception class it raised, HTTP status and the
     * modeled RestApiStatusCode and RestApiResponse). Prints no credential.
     */
    private static final String SCRIPT = """
            import json, sys
            import boto3, botocore
            from botocore.config import Config
            plan = json.loads(sys.argv[1])
            clients = {}
            def client(who):
                if who == "unsigned":
                    return boto3.client("mwaa", config=Config(signature_version=botocore.UNSIGNED))
                if who.startswith("region:"):
                    return boto3.client("mwaa", region_name=who[len("region:"):])
                role_arn, person = who.split("|")
                c = boto3.client("sts").assume_role(RoleArn=role_arn, RoleSessionName=person,
                                                    SourceIdentity=person, DurationSeconds=900)["Credentials"]
                return boto3.client("mwaa", aws_access_key_id=c["AccessKeyId"],
                                    aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
            results = []
            for step in plan:
                who = step.pop("as")
                if who not in clients:
                    clients[who] = client(who)
                try:
                    answer = clients[who].invoke_rest_api(**step)
                    results.append({"status": answer["RestApiStatusCode"], "response": answer["RestApiResponse"]})
                except botocore.exceptions.ClientError as e:
                    results.append({"error": e.response["Error"]["Code"], "raised": type(e).__name__,
                                    "message": e.response["Error"].get("Message", ""),
                                    "httpStatus": e.response["ResponseMetadata"]["HTTPStatusCode"],
                                    "restApiStatusCode": e.response.get("RestApiStatusCode"),
                                    "restApiResponse": e.response.get("RestApiResponse")})
            print(json.dumps(results))
            """;

    private static final String OP = "arn:aws:iam::123456789012:role/mwaa-op";
    private static final String VIEWER = "arn:aws:iam::123456789012:role/mwaa-viewer";
    private static final String AS_OP = OP + "|alice";
    private static final String AS_VIEWER = VIEWER + "|bob";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MwaaEmulator emu;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        emu = MwaaEmulator.builder().environment("demo").environment("v3demo", "3.0.6").iamRole(OP, "Op")
                .iamRole(VIEWER, "Viewer").requestLog(null).build().start();
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

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(Map<String, String> extraEnvironment, List<String> command) throws Exception {
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
        env.put("AWS_DEFAULT_REGION", emu.region());
        env.put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_ENDPOINT_URL_MWAA", emu.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_STS", emu.endpoint().toString());
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
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One call of a plan: {@code as}, then the invoke_rest_api keyword arguments. */
    private static ObjectNode step(String as, String name, String method, String path) {
        return JSON.createObjectNode().put("as", as).put("Name", name).put("Method", method).put("Path", path);
    }

    private List<JsonNode> boto3(ObjectNode... steps) throws Exception {
        Tools.require(works("python3", "-c", "import boto3"), "boto3 for python3 (pip install boto3)");
        ArrayNode plan = JSON.createArrayNode();
        plan.addAll(List.of(steps));
        Run run = run(Map.of(), List.of("python3", "-c", SCRIPT, plan.toString()));
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        List<JsonNode> results = new ArrayList<>();
        JSON.readTree(run.stdout()).forEach(results::add);
        assertEquals(steps.length, results.size(), run.stdout());
        return results;
    }

    private static ObjectNode trigger(String as, String environment) {
        ObjectNode step = step(as, environment, "POST", "/dags/example_etl/dagRuns");
        ObjectNode body = step.putObject("Body");
        body.putObject("conf").put("day", "2025-01-31");
        if (environment.equals("v3demo")) {
            body.putNull("logical_date");
        }
        return step;
    }

    @Test
    void anOpListsAndTriggersAndAViewerIsRefusedByAirflowOnBothGenerations() throws Exception {
        for (String environment : List.of("demo", "v3demo")) {
            ObjectNode list = step(AS_VIEWER, environment, "GET", "/dags");
            list.putObject("QueryParameters").put("paused", false).put("limit", 10);
            List<JsonNode> results = boto3(list, trigger(AS_VIEWER, environment), trigger(AS_OP, environment),
                    step(AS_OP, environment, "GET", "/eventLogs"));

            JsonNode dags = results.get(0);
            assertEquals(200, dags.path("status").asInt(), dags.toString());
            assertEquals(2, dags.path("response").path("total_entries").asInt(), "the two unpaused DAGs");

            JsonNode refused = results.get(1);
            assertEquals("RestApiClientException", refused.path("error").asText(), refused.toString());
            assertEquals("RestApiClientException", refused.path("raised").asText(), "boto3's modeled exception");
            assertEquals(400, refused.path("httpStatus").asInt());
            assertEquals(403, refused.path("restApiStatusCode").asInt());
            assertEquals("", refused.path("message").asText(), "the model's shape has no message");
            assertEquals("Forbidden", refused.path("restApiResponse")
                    .path(environment.equals("demo") ? "title" : "detail").asText());

            JsonNode triggered = results.get(2);
            assertEquals(200, triggered.path("status").asInt(), triggered.toString());
            assertEquals("queued", triggered.path("response").path("state").asText());
            assertEquals("2025-01-31", triggered.path("response").path("conf").path("day").asText());
            assertEquals("assumed-role/mwaa-op/alice", results.get(3).path("response").path("event_logs").path(0)
                    .path("owner").asText());

            List<AirflowDagRun> runs = emu.airflow(environment).dagRuns("example_etl");
            assertEquals(1, runs.size(), "only the Op's trigger made a run");
            assertEquals("assumed-role/mwaa-op/alice", runs.get(0).triggeredBy());
            assertEquals(triggered.path("response").path("dag_run_id").asText(), runs.get(0).runId());
            assertEquals(4, emu.hits(MwaaEmulator.restApi(environment)));
        }
    }

    @Test
    void unknownDagBadMethodAndAirflowAndMwaaFaultsAsBotocoreRaisesThem() throws Exception {
        emu.faults(MwaaEmulator.restApi("v3demo")).airflowStatus(500).once();
        emu.faults(MwaaEmulator.restApi("demo")).throttle().once();
        List<JsonNode> results = boto3(
                step(AS_OP, "demo", "GET", "/dags"),               // throttled by the armed fault
                trigger(AS_OP, "v3demo"),                           // Airflow answers 500
                step(AS_OP, "v3demo", "GET", "/dags/nope"),
                step(AS_OP, "demo", "HEAD", "/dags"),               // botocore sends it; MWAA refuses it
                step(AS_OP, "demo", "GET", "/" + "d".repeat(64)),
                step(AS_OP, "nope", "GET", "/dags"),
                step(AS_OP, "demo", "GET", "/dags"));               // the faults were once: this works

        assertEquals("ThrottlingException", results.get(0).path("error").asText(), results.get(0).toString());
        assertEquals(429, results.get(0).path("httpStatus").asInt());

        JsonNode serverError = results.get(1);
        assertEquals("RestApiServerException", serverError.path("raised").asText(), serverError.toString());
        assertEquals(500, serverError.path("restApiStatusCode").asInt());
        assertTrue(emu.airflow("v3demo").dagRuns("example_etl").isEmpty());

        JsonNode notFound = results.get(2);
        assertEquals("RestApiClientException", notFound.path("raised").asText(), notFound.toString());
        assertEquals(404, notFound.path("restApiStatusCode").asInt());
        assertEquals("The Dag with ID: `nope` was not found", notFound.path("restApiResponse").path("detail")
                .asText());

        for (JsonNode invalid : List.of(results.get(3), results.get(4))) {
            assertEquals("ValidationException", invalid.path("raised").asText(), invalid.toString());
            assertEquals(400, invalid.path("httpStatus").asInt());
        }
        assertTrue(results.get(3).path("message").asText().contains("enum value set"));
        assertEquals("ResourceNotFoundException", results.get(5).path("raised").asText(), results.get(5).toString());
        assertEquals(200, results.get(6).path("status").asInt(), results.get(6).toString());
        assertEquals(4, emu.hits(MwaaEmulator.restApi("demo")));
        assertEquals(1, emu.hits(MwaaEmulator.restApi("nope")));
    }

    @Test
    void unsignedAndWrongRegionRequestsAreRefusedBeforeAirflow() throws Exception {
        long before = emu.airflow("demo").requests();
        List<JsonNode> results = boto3(step("unsigned", "demo", "GET", "/dags"),
                step("region:eu-west-1", "demo", "GET", "/dags"));
        assertEquals("MissingAuthenticationTokenException", results.get(0).path("error").asText(),
                results.get(0).toString());
        assertEquals(403, results.get(0).path("httpStatus").asInt());
        assertEquals("InvalidSignatureException", results.get(1).path("error").asText(), results.get(1).toString());
        assertTrue(results.get(1).path("message").asText().contains("eu-west-1"));
        assertEquals(before, emu.airflow("demo").requests());
        assertEquals(2, emu.hits(MwaaEmulator.restApi("demo")));
    }

    @Test
    void theAwsCliListsDagsAndReportsAirflowsRefusal() throws Exception {
        Tools.require(works("aws", "--version"), "the AWS CLI (Debian: apt-get install awscli, or pip install awscli)");
        // The default key: registered credentials, which have no InvokeRestApi grant unless the builder gives one.
        Run denied = run(Map.of(), List.of("aws", "mwaa", "invoke-rest-api", "--name", "demo", "--path", "/dags",
                "--method", "GET", "--endpoint-url", emu.endpoint().toString()));
        assertNotEquals(0, denied.exitCode());
        assertTrue(denied.stderr().contains("An error occurred (AccessDeniedException) when calling the "
                + "InvokeRestApi operation: User: arn:aws:sts::123456789012:assumed-role/mwaa-login-local/demo is not "
                + "authorized to perform: airflow:InvokeRestApi"), denied.stderr());

        Run assumed = run(Map.of(), List.of("aws", "sts", "assume-role", "--role-arn", VIEWER,
                "--role-session-name", "bob", "--output", "json", "--endpoint-url", emu.endpoint().toString()));
        assertEquals(0, assumed.exitCode(), assumed.stderr());
        JsonNode credentials = JSON.readTree(assumed.stdout()).path("Credentials");
        Map<String, String> bob = Map.of("AWS_ACCESS_KEY_ID", credentials.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.path("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.path("SessionToken").asText());
        Run listed = run(bob, List.of("aws", "mwaa", "invoke-rest-api", "--name", "v3demo", "--path", "/dags",
                "--method", "GET", "--query-parameters", "{\"dag_id_pattern\": \"report\"}", "--output", "json",
                "--endpoint-url", emu.endpoint().toString()));
        assertEquals(0, listed.exitCode(), listed.stderr());
        JsonNode answer = JSON.readTree(listed.stdout());
        assertEquals(200, answer.path("RestApiStatusCode").asInt());
        assertEquals("example_report", answer.path("RestApiResponse").path("dags").path(0).path("dag_id").asText());

        Run refused = run(bob, List.of("aws", "mwaa", "invoke-rest-api", "--name", "v3demo", "--path",
                "/dags/example_report", "--method", "PATCH", "--body", "{\"is_paused\": true}",
                "--endpoint-url", emu.endpoint().toString()));
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("(RestApiClientException) when calling the InvokeRestApi operation"),
                refused.stderr());
        assertFalse(emu.airflow("v3demo").isPaused("example_report"));
    }
}
