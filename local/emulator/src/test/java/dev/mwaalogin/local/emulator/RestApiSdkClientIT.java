package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.AccessDeniedException;
import software.amazon.awssdk.services.mwaa.model.InternalServerException;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiRequest;
import software.amazon.awssdk.services.mwaa.model.InvokeRestApiResponse;
import software.amazon.awssdk.services.mwaa.model.MwaaException;
import software.amazon.awssdk.services.mwaa.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaa.model.RestApiClientException;
import software.amazon.awssdk.services.mwaa.model.RestApiMethod;
import software.amazon.awssdk.services.mwaa.model.RestApiServerException;
import software.amazon.awssdk.services.mwaa.model.ValidationException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * InvokeRestApi as the real AWS SDK v2 MwaaClient (2.40.2) calls it, with per-person sessions from the emulator's
 * STS as the function will sign: an Op and a Viewer on an Airflow 2 and an Airflow 3 environment.
 */
class RestApiSdkClientIT {

    private static final String OP = "arn:aws:iam::123456789012:role/mwaa-op";
    private static final String VIEWER = "arn:aws:iam::123456789012:role/mwaa-viewer";
    private static final String LOGIN_ONLY = "arn:aws:iam::123456789012:role/mwaa-login-only";
    private static final String ALICE = "assumed-role/mwaa-op/alice";

    private MwaaEmulator emu;
    private StsClient sts;

    @BeforeEach
    void start() {
        emu = MwaaEmulator.builder().environment("demo").environment("v3demo", "3.0.6")
                .iamRole(OP, "Op", "demo", "v3demo")
                .iamRole(VIEWER, "Viewer")
                .iamRole(IamRole.of(LOGIN_ONLY, "Op", "demo").withoutRestApi())
                .requestLog(null).build().start();
        sts = SdkClients.sts(emu, SdkClients.DEFAULT);
    }

    @AfterEach
    void stop() {
        sts.close();
        emu.close();
    }

