package dev.mwaalogin.aws;

import dev.mwaalogin.request.Failed;
import dev.mwaalogin.request.Failure;
import dev.mwaalogin.request.Failure.Kind;
import dev.mwaalogin.request.Failure.Service;
import dev.mwaalogin.request.Failure.UpstreamFailed;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * When a request's upstream work (STS, then MWAA, retries included) must be over: the configured timeout, or less
 * when Lambda's own timeout would strike first, always keeping time back to write the answer. Started once, when
 * the invocation began; every AWS call of the request goes through {@link #call}, which keeps it to the deadline and
 * classifies whatever goes wrong.
 */
public final class Deadline {

    /** Kept back from Lambda's remaining time so an answer is still written after the upstream deadline. */
    public static final Duration ANSWER_RESERVE = Duration.ofMillis(300);
    /** Below this a call cannot succeed; not making it is the clearer answer. */
    public static final Duration MIN_CALL = Duration.ofMillis(100);
    /** A client's own timeout is kept when the time left is this close to it: no per-call override object. */
    private static final long OVERRIDE_SLACK_NANOS = Duration.ofMillis(50).toNanos();

    private final long endsAtNanos;

    private Deadline(long endsAtNanos) {
        this.endsAtNanos = endsAtNanos;
    }

    /**
     * The deadline of a request that began at {@code startedNanos} ({@link System#nanoTime()}).
     *
     * @param lambdaRemainingMillis what Lambda said was left of the invocation when it began; {@link Long#MAX_VALUE}
     *                              for no limit (priming, tests)
     */
    public static Deadline start(Duration configured, long startedNanos, long lambdaRemainingMillis) {
        Duration left = Duration.ofMillis(lambdaRemainingMillis == Long.MAX_VALUE ? Long.MAX_VALUE / 2
                : lambdaRemainingMillis).minus(ANSWER_RESERVE);
        Duration budget = left.compareTo(configured) < 0 ? left : configured;
        return new Deadline(startedNanos + budget.toNanos());
    }

    /** What is left; never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endsAtNanos - System.nanoTime()));
    }

    /**
     * What is left for a call to {@code service}.
     *
     * @throws Failed {@link Kind#NO_TIME_LEFT} when that is too little for any call to succeed
     */
    public Duration remainingForACall(Service service) {
        Duration left = remaining();
        if (left.compareTo(MIN_CALL) < 0) {
            throw new Failed(new UpstreamFailed(service, Kind.NO_TIME_LEFT, "NoTimeLeft", null));
        }
        return left;
    }

    /**
     * Makes one SDK call within the deadline: its call timeout cut to what is left (and the person's credentials, if
     * given, in the same per-call override), its connections bounded by the deadline ({@link UpstreamHttp}), and
     * every failure classified.
     *
     * @param clientTimeout the call timeout the client was built with, kept when the deadline is no shorter
     * @param credentials   the person's session, or null for the client's own credentials
     * @param call          the SDK call, given the override to put on its request (null: none needed)
     * @throws Failed {@link Failure.UpstreamFailed} for {@code service}, whatever went wrong
     */
    public <R> R call(Service service, Duration clientTimeout, AwsCredentialsProvider credentials,
                      Function<AwsRequestOverrideConfiguration, R> call) {
        AwsRequestOverrideConfiguration override = override(remainingForACall(service), clientTimeout, credentials);
        try {
            return UpstreamHttp.within(endsAtNanos, () -> call.apply(override));
        } catch (Failed classified) {
            // Already classified inside the call, by what the service's answer said.
            throw classified;
        } catch (RuntimeException e) {
            throw new Failed(classify(service, e));
        }
    }

    /** The call's own timeout when the deadline is shorter than the client's, and the person's credentials. */
    private static AwsRequestOverrideConfiguration override(Duration left, Duration clientTimeout,
                                                            AwsCredentialsProvider credentials) {
        boolean shorter = left.toNanos() + OVERRIDE_SLACK_NANOS < clientTimeout.toNanos();
        if (!shorter && credentials == null) {
            return null;
        }
        AwsRequestOverrideConfiguration.Builder override = AwsRequestOverrideConfiguration.builder();
        if (shorter) {
            override.apiCallTimeout(left);
        }
        if (credentials != null) {
            override.credentialsProvider(credentials);
        }
        return override.build();
    }

    /** The SDK's exception for a failed call, as a failure: by error code, timeout, unreadable answer or else. */
    public static UpstreamFailed classify(Service service, RuntimeException e) {
        UnreadableAnswer unreadable = causeOf(e, UnreadableAnswer.class);
        if (unreadable != null) {
            // The service answered, so its request id goes to the log; the failure's name is that of what was thrown.
            return new UpstreamFailed(service, Kind.BAD_ANSWER, rootCauseName(unreadable.getCause()),
                    unreadable.requestId());
        }
        if (e instanceof AwsServiceException failure) {
            String code = failure.awsErrorDetails() == null ? null : failure.awsErrorDetails().errorCode();
            code = code == null ? "HTTP" + failure.statusCode() : code;
            return new UpstreamFailed(service, kindOf(code, failure), code, failure.requestId());
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || causeOf(e, InterruptedIOException.class) != null) {
            return new UpstreamFailed(service, Kind.TIMEOUT, e.getClass().getSimpleName(), null);
        }
        return new UpstreamFailed(service, Kind.UNREACHABLE, rootCauseName(e), null);
    }

    /** By error code, the same for MWAA's rest-json and STS's query protocol. */
    private static Kind kindOf(String code, AwsServiceException failure) {
        return switch (code) {
            case "ResourceNotFoundException" -> Kind.NOT_FOUND;
            case "AccessDeniedException", "AccessDenied" -> Kind.ACCESS_DENIED;
            case "ValidationException", "ValidationError" -> Kind.INVALID;
            default -> failure.isThrottlingException() ? Kind.THROTTLED : Kind.FAILED;
        };
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String rootCauseName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + "/"
                + root.getClass().getSimpleName();
    }
}
