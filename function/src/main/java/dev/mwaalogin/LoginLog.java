package dev.mwaalogin;

import dev.mwaalogin.aws.AirflowLoginPaths;
import dev.mwaalogin.identity.AirflowRole;
import dev.mwaalogin.request.Failure;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.mwaalogin.request.Failure.Service;
import dev.mwaalogin.request.Failure.UpstreamFailed;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes what a request came to ({@link Outcome}) as its single log line and its metric. The line names only values
 * that were validated or made safe: never a token, a URL, a credential or anything else the caller sent.
 *
 * <pre>login status=302 environment=demo person=alice@example.com caller=jwt airflowRole=Viewer
 *   gatewayRequestId=HnRk2hFmoAMEJdg= mwaaRequestId=… durationMs=182</pre>
 *
 * {@code gatewayRequestId} is API Gateway's own request id, the same as {@code $context.requestId} in its access
 * log, so the two lines join.
 */
final class LoginLog {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9+/=_-]{1,64}");
    private static final int MAX_VALUE = 64;

    private final LoginMetrics metrics;

    LoginLog(LoginMetrics metrics) {
        this.metrics = metrics;
    }

    /** The line (when the invocation has a logger) and the metric of one answered request. */
    void write(Outcome outcome, int status, Invocation invocation) {
        long durationMs = (System.nanoTime() - invocation.startedNanos()) / 1_000_000;
        Outcome.Facts facts = outcome.facts();
        Problem problem = outcome.problem();
        AirflowRole role = facts.grant() == null ? null : facts.grant().role();
        if (invocation.logger() != null) {
            StringBuilder line = new StringBuilder(facts.api() == null ? "login" : "api").append(" status=")
                    .append(status);
            append(line, "code", safe(problem == null ? outcome.kind().logCode()
                    : problem.code() + cause(outcome.failure()), 160));
            append(line, "environment", facts.environment());
            if (facts.api() != null) {
                append(line, "method", facts.api().method());
                // A rule is configuration, validated at init: its one space is the only thing to keep off the line.
                append(line, "rule", facts.api().rule() == null ? null : facts.api().rule().replace(' ', ':'));
                append(line, "airflowStatus", outcome.airflow() == null ? null
                        : Integer.toString(outcome.airflow().status()));
            }
            append(line, "person", facts.caller() == null ? null : safe(facts.caller().person(), MAX_VALUE));
            append(line, "caller", facts.caller() == null ? null : facts.caller().source().name()
                    .toLowerCase(Locale.ROOT).replace("_authorizer", "").replace('_', '-'));
            append(line, "airflowRole", role == null ? null : role.name());
            append(line, "airflowPage", page(facts.page()));
            append(line, "gatewayRequestId", requestIdOrNull(facts.gatewayRequestId()));
            append(line, "stsRequestId", requestIdOrNull(upstreamRequestId(outcome, Service.STS)));
            append(line, "mwaaRequestId", requestIdOrNull(outcome.login() != null ? outcome.login().mwaaRequestId()
                    : outcome.airflow() != null ? outcome.airflow().requestId()
                    : upstreamRequestId(outcome, Service.MWAA)));
            append(line, "secretsManagerRequestId", requestIdOrNull(upstreamRequestId(outcome, Service.SECRETS)));
            line.append(" durationMs=").append(durationMs);
            invocation.logger().log(line.toString(), status >= 500 ? LogLevel.ERROR : status == 403 ? LogLevel.WARN
                    : LogLevel.INFO);
        }
        metrics.record(problem == null ? outcome.kind().metric() : problem.metric(), facts.environment(), role,
                problem == null ? outcome.kind().metricCode() : problem.code(), durationMs);
    }

    /** What exactly failed, after the problem's code: a refusal's cause, or which service and its error code. */
    private static String cause(Failure failure) {
        if (failure instanceof UpstreamFailed upstream) {
            // The provider's problem codes already name it, and its answers carry no request id or error code.
            return upstream.kind() == Failure.Kind.NO_TIME_LEFT ? "/" + upstream.service()
                    : upstream.service() == Service.PROVIDER ? "/" + upstream.errorCode()
                    : "/" + upstream.service() + "/" + upstream.errorCode();
        }
        String cause = failure instanceof Failure.Refused refused ? refused.cause() : null;
        return cause == null ? "" : "/" + cause;
    }

    private static String upstreamRequestId(Outcome outcome, Service service) {
        return outcome.failure() instanceof UpstreamFailed upstream && upstream.service() == service
                ? upstream.requestId() : null;
    }

    /** Which Airflow page the login went to ({@code 2}, {@code 3} or {@code configured}), and how it was chosen. */
    private static String page(AirflowLoginPaths.LoginPath page) {
        if (page == null) {
            return null;
        }
        String version = page.path().equals(AirflowLoginPaths.AIRFLOW_3) ? "3"
                : page.path().equals(AirflowLoginPaths.AIRFLOW_2) ? "2" : "configured";
        return version + "/" + page.source().name().toLowerCase(Locale.ROOT);
    }

    private static String requestIdOrNull(String id) {
        return id != null && REQUEST_ID.matcher(id).matches() ? id : null;
    }

    /** A value fit for a log line: no spaces, quotes or control characters, at most {@code max} characters. */
    static String safe(String value, int max) {
        if (value == null) {
            return null;
        }
        int length = Math.min(value.length(), max);
        char[] out = null;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!isLogSafe(c)) {
                if (out == null) {
                    out = value.substring(0, length).toCharArray();
                }
                out[i] = '_';
            }
        }
        return out != null ? new String(out) : length < value.length() ? value.substring(0, length) : value;
    }

    /** Letters, digits and {@code ._@+=,/$-}: nothing that could split a log line or fake a field. */
    private static boolean isLogSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "._@+=,/$-".indexOf(c) >= 0;
    }

    private static void append(StringBuilder line, String key, String value) {
        if (value != null) {
            line.append(' ').append(key).append('=').append(value);
        }
    }
}
