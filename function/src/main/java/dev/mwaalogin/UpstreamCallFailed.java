package dev.mwaalogin;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import java.io.InterruptedIOException;

/**
 * A call to something the login depends on (MWAA; STS for a person's session; Secrets Manager and the identity
 * provider for browser sign-in) that did not give what the login needs.
 *
 * <p>Carries only what is safe to log: which service, a kind, an error code or exception name, and the service's
 * request id. The service's message text and the SDK's exception messages are left behind on purpose, since they
 * can quote the answer.
 */
public final class UpstreamCallFailed extends RuntimeException {

    /** Which service failed. */
    public enum Service { MWAA, STS, SECRETS, PROVIDER }

    /** What kind of failure, which decides the HTTP answer. */
    public enum Kind { NOT_FOUND, ACCESS_DENIED, INVALID, THROTTLED, FAILED, TIMEOUT, UNREACHABLE, BAD_ANSWER }

    private final Service service;
    private final Kind kind;
    private final String errorCode;
    private final String requestId;

    UpstreamCallFailed(Service service, Kind kind, String errorCode, String requestId) {
        super(service + " " + kind + " " + errorCode, null, false, false);
        this.service = service;
        this.kind = kind;
        this.errorCode = errorCode;
        this.requestId = requestId;
    }

    /** The SDK's exception for a failed call, classified. */
    static UpstreamCallFailed classify(Service service, RuntimeException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException failure = (AwsServiceException) e;
            String code = failure.awsErrorDetails() == null ? null : failure.awsErrorDetails().errorCode();
            code = code == null ? "HTTP" + failure.statusCode() : code;
            return new UpstreamCallFailed(service, kindOf(code, failure), code, failure.requestId());
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || causeOf(e, InterruptedIOException.class) != null) {
            return new UpstreamCallFailed(service, Kind.TIMEOUT, e.getClass().getSimpleName(), null);
        }
        return new UpstreamCallFailed(service, Kind.UNREACHABLE, rootCauseName(e), null);
    }

    /** By error code, the same for MWAA's rest-json and STS's query protocol. */
    private static Kind kindOf(String code, AwsServiceException failure) {
        switch (code) {
            case "ResourceNotFoundException":
                return Kind.NOT_FOUND;
            case "AccessDeniedException":
            case "AccessDenied":
                return Kind.ACCESS_DENIED;
            case "ValidationException":
            case "ValidationError":
                return Kind.INVALID;
            default:
                return failure.isThrottlingException() ? Kind.THROTTLED : Kind.FAILED;
        }
    }

    static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    static String rootCauseName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + "/"
                + root.getClass().getSimpleName();
    }

    public Service service() {
        return service;
    }

    public Kind kind() {
        return kind;
    }

    /** The service's error code (e.g. {@code ResourceNotFoundException}) or the client-side exception's name. */
    public String errorCode() {
        return errorCode;
    }

    /** The service's request id when it answered, otherwise null. */
    public String requestId() {
        return requestId;
    }
}
