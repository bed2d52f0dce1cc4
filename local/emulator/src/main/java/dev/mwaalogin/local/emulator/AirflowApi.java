package dev.mwaalogin.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The REST API of one fake Airflow: routes a call to its endpoint, checks the caller's Airflow role, reads the query
 * and body, changes {@link FakeAirflow}'s state and writes the answer in the environment's {@link AirflowApiShape}.
 * The order of the checks is each Airflow's: Airflow 2 refuses an unknown query parameter before it checks the role
 * and looks a DAG up before it reads a body; Airflow 3 checks the role first and reads a body before it looks the
 * DAG up.
 */
final class AirflowApi {

    private static final String TRIGGER_EVENT_2 = "api.post_dag_run";
    private static final String TRIGGER_EVENT_3 = "trigger_dag_run";
    private static final String PATCH_EVENT_2 = "api.patch_dag";
    private static final String PATCH_EVENT_3 = "patch_dag";

    private final FakeAirflow airflow;
    private final AirflowApiShape shape;

    AirflowApi(FakeAirflow airflow) {
        this.airflow = airflow;
        this.shape = airflow.shape();
    }

    AirflowAnswer handle(AirflowCall call, OptionalInt failWith) {
        try {
            if (failWith.isPresent()) {
                throw injected(failWith.getAsInt());
            }
            List<String> segments = AirflowEndpoint.segments(call.path()).orElse(List.of()); // none: no endpoint
            AirflowEndpoint endpoint = AirflowEndpoint.route(call.method(), segments);
            AirflowQuery query = new AirflowQuery(call.query());
            if (shape.refusesUnknownQueryParameters()) {
                query.requireKnown(endpoint.airflow2QueryParameters());
            }
            if (!AirflowPermission.of(call.role()).containsAll(endpoint.permissions())) {
                throw AirflowError.of(403, "Forbidden", null, "Forbidden");
            }
            return new AirflowAnswer(200, switch (endpoint) {
                case VERSION -> version();
                case LIST_DAGS -> listDags(query);
                case GET_DAG -> dagJson(existingDag(segments.get(1)));
                case PATCH_DAG -> patchDag(call, segments.get(1), query);
                case LIST_DAG_RUNS -> listDagRuns(segments.get(1), query);
                case TRIGGER_DAG_RUN -> triggerDagRun(call, segments.get(1));
                case GET_DAG_RUN -> getDagRun(segments.get(1), segments.get(3));
                case LIST_EVENT_LOGS -> listEventLogs(query);
            });
        } catch (AirflowError e) {
            return new AirflowAnswer(shape.status(e), shape.problem(e, airflow.environment().airflowVersion()));
        }
    }

    private boolean airflow2() {
        return shape == AirflowApiShape.AIRFLOW_2;
    }

