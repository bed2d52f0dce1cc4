package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one request came to, collected on the way for its answer and its single log line. The line names only values
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

    private final Context context;
    private final String gatewayRequestId;
    private final LoginMetrics metrics;
    private final long started = System.nanoTime();

    /** Whether errors are answered as an HTML page. */
    boolean html;
    String environment;
    AirflowRole airflowRole;
    /** The Airflow role of a person's own session, null when the function's identity is used. */
    AirflowRole personalRole;
    String mwaaRequestId;
    /** Cookies every answer to this request sets (a new browser session). */
    java.util.List<String> cookies = java.util.List.of();
    /** The Airflow page the login goes to, and how it was chosen. */
    AirflowLoginPaths.LoginPath page;
    private String stsRequestId;
    private String secretsManagerRequestId;
    private String person;
    private String source;
    private UpstreamCallFailed.Service failedUpstream;

    LoginLog(Context context, String gatewayRequestId, LoginMetrics metrics) {
        this.context = context;
        this.gatewayRequestId = gatewayRequestId;
        this.metrics = metrics;
    }

    void caller(Caller caller) {
        person = safe(caller.person(), MAX_VALUE);
        source = caller.source().name().toLowerCase(Locale.ROOT).replace("_authorizer", "").replace('_', '-');
    }

    void upstreamFailed(UpstreamCallFailed failed) {
        failedUpstream = failed.service();
        switch (failed.service()) {
            case STS -> stsRequestId = failed.requestId();
            case MWAA -> mwaaRequestId = failed.requestId();
            case SECRETS -> secretsManagerRequestId = failed.requestId();
            default -> { } // an identity provider's answers carry no AWS request id
        }
    }

    LoginResponse accept(LoginResponse response) {
        return write(response, null, "OK", LoginMetrics.Outcome.SIGN_IN);
    }

    /** The browser goes to the identity provider to sign in first. */
    LoginResponse startSignIn(LoginResponse response) {
        return write(response, "SignInStarted", "SignInStarted", LoginMetrics.Outcome.PROVIDER_REDIRECT);
    }

    /** A session due for its recheck goes through the provider again, without a prompt. */
    LoginResponse recheckSession(LoginResponse response) {
        return write(response, "SessionRecheck", "SessionRecheck", LoginMetrics.Outcome.PROVIDER_REDIRECT);
    }

    /** The provider would not renew a session without a prompt: it ended, and a sign-in with one starts. */
    LoginResponse sessionEnded(LoginResponse response) {
        return write(response, "SessionEnded", "SessionEnded", LoginMetrics.Outcome.PROVIDER_REDIRECT);
    }

    LoginResponse signOut(LoginResponse response) {
        return write(response, "SignedOut", "SignedOut", LoginMetrics.Outcome.SIGN_OUT);
    }

    LoginResponse reject(Problem problem) {
        return reject(problem, null);
    }

    LoginResponse reject(Problem problem, String cause) {
        return write(Responses.error(problem, requestId(), html, cookies), problem.code()
                + (cause == null ? "" : "/" + cause), problem.code(), null);
    }

    private LoginResponse write(LoginResponse response, String code, String metricCode, LoginMetrics.Outcome kind) {
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        LambdaLogger logger = context == null ? null : context.getLogger();
        if (logger != null) {
            StringBuilder line = new StringBuilder("login status=").append(response.statusCode());
            append(line, "code", safe(code, 160));
            append(line, "environment", environment);
            append(line, "person", person);
            append(line, "caller", source);
            append(line, "airflowRole", airflowRole == null ? null : airflowRole.name());
            append(line, "airflowPage", page == null ? null : (page.path().equals(AirflowLoginPaths.AIRFLOW_3) ? "3"
                    : page.path().equals(AirflowLoginPaths.AIRFLOW_2) ? "2" : "configured") + "/"
                    + page.source().name().toLowerCase(Locale.ROOT));
            append(line, "gatewayRequestId", requestIdOrNull(gatewayRequestId));
            append(line, "stsRequestId", requestIdOrNull(stsRequestId));
            append(line, "mwaaRequestId", requestIdOrNull(mwaaRequestId));
            append(line, "secretsManagerRequestId", requestIdOrNull(secretsManagerRequestId));
            line.append(" durationMs=").append(durationMs);
            int status = response.statusCode();
            logger.log(line.toString(), status >= 500 ? LogLevel.ERROR : status == 403 ? LogLevel.WARN
                    : LogLevel.INFO);
        }
        metrics.record(kind != null ? kind : outcome(response.statusCode()), environment, airflowRole, metricCode,
                durationMs);
        return response;
    }

    private LoginMetrics.Outcome outcome(int status) {
        if (failedUpstream != null) {
            switch (failedUpstream) {
                case STS:
                    return LoginMetrics.Outcome.STS_ERROR;
                case MWAA:
                    return LoginMetrics.Outcome.MWAA_ERROR;
                default:
                    return LoginMetrics.Outcome.SIGN_IN_ERROR;
            }
        }
        if (status == 502 || status == 504) {
            return LoginMetrics.Outcome.SIGN_IN_ERROR;
        }
        return status < 400 ? LoginMetrics.Outcome.SIGN_IN : status < 500 ? LoginMetrics.Outcome.REFUSED
                : LoginMetrics.Outcome.ERROR;
    }

    /** Lambda's request id for the error body, which the caller can quote to the operator. */
    private String requestId() {
        String id = context == null ? null : context.getAwsRequestId();
        return id != null && REQUEST_ID.matcher(id).matches() ? id : "unknown";
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
