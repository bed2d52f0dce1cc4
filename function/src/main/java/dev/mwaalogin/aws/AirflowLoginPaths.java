package dev.mwaalogin.aws;

import dev.mwaalogin.request.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.mwaa.model.GetEnvironmentRequest;
import software.amazon.awssdk.services.mwaa.model.GetEnvironmentResponse;

/**
 * Which page of an environment's Airflow UI takes the web login token: Airflow 2 serves it at
 * {@value #AIRFLOW_2}, Airflow 3 at {@value #AIRFLOW_3}, and one stack may serve both.
 *
 * <p>In order: {@code AIRFLOW_LOGIN_PATH} for every environment; {@code AIRFLOW_VERSIONS} for the environments it
 * names; otherwise the version MWAA's {@code GetEnvironment} reports, asked once per environment for the life of the
 * container, with the function's own identity. An explicit setting never waits on that call. When the call fails,
 * the Airflow 2 page is used and the call is tried again after {@link #RETRY_AFTER}: a sign-in is not refused for
 * the want of a version.
 */
public final class AirflowLoginPaths {

    public static final String AIRFLOW_2 = "/aws_mwaa/aws-console-sso";
    public static final String AIRFLOW_3 = "/pluginsv2/aws_mwaa/aws-console-sso";
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    /** Where the path came from, for the log line. */
    public enum Source { CONFIGURED, LEARNED, FALLBACK }

    /** A path and where it came from. */
    public record LoginPath(String path, Source source) {
    }

    private final Optional<String> fixed;
    private final Map<String, Integer> configured;
    private final MwaaClient mwaa;
    private final Clock clock;
    private final Duration clientTimeout;
    private final Map<String, String> learned = new ConcurrentHashMap<>();
    private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();

    /**
     * @param fixed      {@code AIRFLOW_LOGIN_PATH}: the page for every environment, if set
     * @param configured {@code AIRFLOW_VERSIONS}: the Airflow major version of the environments it names
     */
    public AirflowLoginPaths(Optional<String> fixed, Map<String, Integer> configured, MwaaClient mwaa, Clock clock,
                      Duration clientTimeout) {
        this.fixed = fixed;
        this.configured = Map.copyOf(configured);
        this.mwaa = mwaa;
        this.clock = clock;
        this.clientTimeout = clientTimeout;
    }

    /** The login page of an allow-listed environment; asks MWAA at most once per environment. */
    public LoginPath forEnvironment(String environment, Deadline deadline) {
        if (fixed.isPresent()) {
            return new LoginPath(fixed.get(), Source.CONFIGURED);
        }
        Integer major = configured.get(environment);
        if (major != null) {
            return new LoginPath(major >= 3 ? AIRFLOW_3 : AIRFLOW_2, Source.CONFIGURED);
        }
        String known = learned.get(environment);
        if (known != null) {
            return new LoginPath(known, Source.LEARNED);
        }
        Instant retry = failedUntil.get(environment);
        if (retry != null && clock.instant().isBefore(retry)) {
            return new LoginPath(AIRFLOW_2, Source.FALLBACK);
        }
        try {
            String path = pathFor(version(environment, deadline));
            learned.put(environment, path);
            failedUntil.remove(environment);
            return new LoginPath(path, Source.LEARNED);
        } catch (RuntimeException failed) {
            failedUntil.put(environment, clock.instant().plus(RETRY_AFTER));
            return new LoginPath(AIRFLOW_2, Source.FALLBACK);
        }
    }

    private String version(String environment, Deadline deadline) {
        GetEnvironmentResponse answer = deadline.call(Failure.Service.MWAA, clientTimeout, null,
                override -> mwaa.getEnvironment(GetEnvironmentRequest.builder().name(environment)
                        .overrideConfiguration(override).build()));
        return answer.environment() == null ? null : answer.environment().airflowVersion();
    }

    /** Airflow 3 and later take the token on the plugin page; anything unreadable is treated as Airflow 2. */
    static String pathFor(String airflowVersion) {
        if (airflowVersion == null) {
            throw new IllegalStateException("no Airflow version");
        }
        int dot = airflowVersion.indexOf('.');
        try {
            int major = Integer.parseInt(dot < 0 ? airflowVersion.trim() : airflowVersion.substring(0, dot).trim());
            return major >= 3 ? AIRFLOW_3 : AIRFLOW_2;
        } catch (NumberFormatException unreadable) {
            throw new IllegalStateException("unreadable Airflow version");
        }
    }
}
