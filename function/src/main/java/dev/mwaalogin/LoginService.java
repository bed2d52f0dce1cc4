package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.mwaalogin.Config.ResponseMode;
import dev.mwaalogin.internal.AcceptHeader;
import dev.mwaalogin.internal.AcceptHeader.Preference;
import dev.mwaalogin.internal.JsonReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The decisions between a request and a login: route, method, response format, name and allow-list checks, the
 * deadline, and which answer each MWAA failure becomes. Never throws: every outcome is a {@link LoginResponse}.
 *
 * <p>Checks run cheapest and most certain first, and all of them before MWAA is called, so bad input costs nothing
 * and can never reach MWAA. Each request logs one line; it names only validated values and never a token, a URL
 * or anything the caller sent.
 */
public final class LoginService {

    /** Kept back from Lambda's remaining time so an answer is still written after MWAA's deadline. */
    static final Duration ANSWER_RESERVE = Duration.ofMillis(300);

    private static final String LOGIN = "/login";
    private static final String LOGIN_SLASH = "/login/";
    private static final String ENVIRONMENT_ROUTE = "{environment}";
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern UNSAFE_IN_LOG = Pattern.compile("[^A-Za-z0-9._/$-]");

    private final Config config;
    private final MwaaTokens tokens;

    LoginService(Config config, MwaaTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    /** The service the function runs: configuration from the environment, the real MWAA client. */
    public static LoginService create(Config config) {
        return new LoginService(config, MwaaTokens.create(config));
    }

    /** The same decisions over an in-memory MWAA twin, for warming the request path before a snapshot. */
    LoginService forPriming() {
        return new LoginService(config, MwaaTokens.forPriming(config));
    }

    public LoginResponse handle(LoginRequest request, Context context) {
        return handle(() -> request, context);
    }

    /**
     * Handles a request that is read from its event only inside this method's guard, so that even an event that
     * breaks the reading gets an answer instead of an exception.
     */
    public LoginResponse handle(Supplier<LoginRequest> reader, Context context) {
        long started = System.nanoTime();
        Outcome outcome = new Outcome(context, started);
        try {
            LoginRequest request = reader.get();
            Preference preference = AcceptHeader.preference(request.accept());
            // A caller who asked for JSON by name gets JSON errors too, whatever its Accept header prefers.
            outcome.html = preference == Preference.HTML && !"json".equalsIgnoreCase(request.format());
            String environment = requestedEnvironment(request);
            if (environment == null) {
                return outcome.reject(Problem.NO_SUCH_ROUTE);
            }
            if (!"GET".equals(request.method())) {
                return outcome.reject(Problem.METHOD_NOT_ALLOWED);
            }
            ResponseMode mode = responseMode(request.format(), preference);
            if (mode == null) {
                return outcome.reject(Problem.INVALID_FORMAT);
            }
            if (!Config.ENVIRONMENT_NAME.matcher(environment).matches()) {
                return outcome.reject(Problem.INVALID_ENVIRONMENT_NAME);
            }
            outcome.environment = environment;
            if (!config.allowedEnvironments().contains(environment)) {
                return outcome.reject(Problem.ENVIRONMENT_NOT_ALLOWED);
            }
            WebLogin login = tokens.mint(environment, deadline(context));
            outcome.mwaaRequestId = login.mwaaRequestId();
            String url = config.airflowBaseUrl().orElseGet(() -> "https://" + login.hostname())
                    + config.loginPath() + "?login=true#" + login.webToken();
            return outcome.log(mode == ResponseMode.JSON ? Responses.json(login, url) : Responses.redirect(url), null);
        } catch (JsonReader.MalformedJson unreadable) {
            return outcome.reject(Problem.UNREADABLE_REQUEST);
        } catch (MwaaCallFailed failed) {
            outcome.mwaaRequestId = failed.mwaaRequestId();
            return outcome.reject(problemFor(failed, outcome.environment, context), failed.errorCode());
        } catch (RuntimeException | Error unexpected) {
            // Even an Error: the caller gets a clean 500 and the operator a log line, never a stack trace.
            return outcome.reject(Problem.INTERNAL, unexpected.getClass().getName());
        }
    }

    /** The environment the request names, unvalidated; null when the path is not one of ours. */
    private String requestedEnvironment(LoginRequest request) {
        String path = request.path() == null ? "" : request.path();
        if (path.equals(LOGIN)) {
            return config.defaultEnvironment();
        }
        if (!path.startsWith(LOGIN_SLASH)) {
            return null;
        }
        String segment = path.substring(LOGIN_SLASH.length());
        if (segment.isEmpty() || segment.indexOf('/') >= 0) {
            return null;
        }
        if (request.environmentParameter() != null) {
            return request.environmentParameter();
        }
        if (segment.equals(ENVIRONMENT_ROUTE)) {
            return "";
        }
        try {
            // A raw path arrives percent-encoded; whatever it decodes to still has to pass the name pattern.
            return URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return "";
        }
    }

    /** An explicit {@code format} wins, then the Accept header, then the configured default; null if invalid. */
    private ResponseMode responseMode(String format, Preference preference) {
        if (format != null && !format.isEmpty()) {
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json":
                    return ResponseMode.JSON;
                case "redirect":
                    return ResponseMode.REDIRECT;
                default:
                    return null;
            }
        }
        if (preference == Preference.JSON) {
            return ResponseMode.JSON;
        }
        return preference == Preference.HTML ? ResponseMode.REDIRECT : config.defaultResponse();
    }

