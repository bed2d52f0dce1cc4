package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AirflowPermissionTest {

    @Test
    void viewerReadsDagsRunsAndTheAuditLogOnly() {
        assertEquals(EnumSet.of(AirflowPermission.DAGS_READ, AirflowPermission.DAG_RUNS_READ,
                AirflowPermission.AUDIT_LOGS_READ), AirflowPermission.of("Viewer"));
        assertFalse(AirflowPermission.of("Viewer").contains(AirflowPermission.DAG_RUNS_CREATE));
        assertFalse(AirflowPermission.of("Viewer").contains(AirflowPermission.DAGS_EDIT));
    }

    @Test
    void userOpAndAdminMayAlsoTriggerAndPauseAsInAirflowsDefaultRoles() {
        for (String role : new String[] {"User", "Op", "Admin"}) {
            assertTrue(AirflowPermission.of(role).containsAll(EnumSet.of(AirflowPermission.DAGS_EDIT,
                    AirflowPermission.DAG_RUNS_CREATE, AirflowPermission.DAGS_READ)), role);
        }
    }

    @Test
    void publicCustomAndMisspelledRolesMayDoNothing() {
        for (String role : new String[] {"Public", "DataEngineer", "admin", "viewer", ""}) {
            assertEquals(Set.of(), AirflowPermission.of(role), role);
        }
    }

    @Test
    void airflowsOwnNames() {
        assertEquals("DAG Runs.can_create", AirflowPermission.DAG_RUNS_CREATE.airflowName());
        assertEquals("DAGs.can_edit", AirflowPermission.DAGS_EDIT.airflowName());
    }
}
