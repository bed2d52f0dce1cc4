package dev.mwaalogin;

import java.util.List;

/**
 * Browser sign-in could not vouch for the caller: carries the answer to give and a cause safe to log (a reason code,
 * never a token, a cookie or a claim value), and the cookies the answer must set (clearing a session it ended).
 */
final class SignInRefused extends RuntimeException {

    private final Problem problem;
    private final String cause;
    private final List<String> cookies;

    SignInRefused(Problem problem, String cause) {
        this(problem, cause, List.of());
    }

    SignInRefused(Problem problem, String cause, List<String> cookies) {
        super(problem.code() + "/" + cause, null, false, false);
        this.problem = problem;
        this.cause = cause;
        this.cookies = List.copyOf(cookies);
    }

    Problem problem() {
        return problem;
    }

    String reason() {
        return cause;
    }

    /** {@code Set-Cookie} values for the answer; empty for none. */
    List<String> cookies() {
        return cookies;
    }
}