    /**
     * A shorter deadline than the configured one when Lambda's own timeout would strike first; null when the
     * configured deadline, which the client already applies, fits.
     */
    private Duration deadline(Context context) {
        int remaining = context == null ? Integer.MAX_VALUE : context.getRemainingTimeInMillis();
        Duration left = Duration.ofMillis(remaining).minus(ANSWER_RESERVE);
        if (left.compareTo(config.mwaaTimeout()) >= 0) {
            return null;
        }
        if (left.toMillis() < Config.MIN_TIMEOUT_MS) {
            throw new MwaaCallFailed(MwaaCallFailed.Kind.TIMEOUT, "NoTimeLeft", null);
        }
        return left;
    }

    private Problem problemFor(MwaaCallFailed failed, String environment, Context context) {
        switch (failed.kind()) {
            case NOT_FOUND:
                return Problem.mwaaEnvironmentNotFound(config.region());
            case ACCESS_DENIED:
                return Problem.mwaaAccessDenied(permissionFor(environment, context));
            case INVALID:
                return Problem.MWAA_VALIDATION;
            case THROTTLED:
                return Problem.MWAA_THROTTLED;
            case TIMEOUT:
                return Problem.MWAA_TIMEOUT;
            case FAILED:
                return Problem.MWAA_FAILED;
            default:
                return Problem.MWAA_UNREACHABLE;
        }
    }

    /** Names the exact grant that is missing, with partition and account taken from the function's own ARN. */
    private String permissionFor(String environment, Context context) {
        String partition = "aws";
        String account = "{account-id}";
        String arn = context == null ? null : context.getInvokedFunctionArn();
        String[] parts = arn == null ? new String[0] : arn.split(":");
        if (parts.length > 4 && parts[1].matches("aws[a-z-]*") && parts[4].matches("[0-9]{12}")) {
            partition = parts[1];
            account = parts[4];
        }
        return "airflow:CreateWebLoginToken on arn:" + partition + ":airflow:" + config.region() + ":" + account
                + ":role/" + environment + "/" + config.airflowRole();
    }

    /** What one request came to, for its answer and its single log line. */
    private static final class Outcome {
        private final Context context;
        private final long started;
        private boolean html;
        private String environment;
        private String mwaaRequestId;

        Outcome(Context context, long started) {
            this.context = context;
            this.started = started;
        }

        LoginResponse reject(Problem problem) {
            return reject(problem, null);
        }

        LoginResponse reject(Problem problem, String cause) {
            return log(Responses.error(problem, requestId(), html), problem.code() + (cause == null ? "" : "/" + cause));
        }

        LoginResponse log(LoginResponse response, String code) {
            LambdaLogger logger = context == null ? null : context.getLogger();
            if (logger != null) {
                StringBuilder line = new StringBuilder("login status=").append(response.statusCode());
                append(line, "code", code == null ? null : UNSAFE_IN_LOG.matcher(code).replaceAll("_"));
                append(line, "environment", environment);
                append(line, "mwaaRequestId",
                        mwaaRequestId != null && REQUEST_ID.matcher(mwaaRequestId).matches() ? mwaaRequestId : null);
                line.append(" durationMs=").append((System.nanoTime() - started) / 1_000_000);
                int status = response.statusCode();
                logger.log(line.toString(), status >= 500 ? LogLevel.ERROR : status == 403 ? LogLevel.WARN
                        : LogLevel.INFO);
            }
            return response;
        }

        private String requestId() {
            String id = context == null ? null : context.getAwsRequestId();
            return id != null && REQUEST_ID.matcher(id).matches() ? id : "unknown";
        }

        private static void append(StringBuilder line, String key, String value) {
            if (value != null) {
                line.append(' ').append(key).append('=').append(value);
            }
        }
    }
}
