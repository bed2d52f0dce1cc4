package dev.mwaalogin.local;

import static dev.mwaalogin.local.SignInRig.SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.SignInRig.Response;
import dev.mwaalogin.local.emulator.AirflowDagRun;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Airflow's REST API as yourself through {@code /api/{environment}/{path+}}, over HTTP as {@code local/run
 * start-api} serves it (the built function under AWS's runtime interface client, the emulator's MWAA InvokeRestApi
 * in front of a fake Airflow 2 ({@code demo}) and Airflow 3 ({@code analytics}), mock-oauth2-server as the provider,
 * see {@link SignInRig}): a script with only a bearer token lists DAGs and triggers runs as its person, with the
 * Airflow role the mapping of {@code events/env.json} gives them; Airflow refuses a Viewer itself; what the
 * allow-list, MWAA's limits or a cookie rule out never reaches MWAA; MWAA's failures are clear answers.
 */
class ApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> ADMINS = Map.of("groups", List.of("airflow-admins"));
    private static final Map<String, Object> VIEWERS = Map.of("groups", List.of("AirflowLogin"));
    /** data-science: User in every environment (data-*=User), a role below Admin that Airflow lets trigger runs. */
    private static final Map<String, Object> USERS = Map.of("groups", List.of("data-science"));

    private static SignInRig rig;

    @BeforeAll
    static void start() throws IOException {
        rig = SignInRig.start(5000);
    }

    @AfterAll
    static void stop() {
        SignInRig.finish(rig, () -> assertTrue(rig.logs.stream().noneMatch(line -> line.contains("2026-01-31")),
                "a request body reached the log"));
    }

    @AfterEach
    void clearFaults() {
        rig.setup.emulator.clearFaults();
    }

    private static MwaaEmulator emulator() {
        return rig.setup.emulator;
    }

    /** InvokeRestApi calls in both environments and AssumeRole calls so far: what "nothing called" counts. */
    private static long called() {
        return emulator().hits(MwaaEmulator.restApi("demo")) + emulator().hits(MwaaEmulator.restApi("analytics"))
                + emulator().hits(MwaaEmulator.STS);
    }

    private static String bearer(String person, Map<String, Object> claims) {
        String token = rig.provider.server().issueToken(LocalProvider.ISSUER_ID, LocalProvider.CLIENT_ID,
                new DefaultOAuth2TokenCallback(LocalProvider.ISSUER_ID, person, "JWT", List.of(
                        LocalProvider.CLIENT_ID), claims, 300)).serialize();
        rig.remember(token);
        return token;
    }

    private static Response api(String method, String path, String body, String token) throws IOException {
        return rig.call(method, "/api/" + path, body, "Authorization", "Bearer " + token, "Content-Type",
                "application/json");
    }

    private static String code(Response response) throws IOException {
        return JSON.readTree(response.body()).path("error").path("code").asText();
    }

    private static String trigger(String environment) {
        // Airflow 3 asks for a logical date (null: now); whatever conf says, Airflow records who signed.
        return "{\"conf\":{\"day\":\"2026-01-31\",\"user\":\"assumed-role/x/root\"}"
                + (environment.equals("analytics") ? ",\"logical_date\":null}" : "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "analytics"})
    void aViewerIsRefusedByAirflowAndAnAdminTriggersARunAsThemselves(String environment) throws IOException {
        String viewer = bearer("vic", VIEWERS);
        String admin = bearer("alice", ADMINS);
        Response dags = api("GET", environment + "/dags?limit=2", null, viewer);
        assertEquals(200, dags.status(), dags.body());
        assertEquals(2, JSON.readTree(dags.body()).path("dags").size(), dags.body());
        assertEquals("no-store", dags.headers().get("cache-control").get(0));
        assertEquals("no-referrer", dags.headers().get("referrer-policy").get(0));

        int runsBefore = emulator().airflow(environment).dagRuns("example_etl").size();
        Response refused = api("POST", environment + "/dags/example_etl/dagRuns", trigger(environment), viewer);
        assertEquals(403, refused.status(), refused.body());
        assertEquals("", code(refused), "Airflow's own answer, passed through: " + refused.body());
        assertEquals(runsBefore, emulator().airflow(environment).dagRuns("example_etl").size());

        Response run = api("POST", environment + "/dags/example_etl/dagRuns", trigger(environment), admin);
        assertEquals(200, run.status(), run.body());
        String runId = JSON.readTree(run.body()).path("dag_run_id").asText();
        List<AirflowDagRun> runs = emulator().airflow(environment).dagRuns("example_etl");
        AirflowDagRun recorded = runs.get(runs.size() - 1);
        assertEquals(runId, recorded.runId());
        assertEquals("assumed-role/Admin-local/alice", recorded.triggeredBy(), "Airflow records the person");
        rig.awaitLogLine(0, "api status=200 environment=" + environment
                + " method=POST rule=POST:/dags/*/dagRuns airflowStatus=200 person=alice caller=bearer-token"
                + " airflowRole=Admin");

        // Not only Admin: a person whose groups give the User role triggers a run too, as themselves.
        Response userRun = api("POST", environment + "/dags/example_etl/dagRuns", trigger(environment),
                bearer("una", USERS));
        assertEquals(200, userRun.status(), userRun.body());
        List<AirflowDagRun> after = emulator().airflow(environment).dagRuns("example_etl");
        assertEquals("assumed-role/User-local/una", after.get(after.size() - 1).triggeredBy());
    }

    @Test
    void whatTheAllowListOrMwaasLimitsRuleOutIsRefusedWithNothingCalled() throws IOException {
        String admin = bearer("alice", ADMINS);
        // The control: the same person, the same DAG, a call the allow-list lets through.
        assertEquals(200, api("PATCH", "demo/dags/example_etl", "{\"is_paused\":true}", admin).status());
        assertTrue(emulator().airflow("demo").isPaused("example_etl"));
        assertEquals(200, api("PATCH", "demo/dags/example_etl", "{\"is_paused\":false}", admin).status());
        long before = called();
        Map<String, String[]> refused = new java.util.LinkedHashMap<>();
        refused.put("DELETE demo/dags/example_etl", new String[] {null, "403", "ApiCallNotAllowed"});
        refused.put("POST demo/variables", new String[] {"{\"key\":\"k\",\"value\":\"v\"}", "403",
            "ApiCallNotAllowed"});
        refused.put("GET demo/dags/" + "x".repeat(60), new String[] {null, "400", "InvalidApiPath"});
        refused.put("GET demo/dags/..%2Fvariables", new String[] {null, "400", "InvalidApiPath"});
        refused.put("POST demo/dags/example_etl/dagRuns", new String[] {"{\"conf\":", "400", "InvalidBody"});
        refused.put("POST demo/dags/example_etl/dagRuns ", new String[] {"[]", "400", "InvalidBody"});
        refused.put("POST demo/dags/example_etl/dagRuns  ", new String[] {"{\"conf\":\"" + "x".repeat(300 * 1024)
            + "\"}", "413", "BodyTooLarge"});
        refused.put("HEAD demo/dags", new String[] {null, "405", ""});
        refused.put("GET elsewhere/dags", new String[] {null, "404", "EnvironmentNotFound"});
        for (Map.Entry<String, String[]> call : refused.entrySet()) {
            String[] parts = call.getKey().trim().split(" ");
            Response response = api(parts[0], parts[1], call.getValue()[0], admin);
            assertEquals(Integer.parseInt(call.getValue()[1]), response.status(), call.getKey() + ": "
                    + response.body());
            if (!parts[0].equals("HEAD")) {
                assertEquals(call.getValue()[2], code(response), call.getKey());
            }
        }
        assertEquals(before, called(), "nothing reached STS or MWAA");
    }

    @Test
    void aSignedInBrowsersCookieNeverAuthorizesTheApi() throws IOException {
        // The control: the session cookie signs carol in to Airflow as herself.
        Response landed = rig.signIn("/login", "carol", "{\"groups\":[\"airflow-admins\"]}");
        String session = landed.cookies().get(SESSION_COOKIE);
        assertEquals("assumed-role/Admin-local/carol", rig.redeem(rig.browse("/login", session))
                .get("airflowIdentity"));
        long before = called();
        int runs = emulator().airflow("demo").dagRuns("example_etl").size();
        for (String method : List.of("GET", "POST")) {
            Response response = rig.call(method, "/api/demo/" + (method.equals("GET") ? "dags"
                    : "dags/example_etl/dagRuns"), method.equals("GET") ? null : "{}", "Cookie", session,
                    "Content-Type", "application/json", "Accept", "application/json");
            assertEquals(401, response.status(), response.body());
            assertEquals("BearerTokenRequired", code(response));
            assertFalse(response.headers().containsKey("set-cookie"), "the session is untouched");
        }
        assertEquals(before, called(), "nothing called");
        assertEquals(runs, emulator().airflow("demo").dagRuns("example_etl").size());
    }

    @Test
    void everyMwaaFailureIsAClearAnswer() throws IOException {
        String admin = bearer("alice", ADMINS);
        assertEquals(200, api("GET", "demo/dags", null, admin).status(), "the control");
        record Case(Runnable arm, int status, String code, String says) {
        }
        String target = MwaaEmulator.restApi("demo");
        List<Case> cases = List.of(
                new Case(() -> emulator().faults(target).airflowStatus(503), 502, "AirflowError", "HTTP 503"),
                new Case(() -> emulator().faults(target).airflowStatus(404), 404, "", ""),
                new Case(() -> emulator().faults(target).throttle(), 429, "Throttled", "throttling"),
                new Case(() -> emulator().faults(target).status(403), 403, "AccessDenied",
                        "airflow:InvokeRestApi on arn:aws:airflow:us-east-1:123456789012:role/demo/Admin"),
                new Case(() -> emulator().faults(target).status(400), 400, "InvalidRequest", "invalid"),
                new Case(() -> emulator().faults(target).status(404), 404, "EnvironmentNotFound", "no environment"),
                new Case(() -> emulator().faults(target).status(500), 502, "UpstreamError", "failed"));
        for (Case fault : cases) {
            fault.arm().run();
            Response response = api("GET", "demo/dags", null, admin);
            assertEquals(fault.status(), response.status(), fault.code() + ": " + response.body());
            assertEquals(fault.code(), code(response), response.body());
            assertTrue(response.body().contains(fault.says()), response.body());
            emulator().clearFaults();
        }
    }
}
