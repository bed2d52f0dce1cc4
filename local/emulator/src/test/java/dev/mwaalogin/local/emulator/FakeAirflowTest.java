package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fake Airflow's REST API, called as InvokeRestApi calls it, for both Airflow generations. */
class FakeAirflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "assumed-role/mwaa-op/alice";
    private static final String BOB = "assumed-role/mwaa-viewer/bob";

    private final SsoPageIT.ManualClock clock = new SsoPageIT.ManualClock();

    private FakeAirflow airflow(String version) {
        return new FakeAirflow(new EmulatedEnvironment("demo", "demo.example.test", version), AirflowDag.EXAMPLES,
                clock);
    }

    /** The answer as a script reads it: status, and the JSON it got. */
    private record Seen(int status, JsonNode json) {
    }

    private static Seen call(FakeAirflow airflow, String user, String role, String method, String path,
                             Map<String, List<String>> query, String body) throws Exception {
        AirflowAnswer answer = airflow.handle(new AirflowCall(user, role, method, path, query,
                body == null ? null : JSON.readTree(body)), OptionalInt.empty());
        return new Seen(answer.status(), JSON.valueToTree(answer.body()));
    }

    private static Seen call(FakeAirflow airflow, String role, String method, String path, String body)
            throws Exception {
        return call(airflow, role.equals("Viewer") ? BOB : ALICE, role, method, path, Map.of(), body);
    }

    private static Seen get(FakeAirflow airflow, String path, Map<String, List<String>> query) throws Exception {
        return call(airflow, BOB, "Viewer", "GET", path, query, null);
    }

    /** One member of each element of a JSON array, in order. */
    private static List<String> ids(JsonNode array, String member) {
        List<String> ids = new java.util.ArrayList<>();
        array.forEach(element -> ids.add(element.path(member).asText()));
        return ids;
    }

    private static List<String> dagIds(Seen list) {
        return ids(list.json().path("dags"), "dag_id");
    }

    private static String triggerBody(String version) {
        return version.startsWith("2") ? "{\"conf\": {\"day\": \"2025-01-31\"}}"
                : "{\"logical_date\": null, \"conf\": {\"day\": \"2025-01-31\"}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void aViewerListsAndReadsDags(String version) throws Exception {
        FakeAirflow airflow = airflow(version);
        Seen list = get(airflow, "/dags", Map.of());
        assertEquals(200, list.status());
        assertEquals(3, list.json().path("total_entries").asInt());
        assertEquals(List.of("example_cleanup", "example_etl", "example_report"),
                ids(list.json().path("dags"), "dag_id"));
        Seen one = get(airflow, "/dags/example_cleanup", Map.of());
        assertEquals(200, one.status());
        assertTrue(one.json().path("is_paused").asBoolean());
        assertEquals("maintenance", one.json().path("tags").path(0).path("name").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void aViewerCannotTriggerNorPauseAndNothingChanges(String version) throws Exception {
        FakeAirflow airflow = airflow(version);
        // Positive control: the same calls as Op change the state (on another instance, so this one stays clean).
        FakeAirflow control = airflow(version);
        assertEquals(200, call(control, "Op", "POST", "/dags/example_etl/dagRuns", triggerBody(version)).status());
        assertEquals(1, control.dagRuns("example_etl").size());

        Seen trigger = call(airflow, "Viewer", "POST", "/dags/example_etl/dagRuns", triggerBody(version));
        Seen pause = call(airflow, "Viewer", "PATCH", "/dags/example_etl", "{\"is_paused\": true}");
        for (Seen refused : List.of(trigger, pause)) {
            assertEquals(403, refused.status());
            if (version.startsWith("2")) {
                assertEquals("Forbidden", refused.json().path("title").asText());
                assertTrue(refused.json().path("detail").isNull());
                assertEquals(403, refused.json().path("status").asInt());
                assertEquals("https://airflow.apache.org/docs/apache-airflow/2.10.3/stable-rest-api-ref.html"
                        + "#section/Errors/PermissionDenied", refused.json().path("type").asText());
            } else {
                assertEquals(Map.of("detail", "Forbidden"), JSON.convertValue(refused.json(), Map.class));
            }
        }
        assertEquals(List.of(), airflow.dagRuns("example_etl"));
        assertFalse(airflow.isPaused("example_etl"));
        assertEquals(List.of(), airflow.events());
    }

    @ParameterizedTest
    @ValueSource(strings = {"User", "Op", "Admin"})
    void userOpAndAdminTriggerAndPause(String role) throws Exception {
        FakeAirflow airflow = airflow("2.10.3");
        assertEquals(200, call(airflow, role, "POST", "/dags/example_etl/dagRuns", "{}").status());
        assertEquals(200, call(airflow, role, "PATCH", "/dags/example_etl", "{\"is_paused\": true}").status());
        assertTrue(airflow.isPaused("example_etl"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Public", "DataEngineer", "admin"})
    void publicAndUnknownRolesMayNotEvenRead(String role) throws Exception {
        assertEquals(403, call(airflow("3.0.6"), "someone", role, "GET", "/dags", Map.of(), null).status());
    }

    @Test
    void anAirflow2TriggerRecordsTheRunWhoTriggeredItAndTheAuditLog() throws Exception {
        FakeAirflow airflow = airflow("2.10.3");
        Seen run = call(airflow, "Op", "POST", "/dags/example_etl/dagRuns", triggerBody("2.10.3"));
        assertEquals(200, run.status());
        String runId = run.json().path("dag_run_id").asText();
        assertTrue(runId.matches("manual__\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"), runId);
        assertEquals(run.json().path("logical_date"), run.json().path("execution_date"));
        assertTrue(run.json().path("external_trigger").asBoolean());
        assertEquals("queued", run.json().path("state").asText());
        assertEquals("2025-01-31", run.json().path("conf").path("day").asText());

        AirflowDagRun recorded = airflow.dagRuns("example_etl").get(0);
        assertEquals(ALICE, recorded.triggeredBy());
        assertEquals(runId, recorded.runId());
        assertEquals(Map.of("day", "2025-01-31"), recorded.conf());

        Seen events = get(airflow, "/eventLogs", Map.of());
        assertEquals(1, events.json().path("total_entries").asInt());
        assertEquals("api.post_dag_run", events.json().path("event_logs").path(0).path("event").asText());
        assertEquals(ALICE, events.json().path("event_logs").path(0).path("owner").asText());

        Seen listed = get(airflow, "/dags/example_etl/dagRuns", Map.of());
        assertEquals(List.of(runId), ids(listed.json().path("dag_runs"), "dag_run_id"));
        // Run ids carry ':' and '+'; a script may send them as they are or percent-encoded.
        assertEquals(200, get(airflow, "/dags/example_etl/dagRuns/" + runId, Map.of()).status());
        assertEquals(200, get(airflow, "/dags/example_etl/dagRuns/" + runId.replace(":", "%3A").replace("+", "%2B"),
                Map.of()).status());
    }

    @Test
    void anAirflow3TriggerNeedsALogicalDateMemberAndMayHaveNone() throws Exception {
        FakeAirflow airflow = airflow("3.0.6");
        Seen missing = call(airflow, "Op", "POST", "/dags/example_etl/dagRuns", "{}");
        assertEquals(422, missing.status());
        assertEquals("missing", missing.json().path("detail").path(0).path("type").asText());
        assertEquals(List.of("body", "logical_date"), JSON.convertValue(missing.json().path("detail").path(0)
                .path("loc"), List.class));
        assertEquals(List.of(), airflow.dagRuns("example_etl"));

        Seen run = call(airflow, "Op", "POST", "/dags/example_etl/dagRuns", triggerBody("3.0.6"));
        assertEquals(200, run.status());
        assertTrue(run.json().path("logical_date").isNull());
        assertTrue(run.json().path("run_after").asText().endsWith("Z"));
        assertEquals("rest_api", run.json().path("triggered_by").asText());
        assertFalse(run.json().has("triggering_user_name"), "3.0 has no triggering_user_name");
        assertEquals("trigger_dag_run", airflow.events().get(0).event());
        assertEquals(ALICE, airflow.events().get(0).owner());
    }

    @Test
    void airflow31NamesTheTriggeringUserInTheRun() throws Exception {
        FakeAirflow airflow = airflow("3.1.0");
        Seen run = call(airflow, "Op", "POST", "/dags/example_etl/dagRuns",
                "{\"logical_date\": \"2025-02-01T00:00:00+00:00\"}");
        assertEquals(ALICE, run.json().path("triggering_user_name").asText());
        assertEquals("2025-02-01T00:00:00.000000Z", run.json().path("logical_date").asText());
        assertEquals(ALICE, get(airflow, "/dags/~/dagRuns", Map.of()).json().path("dag_runs").path(0)
                .path("triggering_user_name").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void anUnknownDagIsNotFound(String version) throws Exception {
        FakeAirflow airflow = airflow(version);
        Seen trigger = call(airflow, "Op", "POST", "/dags/nope/dagRuns", triggerBody(version));
        Seen read = get(airflow, "/dags/nope", Map.of());
        for (Seen notFound : List.of(trigger, read)) {
            assertEquals(404, notFound.status());
            if (version.startsWith("2")) {
                assertEquals("DAG not found", notFound.json().path("title").asText());
                assertEquals("DAG with dag_id: 'nope' not found", notFound.json().path("detail").asText());
                assertTrue(notFound.json().path("type").asText().endsWith("#section/Errors/NotFound"));
            } else {
                assertEquals("The Dag with ID: `nope` was not found", notFound.json().path("detail").asText());
            }
        }
    }

    @Test
    void badBodiesAre400OnAirflow2And422OnAirflow3() throws Exception {
        Seen two = call(airflow("2.10.3"), "Op", "POST", "/dags/example_etl/dagRuns",
                "{\"colour\": \"blue\", \"conf\": [1]}");
        assertEquals(400, two.status());
        assertEquals("Bad Request", two.json().path("title").asText());
        assertEquals("{'colour': ['Unknown field.'], 'conf': ['Not a valid mapping type.']}",
                two.json().path("detail").asText());
        Seen readOnly = call(airflow("2.10.3"), "Op", "POST", "/dags/example_etl/dagRuns", "{\"state\": \"queued\"}");
        assertEquals(400, readOnly.status());
        assertEquals("Property is read-only - 'state'", readOnly.json().path("detail").asText());
        Seen three = call(airflow("3.0.6"), "Op", "POST", "/dags/example_etl/dagRuns",
                "{\"logical_date\": \"yesterday\", \"colour\": \"blue\"}");
        assertEquals(422, three.status());
        assertEquals(List.of("extra_forbidden", "datetime_from_date_parsing"),
                three.json().path("detail").findValuesAsText("type"));
        Seen pause = call(airflow("3.0.6"), "Op", "PATCH", "/dags/example_etl", "{\"is_paused\": \"maybe\"}");
        assertEquals(422, pause.status());
    }

    @Test
    void aRunIdOrAnAirflow2LogicalDateIsUniquePerDag() throws Exception {
        FakeAirflow airflow = airflow("2.10.3");
        assertEquals(200, call(airflow, "Op", "POST", "/dags/example_etl/dagRuns", "{\"dag_run_id\": \"r1\"}")
                .status());
        clock.advance(Duration.ofSeconds(1));
        Seen again = call(airflow, "Op", "POST", "/dags/example_etl/dagRuns", "{\"dag_run_id\": \"r1\"}");
        assertEquals(409, again.status());
        assertEquals("DAGRun with DAG ID: 'example_etl' and DAGRun ID: 'r1' already exists",
                again.json().path("detail").asText());
        // The same clock instant twice: Airflow 2 refuses a second run at the same logical date.
        assertEquals(200, call(airflow, "Op", "POST", "/dags/example_etl/dagRuns", "{}").status());
        assertEquals(409, call(airflow, "Op", "POST", "/dags/example_etl/dagRuns", "{}").status());
        assertEquals(2, airflow.dagRuns("example_etl").size());
        assertEquals(200, call(airflow, "Op", "POST", "/dags/example_report/dagRuns", "{\"dag_run_id\": \"r1\"}")
                .status(), "run ids are per DAG");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void pauseAndUnpause(String version) throws Exception {
        FakeAirflow airflow = airflow(version);
        Seen unpaused = call(airflow, "User", "PATCH", "/dags/example_cleanup", "{\"is_paused\": false}");
        assertEquals(200, unpaused.status());
        assertFalse(unpaused.json().path("is_paused").asBoolean());
        assertFalse(airflow.isPaused("example_cleanup"));
        assertEquals(version.startsWith("2") ? "api.patch_dag" : "patch_dag", airflow.events().get(0).event());
        Seen masked = call(airflow, ALICE, "Op", "PATCH", "/dags/example_cleanup",
                Map.of("update_mask", List.of("description")), "{\"is_paused\": true}");
        assertEquals(400, masked.status());
        assertFalse(airflow.isPaused("example_cleanup"), "refused: nothing changed");
        assertEquals(version.startsWith("2") ? 400 : 422,
                call(airflow, "Op", "PATCH", "/dags/example_cleanup", "{}").status());
        assertEquals(404, call(airflow, "Op", "PATCH", "/dags/nope", "{\"is_paused\": true}").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void listsFilterAndPageAsAirflowDoes(String version) throws Exception {
        FakeAirflow airflow = airflow(version);
        assertEquals(List.of("example_cleanup"), dagIds(get(airflow, "/dags", Map.of("paused", List.of("true")))));
        Seen page = get(airflow, "/dags", Map.of("limit", List.of("1"), "offset", List.of("1")));
        assertEquals(List.of("example_etl"), dagIds(page));
        assertEquals(3, page.json().path("total_entries").asInt());
        assertEquals(List.of("example_report"), dagIds(get(airflow, "/dags",
                Map.of("dag_id_pattern", List.of("REP")))));
        assertEquals(List.of("example_etl", "example_report"), dagIds(get(airflow, "/dags",
                Map.of("tags", List.of("example")))));
        assertEquals(List.of("example_report", "example_etl", "example_cleanup"), dagIds(get(airflow, "/dags",
                Map.of("order_by", List.of("-dag_id")))));
        Seen badLimit = get(airflow, "/dags", Map.of("limit", List.of("many")));
        assertEquals(version.startsWith("2") ? 400 : 422, badLimit.status());
    }

    @Test
    void airflow2RefusesUnknownQueryParametersAndAirflow3IgnoresThem() throws Exception {
        Map<String, List<String>> query = Map.of("colour", List.of("blue"));
        Seen two = get(airflow("2.10.3"), "/dags", query);
        assertEquals(400, two.status());
        assertEquals("Extra query parameter(s) colour not in spec", two.json().path("detail").asText());
        assertEquals(200, get(airflow("3.0.6"), "/dags", query).status());
    }

    @Test
    void runsOfAnUnknownDagAreNoneOnAirflow2AndNotFoundOnAirflow3() throws Exception {
        Seen two = get(airflow("2.10.3"), "/dags/nope/dagRuns", Map.of());
        assertEquals(200, two.status());
        assertEquals(0, two.json().path("total_entries").asInt());
        assertEquals(404, get(airflow("3.0.6"), "/dags/nope/dagRuns", Map.of()).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void unknownPathsAre404AndUnknownMethods405(String version) throws Exception {
        FakeAirflow airflow = airflow(version);
        for (String path : new String[] {"/nope", "dags", "/api/v1/dags", "/dags/", "//dags", "/", ""}) {
            Seen seen = get(airflow, path, Map.of());
            assertEquals(404, seen.status(), path);
            if (version.startsWith("3")) {
                assertEquals("Not Found", seen.json().path("detail").asText());
            }
        }
        Seen deleted = call(airflow, "Admin", "DELETE", "/dags/example_etl/dagRuns", null);
        assertEquals(405, deleted.status());
        assertEquals(3, airflow.dagIds().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.10.3", "3.0.6"})
    void versionIsPublic(String version) throws Exception {
        Seen seen = call(airflow(version), "nobody", "Public", "GET", "/version", Map.of(), null);
        assertEquals(200, seen.status());
        assertEquals(version, seen.json().path("version").asText());
    }

    @Test
    void anInjectedStatusIsAnsweredAndChangesNothing() throws Exception {
        FakeAirflow airflow = airflow("2.10.3");
        AirflowAnswer answer = airflow.handle(new AirflowCall(ALICE, "Op", "POST", "/dags/example_etl/dagRuns",
                Map.of(), null), OptionalInt.of(503));
        assertEquals(503, answer.status());
        assertEquals("Service Unavailable", JSON.valueToTree(answer.body()).path("title").asText());
        assertEquals(List.of(), airflow.dagRuns("example_etl"));
        assertEquals(1, airflow.requests());
    }

    @Test
    void theJavaViewRefusesUnknownDags() {
        FakeAirflow airflow = airflow("2.10.3");
        assertThrows(IllegalArgumentException.class, () -> airflow.dagRuns("nope"));
        assertThrows(IllegalArgumentException.class, () -> airflow.isPaused("nope"));
        assertNull(AirflowApiShape.AIRFLOW_2.time(null));
    }
}
