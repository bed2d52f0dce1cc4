package dev.mwaalogin.local.emulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM role the emulator's STS lets registered credentials assume, and the Airflow role MWAA signs its sessions in
 * with. Every credential registered on the builder (the function's own role) is trusted to assume it; sessions it
 * issues are not (no role chaining).
 *
 * <p>Its policy allows {@code airflow:CreateWebLoginToken} and, unless {@link #withoutRestApi()} took it away,
 * {@code airflow:InvokeRestApi}, both on {@code role/<env>/<airflowRole>} of its environments: the two actions the
 * function's per-role IAM roles are given.
 *
 * @param arn                e.g. {@code arn:aws:iam::123456789012:role/mwaa-viewer}
 * @param airflowRole        the Airflow role its sessions get, e.g. {@code Viewer}
 * @param environments       the environments it grants that role in; empty for every environment
 * @param maxSessionDuration the longest {@code DurationSeconds} AssumeRole accepts (IAM's 1 to 12 hours)
 * @param restApi            whether its sessions may also call InvokeRestApi
 */
public record IamRole(String arn, String airflowRole, Set<String> environments, Duration maxSessionDuration,
                      boolean restApi) {

    /** IAM's default MaxSessionDuration. */
    public static final Duration DEFAULT_MAX_SESSION_DURATION = Duration.ofHours(1);

    private static final Pattern ARN =
            Pattern.compile("arn:aws(?:-[a-z]+)*:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");

    /** Airflow's built-in roles are Admin, Op, User, Viewer and Public; MWAA also signs in with custom roles. */
    private static final Pattern AIRFLOW_ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public IamRole {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(maxSessionDuration, "maxSessionDuration");
        if (!ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException("not an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>): " + arn);
        }
        requireAirflowRole(airflowRole);
        environments = Set.copyOf(environments);
        if (maxSessionDuration.compareTo(Duration.ofHours(1)) < 0
                || maxSessionDuration.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("an IAM role's maximum session duration is 1 to 12 hours: "
                    + maxSessionDuration);
        }
    }

    /**
     * A role with IAM's default maximum session duration that may sign in and call InvokeRestApi; no environments
     * means every environment.
     */
    public static IamRole of(String arn, String airflowRole, String... environments) {
        return new IamRole(arn, airflowRole, Set.copyOf(Arrays.asList(environments)), DEFAULT_MAX_SESSION_DURATION,
                true);
    }

    public IamRole withMaxSessionDuration(Duration duration) {
        return new IamRole(arn, airflowRole, environments, duration, restApi);
    }

    /** The same role with a policy that allows CreateWebLoginToken only: its sessions' InvokeRestApi is denied. */
    public IamRole withoutRestApi() {
        return new IamRole(arn, airflowRole, environments, maxSessionDuration, false);
    }

    /** The role's name, the last part of its ARN: what {@code assumed-role/<name>/<session>} shows. */
    public String name() {
        return parts().group(2);
    }

    /** The account the role lives in. */
    public String account() {
        return parts().group(1);
    }

    /** What MWAA lets its sessions do. */
    MwaaGrant grant() {
        return new MwaaGrant(airflowRole, environments, restApi);
    }

    private Matcher parts() {
        Matcher matcher = ARN.matcher(arn);
        if (!matcher.matches()) {
            throw new IllegalStateException("checked in the constructor");
        }
        return matcher;
    }

    static String requireAirflowRole(String airflowRole) {
        Objects.requireNonNull(airflowRole, "airflowRole");
        if (!AIRFLOW_ROLE.matcher(airflowRole).matches()) {
            throw new IllegalArgumentException("not an Airflow role name (" + AIRFLOW_ROLE.pattern() + "): "
                    + airflowRole);
        }
        return airflowRole;
    }
}
