package dev.mwaalogin;

/**
 * A CreateWebLoginToken call that did not produce a usable login.
 *
 * <p>Carries only what is safe to log: a kind, an error code or exception name, and MWAA's request id. MWAA's
 * message text and the SDK's exception messages are left behind on purpose, since they can quote the answer.
 */
public final class MwaaCallFailed extends RuntimeException {

    /** What kind of failure, which decides the HTTP answer. */
    public enum Kind { NOT_FOUND, ACCESS_DENIED, INVALID, THROTTLED, FAILED, TIMEOUT, UNREACHABLE, BAD_ANSWER }

    private final Kind kind;
    private final String errorCode;
    private final String mwaaRequestId;

    MwaaCallFailed(Kind kind, String errorCode, String mwaaRequestId) {
        super(kind + " " + errorCode, null, false, false);
        this.kind = kind;
        this.errorCode = errorCode;
        this.mwaaRequestId = mwaaRequestId;
    }

    public Kind kind() {
        return kind;
    }

    /** MWAA's error code (e.g. {@code ResourceNotFoundException}) or the client-side exception's name. */
    public String errorCode() {
        return errorCode;
    }

    /** MWAA's request id when MWAA answered, otherwise null. */
    public String mwaaRequestId() {
        return mwaaRequestId;
    }
}
