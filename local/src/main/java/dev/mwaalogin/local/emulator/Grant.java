package dev.mwaalogin.local.emulator;

import java.util.Set;

/**
 * What MWAA lets an identity do: sign in to these environments (all of them when the set is empty) with this
 * Airflow role. IAM would say it as {@code airflow:CreateWebLoginToken} on {@code role/<env>/<airflowRole>}.
 */
record Grant(String airflowRole, Set<String> environments) {

    Grant {
        environments = Set.copyOf(environments);
    }

    static Grant everywhere(String airflowRole) {
        return new Grant(airflowRole, Set.of());
    }

    boolean allows(String environment) {
        return environments.isEmpty() || environments.contains(environment);
    }
}
