package dev.mwaalogin.local.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How each generation of Airflow's REST API writes what the fake Airflow answers: Airflow 2's {@code /api/v1}
 * (connexion: problem JSON, 400 for a bad request, ISO times with {@code +00:00}) and Airflow 3's {@code /api/v2}
 * (FastAPI: {@code {"detail": ...}}, 422 for a bad request, times with {@code Z}). Field names and members follow the
 * DAG, DAGRun and EventLog schemas of Airflow 2.10 and 3.0; members the fake has no state for (next runs, versions'
 * bundles) are written as Airflow writes them when unset.
 */
enum AirflowApiShape {

    AIRFLOW_2("/api/v1") {
        @Override
        Map<String, Object> dag(AirflowDag dag, boolean paused, Instant parsedAt) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dag_id", dag.dagId());
            out.put("dag_display_name", dag.dagId());
            out.put("root_dag_id", null);
            out.put("is_paused", paused);
            out.put("is_active", true);
            out.put("is_subdag", false);
            out.put("last_parsed_time", time(parsedAt));
            out.put("last_pickled", null);
            out.put("last_expired", null);
            out.put("scheduler_lock", null);
            out.put("pickle_id", null);
            out.put("default_view", "grid");
            out.put("fileloc", dag.fileloc());
            out.put("file_token", fileToken(dag));
            out.put("owners", List.of("airflow"));
            out.put("description", dag.description());
            out.put("schedule_interval", dag.schedule() == null ? null
                    : Map.of("__type", "CronExpression", "value", dag.schedule()));
            out.put("timetable_description", dag.timetableDescription());
            out.put("tags", dag.tags().stream().map(tag -> Map.of("name", tag)).toList());
            out.put("max_active_tasks", 16);
            out.put("max_active_runs", 16);
            out.put("has_task_concurrency_limits", false);
            out.put("has_import_errors", false);
            out.put("next_dagrun", null);
            out.put("next_dagrun_data_interval_start", null);
            out.put("next_dagrun_data_interval_end", null);
            out.put("next_dagrun_create_after", null);
            return out;
        }

