package dev.mwaalogin.local.emulator;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Airflow REST API endpoints the fake Airflow answers, the same paths under {@code /api/v1} (Airflow 2) and
 * {@code /api/v2} (Airflow 3), with the permissions Airflow requires for each and the query parameters Airflow 2
 * defines for it (it refuses others; Airflow 3 ignores them). {@code *} in a path is one path parameter.
 */
enum AirflowEndpoint {

    VERSION("GET", "version", EnumSet.noneOf(AirflowPermission.class), Set.of()),
    LIST_DAGS("GET", "dags", EnumSet.of(AirflowPermission.DAGS_READ),
            Set.of("limit", "offset", "order_by", "tags", "only_active", "paused", "fields", "dag_id_pattern")),
    GET_DAG("GET", "dags/*", EnumSet.of(AirflowPermission.DAGS_READ), Set.of("fields")),
    PATCH_DAG("PATCH", "dags/*", EnumSet.of(AirflowPermission.DAGS_EDIT), Set.of("update_mask")),
    LIST_DAG_RUNS("GET", "dags/*/dagRuns", EnumSet.of(AirflowPermission.DAGS_READ, AirflowPermission.DAG_RUNS_READ),
            Set.of("limit", "offset", "execution_date_gte", "execution_date_lte", "start_date_gte", "start_date_lte",
                    "end_date_gte", "end_date_lte", "updated_at_gte", "updated_at_lte", "state", "order_by",
                    "fields")),
    TRIGGER_DAG_RUN("POST", "dags/*/dagRuns",
            EnumSet.of(AirflowPermission.DAGS_EDIT, AirflowPermission.DAG_RUNS_CREATE), Set.of()),
    GET_DAG_RUN("GET", "dags/*/dagRuns/*", EnumSet.of(AirflowPermission.DAGS_READ, AirflowPermission.DAG_RUNS_READ),
            Set.of("fields")),
    LIST_EVENT_LOGS("GET", "eventLogs", EnumSet.of(AirflowPermission.AUDIT_LOGS_READ),
            Set.of("limit", "offset", "order_by", "dag_id", "task_id", "run_id", "map_index", "try_number", "event",
                    "owner", "before", "after", "included_events", "excluded_events"));

    private final String method;
    private final List<String> template;
    private final Set<AirflowPermission> permissions;
    private final Set<String> airflow2QueryParameters;

    AirflowEndpoint(String method, String template, Set<AirflowPermission> permissions,
                    Set<String> airflow2QueryParameters) {
        this.method = method;
        this.template = List.of(template.split("/"));
        this.permissions = permissions;
        this.airflow2QueryParameters = airflow2QueryParameters;
    }

    /**
     * The endpoint for a method and a path's decoded segments.
     *
     * @throws AirflowError 404 when no endpoint has the path, 405 when none with the path takes the method
     */
    static AirflowEndpoint route(String method, List<String> segments) throws AirflowError {
        boolean pathKnown = false;
        for (AirflowEndpoint endpoint : values()) {
            if (endpoint.matches(segments)) {
                pathKnown = true;
                if (endpoint.method.equals(method)) {
                    return endpoint;
                }
            }
        }
        if (pathKnown) {
            throw AirflowError.of(405, "Method Not Allowed", "The method is not allowed for the requested URL.",
                    "Method Not Allowed");
        }
        throw AirflowError.of(404, "Not Found", "The requested URL was not found on the server. If you entered the "
                + "URL manually please check your spelling and try again.", "Not Found");
    }

    /**
     * A path's segments, percent-decoded: empty when the path is not {@code /} followed by non-empty segments, which
     * no endpoint has.
     */
    static Optional<List<String>> segments(String path) {
        if (!path.startsWith("/") || path.length() == 1) {
            return Optional.empty();
        }
        String[] raw = path.substring(1).split("/", -1);
        for (String segment : raw) {
            if (segment.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(List.of(raw).stream().map(CanonicalRequest::decode).toList());
    }

    private boolean matches(List<String> segments) {
        if (segments.size() != template.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!template.get(i).equals("*") && !template.get(i).equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    Set<AirflowPermission> permissions() {
        return permissions;
    }

    Set<String> airflow2QueryParameters() {
        return airflow2QueryParameters;
    }
}