    private Map<String, Object> version() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", airflow.environment().airflowVersion());
        out.put("git_version", null);
        return out;
    }

    private Map<String, Object> listDags(AirflowQuery query) throws AirflowError {
        int limit = query.limit(airflow2() ? 1 : 0);
        int offset = query.offset();
        Optional<Boolean> paused = query.bool("paused");
        Optional<String> pattern = query.first("dag_id_pattern").map(p -> p.toLowerCase(Locale.ROOT));
        List<String> tags = query.all("tags");
        String orderBy = query.first("order_by").orElse("dag_id");
        if (!orderBy.equals("dag_id") && !orderBy.equals("-dag_id")) {
            throw AirflowError.of(400, "Bad Request", "Ordering with '" + orderBy + "' is disallowed or the "
                    + "attribute does not exist on the model");
        }
        Comparator<AirflowDag> order = Comparator.comparing(AirflowDag::dagId);
        List<AirflowDag> matching = airflow.allDags().stream()
                .filter(dag -> paused.map(p -> p == airflow.paused(dag.dagId())).orElse(true))
                .filter(dag -> pattern.map(p -> dag.dagId().toLowerCase(Locale.ROOT).contains(p)).orElse(true))
                .filter(dag -> tags.isEmpty() || dag.tags().stream().anyMatch(tags::contains))
                .sorted(orderBy.startsWith("-") ? order.reversed() : order)
                .toList();
        return AirflowApiShape.collection("dags",
                AirflowQuery.page(matching, offset, limit).stream().map(this::dagJson).toList(), matching.size());
    }

    private Map<String, Object> dagJson(AirflowDag dag) {
        return shape.dag(dag, airflow.paused(dag.dagId()), airflow.parsedAt());
    }

    private AirflowDag existingDag(String dagId) throws AirflowError {
        Optional<AirflowDag> dag = airflow.dag(dagId);
        if (dag.isEmpty()) {
            throw AirflowError.of(404, "DAG not found", "DAG with dag_id: '" + dagId + "' not found",
                    "The Dag with ID: `" + dagId + "` was not found");
        }
        return dag.get();
    }

    private Map<String, Object> patchDag(AirflowCall call, String dagId, AirflowQuery query) throws AirflowError {
        AirflowDag dag = airflow2() ? existingDag(dagId) : null;
        boolean pause = isPaused(call.body());
        List<String> mask = query.all("update_mask");
        if (!mask.isEmpty() && !mask.equals(List.of("is_paused"))) {
            throw AirflowError.of(400, "Bad Request", "Only `is_paused` field can be updated through the REST API");
        }
        dag = dag != null ? dag : existingDag(dagId);
        airflow.setPaused(dag.dagId(), pause);
        airflow.log(airflow2() ? PATCH_EVENT_2 : PATCH_EVENT_3, dag.dagId(), call.user());
        return dagJson(dag);
    }

    /** The body of PATCH /dags/{dag_id}: {@code {"is_paused": true|false}} and nothing else. */
    private static boolean isPaused(JsonNode body) throws AirflowError {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("is_paused")) {
                throw AirflowError.invalid("body", name, AirflowError.Kind.UNKNOWN);
            }
        }
        JsonNode value = body.get("is_paused");
        if (value == null || value.isNull()) {
            throw AirflowError.invalid("body", "is_paused", AirflowError.Kind.MISSING);
        }
        Optional<Boolean> parsed = value.isBoolean() ? Optional.of(value.booleanValue())
                : value.isTextual() ? AirflowQuery.parseBoolean(value.textValue()) : Optional.empty();
        return parsed.orElseThrow(() -> AirflowError.invalid("body", "is_paused", AirflowError.Kind.NOT_BOOLEAN));
    }

    /** {@code ~} lists every DAG's runs. Airflow 2 lists none for an unknown DAG; Airflow 3 answers 404. */
    private Map<String, Object> listDagRuns(String dagId, AirflowQuery query) throws AirflowError {
        int limit = query.limit(airflow2() ? 1 : 0);
        int offset = query.offset();
        List<String> states = query.all("state");
        if (!dagId.equals("~") && !airflow2()) {
            existingDag(dagId);
        }
        List<AirflowDagRun> matching = airflow.allRuns().stream()
                .filter(run -> dagId.equals("~") || run.dagId().equals(dagId))
                .filter(run -> states.isEmpty() || states.contains(run.state()))
                .toList();
        return AirflowApiShape.collection("dag_runs",
                AirflowQuery.page(matching, offset, limit).stream().map(this::runJson).toList(), matching.size());
    }

    private Map<String, Object> runJson(AirflowDagRun run) {
        return shape.dagRun(run, airflow.parsedAt(), airflow.namesTriggeringUser());
    }

    private Map<String, Object> getDagRun(String dagId, String runId) throws AirflowError {
        return airflow.allRuns().stream()
                .filter(run -> run.dagId().equals(dagId) && run.runId().equals(runId))
                .findFirst().map(this::runJson)
                .orElseThrow(() -> AirflowError.of(404, "DAGRun not found", "DAGRun with DAG ID: '" + dagId
                        + "' and DagRun ID: '" + runId + "' not found", "The DagRun with dag_id: `" + dagId
                        + "` and run_id: `" + runId + "` was not found"));
    }

    private Map<String, Object> triggerDagRun(AirflowCall call, String dagId) throws AirflowError {
        AirflowDag dag = airflow2() ? existingDag(dagId) : null;
        DagRunTrigger trigger = DagRunTrigger.parse(call.body(), shape);
        dag = dag != null ? dag : existingDag(dagId);
        Instant now = airflow.now();
        Instant logicalDate = trigger.logicalDate() != null ? trigger.logicalDate() : airflow2() ? now : null;
        Instant start = trigger.dataIntervalStart() != null ? trigger.dataIntervalStart() : logicalDate;
        Instant end = trigger.dataIntervalEnd() != null ? trigger.dataIntervalEnd() : logicalDate;
        // Python's isoformat, +00:00, in both generations: Airflow 3 writes Z only in its JSON times.
        String runId = trigger.runId() != null ? trigger.runId()
                : "manual__" + AirflowApiShape.AIRFLOW_2.time(logicalDate != null ? logicalDate : now);
        requireNew(dag.dagId(), runId, logicalDate);
        AirflowDagRun run = new AirflowDagRun(dag.dagId(), runId, logicalDate, now, start, end, trigger.conf(),
                trigger.note(), call.user());
        airflow.addRun(run);
        airflow.log(airflow2() ? TRIGGER_EVENT_2 : TRIGGER_EVENT_3, dag.dagId(), call.user());
        return runJson(run);
    }

    /** A DAG's runs are unique by run id, and on Airflow 2 by logical date too. */
    private void requireNew(String dagId, String runId, Instant logicalDate) throws AirflowError {
        for (AirflowDagRun run : airflow.allRuns()) {
            if (!run.dagId().equals(dagId)) {
                continue;
            }
            if (run.runId().equals(runId)) {
                throw AirflowError.of(409, "Conflict", "DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '"
                        + runId + "' already exists", "A DAG run with dag_run_id '" + runId + "' already exists "
                        + "for DAG '" + dagId + "'");
            }
            if (airflow2() && Objects.equals(run.logicalDate(), logicalDate)) {
                throw AirflowError.of(409, "Conflict", "DAGRun with DAG ID: '" + dagId + "' and DAGRun logical "
                        + "date: '" + shape.time(logicalDate) + "' already exists");
            }
        }
    }

    private Map<String, Object> listEventLogs(AirflowQuery query) throws AirflowError {
        int limit = query.limit(airflow2() ? 1 : 0);
        int offset = query.offset();
        Optional<String> dagId = query.first("dag_id");
        Optional<String> event = query.first("event");
        Optional<String> owner = query.first("owner");
        List<AirflowEvent> matching = airflow.events().stream()
                .filter(e -> dagId.map(d -> d.equals(e.dagId())).orElse(true))
                .filter(e -> event.map(n -> n.equals(e.event())).orElse(true))
                .filter(e -> owner.map(o -> o.equals(e.owner())).orElse(true))
                .toList();
        return AirflowApiShape.collection("event_logs",
                AirflowQuery.page(matching, offset, limit).stream().map(shape::event).toList(), matching.size());
    }

    private static AirflowError injected(int status) {
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
        return AirflowError.of(status, title, "The MWAA emulator's Airflow answered " + status + " on purpose (an "
                + "airflow fault).");
    }
}
