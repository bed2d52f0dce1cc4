package dev.mwaalogin.request;

import java.util.List;

/**
 * A {@link Failure} on its way up to {@link dev.mwaalogin.LoginService}, with the cookies its answer must set (a
 * sign-in that ended clears its session). Stackless: it is an answer, not a bug, and its message holds only the failure's codes.
 */
public final class Failed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;
    private final transient List<String> cookies;

    public Failed(Failure failure) {
        this(failure, List.of());
    }

    public Failed(Failure failure, List<String> cookies) {
        super(failure.toString(), null, false, false);
        this.failure = failure;
        this.cookies = List.copyOf(cookies);
    }

    /** A refusal: {@code cause} is a code for the log, never a value from the request. */
    public static Failed refused(Failure.Reason reason, String cause) {
        return new Failed(new Failure.Refused(reason, cause));
    }

    public Failure failure() {
        return failure;
    }

    /** {@code Set-Cookie} values for the answer; empty for none. */
    public List<String> cookies() {
        return cookies;
    }
}
