package dev.mwaalogin.local.emulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /dags/{dag_id}/dagRuns}, read as each Airflow reads it: Airflow 2's DAGRun schema (every
 * member optional; {@code execution_date} an alias of {@code logical_date}; a naive time taken as UTC; read-only
 * members such as {@code state} refused by name) and Airflow
 * 3's TriggerDAGRunPostBody ({@code logical_date} required but nullable, times with a zone). Unknown members are
 * refused by both.
 *
 * @param runId             the requested {@code dag_run_id}, or null to have one made
 * @param logicalDate       null when none was given (Airflow 2 then uses now, Airflow 3 makes a run without one)
 * @param dataIntervalStart given together with the end, or both null
 * @param dataIntervalEnd   given together with the start, or both null
 * @param conf              never null
 * @param note              or null
 */
record DagRunTrigger(String runId, Instant logicalDate, Instant dataIntervalStart, Instant dataIntervalEnd,
                     Map<String, Object> conf, String note) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AIRFLOW_2_MEMBERS = Set.of("dag_run_id", "logical_date", "execution_date",
            "data_interval_start", "data_interval_end", "conf", "note");
    /** DAGRun members Airflow 2's schema marks read-only: it refuses them by name before anything else. */
    private static final List<String> AIRFLOW_2_READ_ONLY = List.of("dag_id", "state", "run_type",
            "external_trigger", "start_date", "end_date", "last_scheduling_decision");
    private static final Set<String> AIRFLOW_3_MEMBERS = Set.of("dag_run_id", "logical_date", "data_interval_start",
            "data_interval_end", "run_after", "conf", "note");

    /** @throws AirflowError naming every member that is wrong */
    static DagRunTrigger parse(JsonNode body, AirflowApiShape shape) throws AirflowError {
        boolean airflow2 = shape == AirflowApiShape.AIRFLOW_2;
        if (airflow2) {
            for (String name : AIRFLOW_2_READ_ONLY) {
                if (body.has(name)) {
                    throw AirflowError.of(400, "Bad Request", "Property is read-only - '" + name + "'");
                }
            }
        }
        List<AirflowError.Field> wrong = new ArrayList<>();
        Set<String> members = airflow2 ? AIRFLOW_2_MEMBERS : AIRFLOW_3_MEMBERS;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                wrong.add(field(name, AirflowError.Kind.UNKNOWN));
            }
        }
        if (!airflow2 && !body.has("logical_date")) {
            wrong.add(field("logical_date", AirflowError.Kind.MISSING));
        }
        String runId = string(body, "dag_run_id", wrong);
        Instant logicalDate = time(body, "logical_date", airflow2, wrong);
        if (logicalDate == null && airflow2) {
            logicalDate = time(body, "execution_date", true, wrong);
        }
        Instant start = time(body, "data_interval_start", airflow2, wrong);
        Instant end = time(body, "data_interval_end", airflow2, wrong);
        if ((start == null) != (end == null)) {
            wrong.add(field(start == null ? "data_interval_start" : "data_interval_end", AirflowError.Kind.MISSING));
        }
        time(body, "run_after", airflow2, wrong); // Airflow 3 only; read for its check, the fake uses now
        Map<String, Object> conf = conf(body, wrong);
        String note = string(body, "note", wrong);
        if (!wrong.isEmpty()) {
            throw AirflowError.invalid(wrong);
        }
        return new DagRunTrigger(runId, logicalDate, start, end, conf, note);
    }

    private static AirflowError.Field field(String name, AirflowError.Kind kind) {
        return new AirflowError.Field("body", name, kind);
    }

    private static String string(JsonNode body, String name, List<AirflowError.Field> wrong) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            wrong.add(field(name, AirflowError.Kind.NOT_STRING));
            return null;
        }
        return value.textValue();
    }

    private static Instant time(JsonNode body, String name, boolean naiveIsUtc, List<AirflowError.Field> wrong) {
        String text = string(body, name, wrong);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // a time without a zone: Airflow 2 takes it as UTC, Airflow 3 refuses it
        }
        if (naiveIsUtc) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        wrong.add(field(name, AirflowError.Kind.NOT_DATETIME));
        return null;
    }

    private static Map<String, Object> conf(JsonNode body, List<AirflowError.Field> wrong) {
        JsonNode value = body.get("conf");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            wrong.add(field("conf", AirflowError.Kind.NOT_OBJECT));
            return Map.of();
        }
        return JSON.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