        @Override
        Map<String, Object> dagRun(AirflowDagRun run, Instant parsedAt, boolean namesTriggeringUser) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dag_run_id", run.runId());
            out.put("dag_id", run.dagId());
            out.put("logical_date", time(run.logicalDate()));
            out.put("execution_date", time(run.logicalDate()));
            out.put("start_date", null);
            out.put("end_date", null);
            out.put("data_interval_start", time(run.dataIntervalStart()));
            out.put("data_interval_end", time(run.dataIntervalEnd()));
            out.put("last_scheduling_decision", null);
            out.put("run_type", "manual");
            out.put("state", run.state());
            out.put("external_trigger", true);
            out.put("conf", run.conf());
            out.put("note", run.note());
            return out;
        }

        @Override
        Map<String, Object> event(AirflowEvent event) {
            Map<String, Object> out = eventCommon(event, time(event.when()));
            out.put("execution_date", null);
            out.put("owner", event.owner());
            out.put("extra", null);
            return out;
        }

        @Override
        String time(Instant instant) {
            return instant == null ? null : ISO_MICROS.format(instant.atOffset(ZoneOffset.UTC)) + "+00:00";
        }

        @Override
        Map<String, Object> problem(AirflowError error, String airflowVersion) {
            String detail = error.fields().isEmpty() ? error.detail() : marshmallowMessages(error.fields());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("detail", detail);
            out.put("status", error.status());
            out.put("title", error.title());
            String section = SECTIONS.get(error.status());
            out.put("type", section == null ? "about:blank" : "https://airflow.apache.org/docs/apache-airflow/"
                    + airflowVersion + "/stable-rest-api-ref.html#section/Errors/" + section);
            return out;
        }

        @Override
        int status(AirflowError error) {
            return error.status();
        }

        @Override
        boolean refusesUnknownQueryParameters() {
            return true; // connexion's strict_validation, as Airflow 2 configures it
        }

        /** marshmallow's messages as Airflow 2 writes them into {@code detail}: Python's repr of a dict. */
        private String marshmallowMessages(List<AirflowError.Field> fields) {
            return fields.stream().map(f -> "'" + f.name() + "': ['" + f.kind().airflow2 + "']")
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    },

    AIRFLOW_3("/api/v2") {
        @Override
        Map<String, Object> dag(AirflowDag dag, boolean paused, Instant parsedAt) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dag_id", dag.dagId());
            out.put("dag_display_name", dag.dagId());
            out.put("is_paused", paused);
            out.put("is_stale", false);
            out.put("last_parsed_time", time(parsedAt));
            out.put("last_expired", null);
            out.put("bundle_name", "dags-folder");
            out.put("bundle_version", null);
            out.put("relative_fileloc", dag.dagId() + ".py");
            out.put("fileloc", dag.fileloc());
            out.put("description", dag.description());
            out.put("timetable_summary", dag.schedule());
            out.put("timetable_description", dag.timetableDescription());
            out.put("tags", dag.tags().stream().map(tag -> Map.of("name", tag, "dag_id", dag.dagId())).toList());
            out.put("max_active_tasks", 16);
            out.put("max_active_runs", 16);
            out.put("max_consecutive_failed_dag_runs", 0);
            out.put("has_task_concurrency_limits", false);
            out.put("has_import_errors", false);
            out.put("next_dagrun_logical_date", null);
            out.put("next_dagrun_data_interval_start", null);
            out.put("next_dagrun_data_interval_end", null);
            out.put("next_dagrun_run_after", null);
            out.put("owners", List.of("airflow"));
            out.put("file_token", fileToken(dag));
            return out;
        }

        @Override
        Map<String, Object> dagRun(AirflowDagRun run, Instant parsedAt, boolean namesTriggeringUser) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dag_run_id", run.runId());
            out.put("dag_id", run.dagId());
            out.put("logical_date", time(run.logicalDate()));
            out.put("queued_at", time(run.runAfter()));
            out.put("start_date", null);
            out.put("end_date", null);
            out.put("data_interval_start", time(run.dataIntervalStart()));
            out.put("data_interval_end", time(run.dataIntervalEnd()));
            out.put("run_after", time(run.runAfter()));
            out.put("last_scheduling_decision", null);
            out.put("run_type", "manual");
            out.put("state", run.state());
            out.put("triggered_by", "rest_api");
            if (namesTriggeringUser) {
                out.put("triggering_user_name", run.triggeredBy());
            }
            out.put("conf", run.conf());
            out.put("note", run.note());
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("id", UUID.nameUUIDFromBytes(run.dagId().getBytes(StandardCharsets.UTF_8)).toString());
            version.put("version_number", 1);
            version.put("dag_id", run.dagId());
            version.put("bundle_name", "dags-folder");
            version.put("bundle_version", null);
            version.put("created_at", time(parsedAt));
            version.put("dag_display_name", run.dagId());
            out.put("dag_versions", List.of(version));
            out.put("bundle_version", null);
            out.put("dag_display_name", run.dagId());
            return out;
        }

        @Override
        Map<String, Object> event(AirflowEvent event) {
            Map<String, Object> out = eventCommon(event, time(event.when()));
            out.put("logical_date", null);
            out.put("owner", event.owner());
            out.put("extra", null);
            out.put("dag_display_name", event.dagId());
            out.put("task_display_name", null);
            return out;
        }

        @Override
        String time(Instant instant) {
            return instant == null ? null : ISO_MICROS.format(instant.atOffset(ZoneOffset.UTC)) + "Z";
        }

        @Override
        Map<String, Object> problem(AirflowError error, String airflowVersion) {
            if (error.fields().isEmpty()) {
                return Map.of("detail", error.airflow3Detail());
            }
            List<Map<String, Object>> details = new ArrayList<>();
            for (AirflowError.Field field : error.fields()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("type", field.kind().airflow3Type);
                detail.put("loc", List.of(field.location(), field.name()));
                detail.put("msg", field.kind().airflow3);
                details.add(detail);
            }
            return Map.of("detail", details);
        }

        @Override
        int status(AirflowError error) {
            return error.fields().isEmpty() ? error.status() : 422;
        }

        @Override
        boolean refusesUnknownQueryParameters() {
            return false; // FastAPI ignores them
        }
    };

    /** Microseconds always, as Python's isoformat writes a time that has them. */
    private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    /** Airflow 2's {@code type} links, by status. */
    private static final Map<Integer, String> SECTIONS = Map.of(400, "BadRequest", 401, "Unauthenticated",
            403, "PermissionDenied", 404, "NotFound", 405, "MethodNotAllowed", 409, "AlreadyExists", 500, "Unknown");

    private final String prefix;

    AirflowApiShape(String prefix) {
        this.prefix = prefix;
    }

    static AirflowApiShape of(EmulatedEnvironment environment) {
        return environment.airflowMajorVersion() >= 3 ? AIRFLOW_3 : AIRFLOW_2;
    }

    /** Where the API lives on the web server; InvokeRestApi's Path is relative to it. */
    String prefix() {
        return prefix;
    }

    abstract Map<String, Object> dag(AirflowDag dag, boolean paused, Instant parsedAt);

    /** @param namesTriggeringUser whether this Airflow (3.1 on) writes {@code triggering_user_name} */
    abstract Map<String, Object> dagRun(AirflowDagRun run, Instant parsedAt, boolean namesTriggeringUser);

    abstract Map<String, Object> event(AirflowEvent event);

    /** A time as this API writes it; null stays null. */
    abstract String time(Instant instant);

    /** The error body; see {@link #status(AirflowError)} for its status. */
    abstract Map<String, Object> problem(AirflowError error, String airflowVersion);

    abstract int status(AirflowError error);

    /** Whether a query parameter the endpoint does not define is refused (400) rather than ignored. */
    abstract boolean refusesUnknownQueryParameters();

    /** A collection answer: {@code {"dags": [...], "total_entries": n}} and the like. */
    static Map<String, Object> collection(String member, List<?> page, int totalEntries) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(member, page);
        out.put("total_entries", totalEntries);
        return out;
    }

    private static Map<String, Object> eventCommon(AirflowEvent event, String when) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event_log_id", event.id());
        out.put("when", when);
        out.put("dag_id", event.dagId());
        out.put("task_id", null);
        out.put("run_id", null);
        out.put("map_index", null);
        out.put("try_number", null);
        out.put("event", event.event());
        return out;
    }

    /** An opaque token for the DAG's file, as Airflow hands out for {@code /dagSources}. */
    private static String fileToken(AirflowDag dag) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(dag.fileloc().getBytes(StandardCharsets.UTF_8));
    }
}