    private MwaaClient as(String roleArn, String person) {
        Credentials issued = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(person).sourceIdentity(person)
                .durationSeconds(900)).credentials();
        return SdkClients.mwaa(emu, issued);
    }

    private static InvokeRestApiRequest call(String environment, RestApiMethod method, String path,
                                             Document body) {
        return InvokeRestApiRequest.builder().name(environment).method(method).path(path).body(body).build();
    }

    private static Document triggerBody(String environment) {
        Document.MapBuilder body = Document.mapBuilder()
                // Whatever the caller writes, Airflow records who signed.
                .putMap("conf", conf -> conf.putString("day", "2025-01-31").putString("user", "assumed-role/x/root"));
        return environment.equals("v3demo") ? body.putNull("logical_date").build() : body.build();
    }

    private static JsonNode json(Document document) {
        return Documents.json(document);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "v3demo"})
    void anOpListsDagsTriggersARunAndAirflowRecordsThePerson(String environment) {
        try (MwaaClient alice = as(OP, "alice")) {
            InvokeRestApiResponse dags = alice.invokeRestApi(r -> r.name(environment).method(RestApiMethod.GET)
                    .path("/dags").queryParameters(Document.mapBuilder().putNumber("limit", 2).build()));
            assertEquals(200, dags.restApiStatusCode());
            assertEquals(3, json(dags.restApiResponse()).path("total_entries").asInt());
            assertEquals(2, json(dags.restApiResponse()).path("dags").size());

            InvokeRestApiResponse run = alice.invokeRestApi(call(environment, RestApiMethod.POST,
                    "/dags/example_etl/dagRuns", triggerBody(environment)));
            assertEquals(200, run.restApiStatusCode());
            String runId = json(run.restApiResponse()).path("dag_run_id").asText();
            assertTrue(runId.startsWith("manual__"), runId);

            AirflowDagRun recorded = emu.airflow(environment).dagRuns("example_etl").get(0);
            assertEquals(runId, recorded.runId());
            assertEquals(ALICE, recorded.triggeredBy());
            assertEquals("assumed-role/x/root", recorded.conf().get("user"), "conf is data, not identity");

            JsonNode log = json(alice.invokeRestApi(r -> r.name(environment).method(RestApiMethod.GET)
                    .path("/eventLogs")).restApiResponse());
            assertEquals(ALICE, log.path("event_logs").path(0).path("owner").asText());
            JsonNode runs = json(alice.invokeRestApi(call(environment, RestApiMethod.GET,
                    "/dags/example_etl/dagRuns", null)).restApiResponse());
            assertEquals(runId, runs.path("dag_runs").path(0).path("dag_run_id").asText());
            // MWAA's Path is at most 64 characters: a run with Airflow's own long id cannot be read by its path.
            assertThrows(ValidationException.class, () -> alice.invokeRestApi(call(environment, RestApiMethod.GET,
                    "/dags/example_etl/dagRuns/" + runId, null)));
        }
        assertEquals(5, emu.hits(MwaaEmulator.restApi(environment)));
        assertEquals(4, emu.airflow(environment).requests(), "the refused read never reached Airflow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "v3demo"})
    void aViewerReadsButAirflowRefusesItsTriggerWith403AndNothingChanges(String environment) {
        try (MwaaClient bob = as(VIEWER, "bob")) {
            // Positive control: the same identity reads through the same path.
            assertEquals(200, bob.invokeRestApi(call(environment, RestApiMethod.GET, "/dags/example_etl", null))
                    .restApiStatusCode());
            RestApiClientException refused = assertThrows(RestApiClientException.class, () -> bob.invokeRestApi(
                    call(environment, RestApiMethod.POST, "/dags/example_etl/dagRuns", triggerBody(environment))));
            assertEquals(400, refused.statusCode());
            assertEquals("RestApiClientException", refused.awsErrorDetails().errorCode());
            assertEquals(403, refused.restApiStatusCode());
            JsonNode problem = json(refused.restApiResponse());
            if (environment.equals("demo")) {
                assertEquals("Forbidden", problem.path("title").asText());
                assertEquals(403, problem.path("status").asInt());
            } else {
                assertEquals("Forbidden", problem.path("detail").asText());
            }
            assertThrows(RestApiClientException.class, () -> bob.invokeRestApi(call(environment,
                    RestApiMethod.PATCH, "/dags/example_etl", Document.mapBuilder().putBoolean("is_paused", true)
                            .build())));
        }
        assertEquals(List.of(), emu.airflow(environment).dagRuns("example_etl"));
        assertFalse(emu.airflow(environment).isPaused("example_etl"));
        assertEquals(List.of(), emu.airflow(environment).events());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "v3demo"})
    void anUnknownDagAndABadBodyAreAirflowsClientErrors(String environment) {
        try (MwaaClient alice = as(OP, "alice")) {
            RestApiClientException unknown = assertThrows(RestApiClientException.class, () -> alice.invokeRestApi(
                    call(environment, RestApiMethod.POST, "/dags/nope/dagRuns", triggerBody(environment))));
            assertEquals(404, unknown.restApiStatusCode());
            assertTrue(json(unknown.restApiResponse()).path("detail").asText().contains("nope"));
            RestApiClientException bad = assertThrows(RestApiClientException.class, () -> alice.invokeRestApi(
                    call(environment, RestApiMethod.POST, "/dags/example_etl/dagRuns",
                            Document.mapBuilder().putString("colour", "blue").build())));
            assertEquals(environment.equals("demo") ? 400 : 422, bad.restApiStatusCode());
        }
        assertEquals(List.of(), emu.airflow(environment).dagRuns("example_etl"));
    }

    @Test
    void anAirflowServerErrorIsRestApiServerException() {
        emu.faults(MwaaEmulator.restApi("demo")).airflowStatus(503).once();
        try (MwaaClient alice = as(OP, "alice")) {
            RestApiServerException e = assertThrows(RestApiServerException.class, () -> alice.invokeRestApi(
                    call("demo", RestApiMethod.POST, "/dags/example_etl/dagRuns", triggerBody("demo"))));
            assertEquals(503, e.restApiStatusCode());
            assertEquals("Service Unavailable", json(e.restApiResponse()).path("title").asText());
            assertEquals(List.of(), emu.airflow("demo").dagRuns("example_etl"));
            assertEquals(200, alice.invokeRestApi(call("demo", RestApiMethod.POST, "/dags/example_etl/dagRuns",
                    triggerBody("demo"))).restApiStatusCode(), "once");
        }
    }

    @Test
    void mwaaFaultsOnInvokeRestApiNeverReachAirflow() {
        try (MwaaClient alice = as(OP, "alice")) {
            emu.faults(MwaaEmulator.restApi("demo")).throttle().once();
            MwaaException throttled = assertThrows(MwaaException.class, () -> alice.invokeRestApi(
                    call("demo", RestApiMethod.GET, "/dags", null)));
            assertEquals(429, throttled.statusCode());
            assertTrue(throttled.isThrottlingException());
            emu.faults(MwaaEmulator.restApi("demo")).status(500).once();
            assertThrows(InternalServerException.class, () -> alice.invokeRestApi(
                    call("demo", RestApiMethod.GET, "/dags", null)));
            emu.faults("demo").throttle(); // CreateWebLoginToken's target: InvokeRestApi is unaffected
            assertEquals(200, alice.invokeRestApi(call("demo", RestApiMethod.GET, "/dags", null))
                    .restApiStatusCode());
        }
        assertEquals(3, emu.hits(MwaaEmulator.restApi("demo")));
        assertEquals(1, emu.airflow("demo").requests());
        assertEquals(0, emu.hits("demo"));
    }

    @Test
    void withoutAnInvokeRestApiGrantIamRefusesBeforeAirflowIsCalled() {
        Credentials loginOnly = sts.assumeRole(r -> r.roleArn(LOGIN_ONLY).roleSessionName("carol")
                .durationSeconds(900)).credentials();
        try (MwaaClient carol = SdkClients.mwaa(emu, loginOnly); MwaaClient function = MwaaClients.of(emu)) {
            // Positive control: the role signs in.
            assertEquals("assumed-role/mwaa-login-only/carol",
                    carol.createWebLoginToken(r -> r.name("demo")).airflowIdentity());
            AccessDeniedException denied = assertThrows(AccessDeniedException.class, () -> carol.invokeRestApi(
                    call("demo", RestApiMethod.GET, "/dags", null)));
            assertEquals(403, denied.statusCode());
            assertEquals("User: arn:aws:sts::123456789012:assumed-role/mwaa-login-only/carol is not authorized to "
                    + "perform: airflow:InvokeRestApi on resource: arn:aws:airflow:us-east-1:123456789012:"
                    + "role/demo/Op", denied.awsErrorDetails().errorMessage());
            // The function's own credentials may not either (unless the builder says registeredRestApi()).
            assertThrows(AccessDeniedException.class, () -> function.invokeRestApi(
                    call("demo", RestApiMethod.GET, "/dags", null)));
        }
        try (MwaaClient alice = as(OP, "alice")) {
            assertThrows(AccessDeniedException.class, () -> alice.invokeRestApi(call("other-env",
                    RestApiMethod.GET, "/dags", null)), "an environment the role does not grant");
        }
        assertEquals(0, emu.airflow("demo").requests());
        assertEquals(2, emu.hits(MwaaEmulator.restApi("demo")));
    }

    @Test
    void registeredCredentialsMayWhenTheBuilderSaysSo() {
        try (MwaaEmulator open = MwaaEmulator.builder().environment("demo").airflowRole("Op").registeredRestApi()
                .requestLog(null).build().start(); MwaaClient function = MwaaClients.of(open)) {
            assertEquals(200, function.invokeRestApi(call("demo", RestApiMethod.POST, "/dags/example_etl/dagRuns",
                    triggerBody("demo"))).restApiStatusCode());
            assertEquals(EmulatorCredentials.DEFAULT_IAM_IDENTITY,
                    open.airflow("demo").dagRuns("example_etl").get(0).triggeredBy());
        }
    }

    @Test
    void anUnknownEnvironmentIsResourceNotFound() {
        try (MwaaClient bob = as(VIEWER, "bob")) {
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> bob.invokeRestApi(
                    call("nope", RestApiMethod.GET, "/dags", null)));
            assertEquals(404, e.statusCode());
            assertEquals(1, emu.hits(MwaaEmulator.restApi("nope")));
        }
    }

    @Test
    void theModelsConstraintsAreValidationExceptionsTheSdkDoesNotCatchItself() {
        try (MwaaClient alice = as(OP, "alice")) {
            // Positive control: the same call with a valid method and path works.
            assertEquals(200, alice.invokeRestApi(r -> r.name("demo").method("GET").path("/dags"))
                    .restApiStatusCode());
            for (InvokeRestApiRequest bad : List.of(
                    InvokeRestApiRequest.builder().name("demo").method("HEAD").path("/dags").build(),
                    InvokeRestApiRequest.builder().name("demo").method("get").path("/dags").build(),
                    InvokeRestApiRequest.builder().name("demo").method("GET").path("/" + "d".repeat(64)).build(),
                    InvokeRestApiRequest.builder().name("demo").method("POST").path("/dags/x/dagRuns")
                            .body(Document.fromString("not an object")).build())) {
                ValidationException e = assertThrows(ValidationException.class, () -> alice.invokeRestApi(bad),
                        bad.toString());
                assertEquals(400, e.statusCode());
            }
            assertThrows(ValidationException.class, () -> alice.invokeRestApi(r -> r.name("9 lives").method("GET")
                    .path("/dags")));
        }
        assertEquals(1, emu.airflow("demo").requests());
    }

    @Test
    void aSessionNamedPastMwaasAirflowUserLimitIsRefusedNotShortened() {
        String longName = "s".repeat(64 - "assumed-role/mwaa-op/".length() + 1);
        try (MwaaClient longSession = as(OP, longName)) {
            ValidationException e = assertThrows(ValidationException.class, () -> longSession.invokeRestApi(
                    call("demo", RestApiMethod.GET, "/dags", null)));
            assertTrue(e.awsErrorDetails().errorMessage().contains("65 characters"), e.getMessage());
        }
        assertEquals(0, emu.airflow("demo").requests());
    }

    @Test
    void unsignedWrongRegionAndWrongSecretAreRefusedBeforeAirflow() {
        try (MwaaClient anonymous = MwaaClient.builder().endpointOverride(emu.endpoint())
                .region(Region.of(emu.region())).credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putAdvancedOption(software.amazon.awssdk.core.client.config.SdkAdvancedClientOption
                                .DISABLE_HOST_PREFIX_INJECTION, true))
                .build()) {
            MwaaException e = assertThrows(MwaaException.class, () -> anonymous.invokeRestApi(
                    call("demo", RestApiMethod.GET, "/dags", null)));
            assertEquals("MissingAuthenticationTokenException", e.awsErrorDetails().errorCode());
        }
        try (MwaaClient elsewhere = MwaaClients.of(emu.endpoint(), "eu-west-1", SdkClients.DEFAULT,
                AwsRetryStrategy.doNotRetry(), Duration.ofSeconds(5))) {
            MwaaException e = assertThrows(MwaaException.class, () -> elsewhere.invokeRestApi(
                    call("demo", RestApiMethod.GET, "/dags", null)));
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("eu-west-1"), e.getMessage());
        }
        try (MwaaClient wrong = MwaaClients.of(emu, AwsBasicCredentials.create(
                EmulatorCredentials.DEFAULT_ACCESS_KEY_ID, "not-the-secret"), AwsRetryStrategy.doNotRetry(),
                Duration.ofSeconds(5))) {
            MwaaException e = assertThrows(MwaaException.class, () -> wrong.invokeRestApi(
                    call("demo", RestApiMethod.GET, "/dags", null)));
            assertInstanceOf(MwaaException.class, e);
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
        }
        assertEquals(3, emu.hits(MwaaEmulator.restApi("demo")));
        assertEquals(0, emu.airflow("demo").requests());
        assertEquals(Map.of(MwaaEmulator.restApi("demo"), 3L), emu.hits());
    }
}
