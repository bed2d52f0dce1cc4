package dev.mwaalogin.local.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A DAG run the fake Airflow created for a trigger through InvokeRestApi. Runs stay {@code queued}: the fake has no
 * scheduler.
 *
 * @param dagId             the DAG
 * @param runId             e.g. {@code manual__2025-02-08T00:33:09.457198+00:00}
 * @param logicalDate       null for an Airflow 3 run triggered with {@code "logical_date": null}
 * @param runAfter          when it was triggered
 * @param dataIntervalStart null when there is no logical date
 * @param dataIntervalEnd   null when there is no logical date
 * @param conf              the run's configuration as sent, never null
 * @param note              or null
 * @param triggeredBy       the Airflow user who triggered it: {@code assumed-role/<role>/<session>} of the IAM
 *                          identity that called InvokeRestApi
 */
public record AirflowDagRun(String dagId, String runId, Instant logicalDate, Instant runAfter,
                            Instant dataIntervalStart, Instant dataIntervalEnd, Map<String, Object> conf, String note,
                            String triggeredBy) {

    public AirflowDagRun {
        Objects.requireNonNull(dagId, "dagId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(runAfter, "runAfter");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf)); // JSON null values kept, unlike Map.copyOf
    }

    /** Always {@code queued}. */
    public String state() {
        return "queued";
    }
}
