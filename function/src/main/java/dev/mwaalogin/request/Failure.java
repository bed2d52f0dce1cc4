package dev.mwaalogin.request;


/**
 * Why a step of a request did not give what the login needs, as every part of the function reports it: the part
 * throws a {@link Failed} with one of these and decides nothing more. Which answer, log code and metric a failure
 * becomes is decided in one place, {@code Problem.of}.
 *
 * <p>Carries only what is safe to log: a reason, a service and a kind, an error code or an exception's name, and a
 * service's request id. Never a service's message text, a token or anything the caller sent.
 */
public sealed interface Failure {

    /**
     * The function refused the request itself, or had to stop it.
     *
     * @param cause what exactly, for the log: a code such as {@code NotABearerToken}, never a value; null for none
     */
    record Refused(Reason reason, String cause) implements Failure {
    }

    /**
     * A call to a service the login depends on did not give what the login needs, or was not made because too little
     * of the request's time was left ({@link Kind#NO_TIME_LEFT}).
     *
     * @param errorCode the service's error code (e.g. {@code ResourceNotFoundException}) or the client-side
     *                  exception's name
     * @param requestId the service's request id when it answered, otherwise null
     */
    record UpstreamFailed(Service service, Kind kind, String errorCode, String requestId) implements Failure {
    }

    /** Why the function refused or stopped a request. */
    enum Reason {
        NO_SUCH_ROUTE, METHOD_NOT_ALLOWED, INVALID_FORMAT, INVALID_ENVIRONMENT_NAME, ENVIRONMENT_NOT_ALLOWED,
        UNREADABLE_REQUEST,
        NO_IDENTITY, UNNAMED, NOT_ADMITTED, TOO_MANY_GROUPS, GROUPS_NOT_IN_TOKEN, NO_AIRFLOW_ROLE,
        SIGN_IN_REQUIRED, INVALID_TOKEN, SIGN_IN_FAILED, SIGN_IN_DENIED, SIGN_IN_MISCONFIGURED, SIGN_IN_UNAVAILABLE,
        /** {@code /api}: a method MWAA does not forward. */
        API_METHOD_NOT_ALLOWED,
        /** {@code /api}: a path MWAA would not take (empty, longer than its limit, odd segments). */
        API_BAD_PATH,
        /** {@code /api}: a body larger than forwarded. */
        API_BODY_TOO_LARGE,
        /** {@code /api}: a body that is not a JSON object. */
        API_BAD_BODY,
        /** {@code /api}: no {@code API_PATHS} rule allows the method on the path. */
        API_NOT_ALLOWED,
        /** {@code /api} in browser modes without a bearer token: a cookie never authorizes it. */
        API_BEARER_REQUIRED,
        /** {@code /api} without {@code ROLE_MAPPING}: there is no person to call Airflow as. */
        API_NEEDS_ROLE_MAPPING,
        /** Nothing any rule expected: a bug, or an {@link Error}. */
        INTERNAL
    }

    /** The services a login depends on: MWAA; STS for a person's session; Secrets Manager and the provider for sign-in. */
    enum Service { MWAA, STS, SECRETS, PROVIDER }

    /** What kind of failure a call had. */
    enum Kind {
        NOT_FOUND, ACCESS_DENIED, INVALID, THROTTLED, FAILED, TIMEOUT, UNREACHABLE, BAD_ANSWER, NO_TIME_LEFT,
        /** Airflow itself failed behind MWAA's InvokeRestApi (RestApiServerException); the code names its status. */
        AIRFLOW_FAILED,
        /** An answer larger than the function can return. */
        TOO_LARGE
    }
}
