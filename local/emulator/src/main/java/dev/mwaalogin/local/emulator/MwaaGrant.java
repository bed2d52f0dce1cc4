package dev.mwaalogin.local.emulator;

import java.util.Set;

/**
 * What MWAA lets an identity do in these environments (all of them when the set is empty), with this Airflow role:
 * always sign in ({@code airflow:CreateWebLoginToken} on {@code role/<env>/<airflowRole>}), and, when
 * {@code restApi} is set, call Airflow's REST API through MWAA ({@code airflow:InvokeRestApi} on the same resource).
 */
record MwaaGrant(String airflowRole, Set<String> environments, boolean restApi) {

    MwaaGrant {
        environments = Set.copyOf(environments);
    }

    /** Sign-in everywhere, no InvokeRestApi: what registered credentials get unless the builder says otherwise. */
    static MwaaGrant everywhere(String airflowRole) {
        return everywhere(airflowRole, false);
    }

    static MwaaGrant everywhere(String airflowRole, boolean restApi) {
        return new MwaaGrant(airflowRole, Set.of(), restApi);
    }

    /** May sign in to this environment. */
    boolean allows(String environment) {
        return environments.isEmpty() || environments.contains(environment);
    }

    /** May call InvokeRestApi on this environment. */
    boolean allowsRestApi(String environment) {
        return restApi && allows(environment);
    }
}
