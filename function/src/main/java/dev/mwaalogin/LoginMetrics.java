package dev.mwaalogin;

import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.internal.Json;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * One CloudWatch embedded-metric-format line per request, written to standard output, which Lambda hands to
 * CloudWatch Logs unchanged and CloudWatch turns into metrics: no extra dependency, no extra API call, no extra
 * permission.
 *
 * <p>Metrics (namespace {@value #NAMESPACE}), each with the dimension sets {@code [Environment, AirflowRole]} and
 * {@code [Code]}: {@code SignIns}, {@code Refusals} (4xx decided here), {@code MwaaErrors} and {@code StsErrors}
 * (any failed call, throttling included), {@code SignInErrors} (the identity provider or the sign-in secrets
 * failing), {@code Errors} (500), {@code ProviderRedirects} and {@code SignOuts} (browser sign-in), and
 * {@code Latency} in milliseconds. {@code Code} is
 * the answer's error code ({@code OK} for a sign-in), so refusals and failures can be told apart by cause.
 * Dimension values are only validated names and fixed codes, never anything a caller sent.
 */
final class LoginMetrics {

    static final String NAMESPACE = "MwaaLogin";

    /** The metric a request counts in, by what it came to. */
    enum Metric {
        SIGN_IN("SignIns"), REFUSED("Refusals"), MWAA_ERROR("MwaaErrors"), STS_ERROR("StsErrors"),
        SIGN_IN_ERROR("SignInErrors"), ERROR("Errors"), PROVIDER_REDIRECT("ProviderRedirects"),
        SIGN_OUT("SignOuts"), API_CALL("ApiCalls"), HOME("HomePages");

        private final String metric;

        Metric(String metric) {
            this.metric = metric;
        }
    }

    private final Consumer<String> sink;
    private final Clock clock;

    LoginMetrics(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Writes to standard output, where Lambda expects embedded-metric-format lines. */
    static LoginMetrics toStandardOutput() {
        return new LoginMetrics(line -> {
            System.out.println(line);
            System.out.flush();
        }, Clock.systemUTC());
    }

    /** Counts nothing: SnapStart priming's requests are not sign-ins. */
    static LoginMetrics none() {
        return new LoginMetrics(line -> { }, Clock.systemUTC());
    }

    void record(Metric outcome, String environment, AirflowRole role, String code, long latencyMillis) {
        Json directive = new Json()
                .field("Namespace", NAMESPACE)
                .raw("Dimensions", "[[\"Environment\",\"AirflowRole\"],[\"Code\"]]")
                .raw("Metrics", "[{\"Name\":\"" + outcome.metric + "\",\"Unit\":\"Count\"},"
                        + "{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]");
        Json aws = new Json()
                .number("Timestamp", clock.millis())
                .raw("CloudWatchMetrics", "[" + directive + "]");
        sink.accept(new Json()
                .object("_aws", aws)
                .field("Environment", environment == null ? "none" : environment)
                .field("AirflowRole", role == null ? "none" : role.name())
                .field("Code", code)
                .number(outcome.metric, 1)
                .number("Latency", latencyMillis)
                .toString());
    }
}
