package dev.mwaalogin.local.emulator;

import java.util.EnumSet;
import java.util.Set;

/**
 * The permissions of Airflow's default roles (its FAB security manager) that the fake Airflow's endpoints need, with
 * Airflow's names. Viewer reads; User adds editing DAGs (pause and unpause) and creating DAG runs (trigger); Op and
 * Admin have everything User has and more that no fake endpoint needs. Public, and any custom role (the fake knows
 * none of their permissions), have none.
 */
enum AirflowPermission {

    DAGS_READ("DAGs.can_read"),
    DAGS_EDIT("DAGs.can_edit"),
    DAG_RUNS_READ("DAG Runs.can_read"),
    DAG_RUNS_CREATE("DAG Runs.can_create"),
    AUDIT_LOGS_READ("Audit Logs.can_read");

    private static final Set<AirflowPermission> VIEWER = EnumSet.of(DAGS_READ, DAG_RUNS_READ, AUDIT_LOGS_READ);
    private static final Set<AirflowPermission> USER = EnumSet.allOf(AirflowPermission.class);

    private final String airflowName;

    AirflowPermission(String airflowName) {
        this.airflowName = airflowName;
    }

    /** What a role may do; role names are matched exactly, as Airflow does. */
    static Set<AirflowPermission> of(String airflowRole) {
        return switch (airflowRole) {
            case "Viewer" -> VIEWER;
            case "User", "Op", "Admin" -> USER;
            default -> Set.of();
        };
    }

    /** Airflow's name for it, e.g. {@code DAG Runs.can_create}. */
    String airflowName() {
        return airflowName;
    }
}
