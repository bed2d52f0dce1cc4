package dev.mwaalogin;

/**
 * Browser sign-in could not vouch for the caller: carries the answer to give and a cause safe to log (a reason code,
 * never a token, a cookie or a claim value).
 */
final class SignInRefused extends RuntimeException {

    private final Problem problem;
    private final String cause;

    SignInRefused(Problem problem, String cause) {
        super(problem.code() + "/" + cause, null, false, false);
        this.problem = problem;
        this.cause = cause;
    }

    Problem problem() {
        return problem;
    }

    String reason() {
        return cause;
    }
}
