package dev.mwaalogin.local.emulator;

import java.time.Instant;

/**
 * One line of the fake Airflow's audit log ({@code /eventLogs}): who changed what through the REST API, as Airflow's
 * action logging records it.
 *
 * @param id    1, 2, ... per environment
 * @param when  when it happened
 * @param event Airflow's event name: {@code api.post_dag_run} and {@code api.patch_dag} on Airflow 2,
 *              {@code trigger_dag_run} and {@code patch_dag} on Airflow 3
 * @param dagId the DAG it concerned
 * @param owner the Airflow user who did it
 */
public record AirflowEvent(long id, Instant when, String event, String dagId, String owner) {
}
