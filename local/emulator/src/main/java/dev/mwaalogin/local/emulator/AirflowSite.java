package dev.mwaalogin.local.emulator;

import java.util.Optional;

/**
 * Where an Airflow web server on MWAA takes web login tokens, by Airflow generation: Airflow 2 under
 * {@code /aws_mwaa/}, Airflow 3 under {@code /pluginsv2/aws_mwaa/}. The emulator serves both on one address; a
 * token only works on its environment's.
 */
enum AirflowSite {

    AIRFLOW_2("/aws_mwaa", 2),
    AIRFLOW_3("/pluginsv2/aws_mwaa", 3);

    private final String prefix;
    private final int generation;

    AirflowSite(String prefix, int generation) {
        this.prefix = prefix;
        this.generation = generation;
    }

    /** The site a path belongs to, if any. */
    static Optional<AirflowSite> of(String path) {
        for (AirflowSite site : values()) {
            if (path.startsWith(site.prefix + "/")) {
                return Optional.of(site);
            }
        }
        return Optional.empty();
    }

    /** The sign-in page the function redirects to. */
    String pagePath() {
        return prefix + "/aws-console-sso";
    }

    /** Where the page trades the token for a session (the emulator's stand-in for Airflow's own exchange). */
    String redeemPath() {
        return prefix + "/redeem";
    }

    int generation() {
        return generation;
    }

    boolean serves(EmulatedEnvironment environment) {
        return environment.loginPath().equals(pagePath());
    }
}
